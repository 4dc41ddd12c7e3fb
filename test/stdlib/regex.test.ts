import { describe, expect, it } from "vitest";
import { run } from "../../src/index.js";
import * as regex from "../../src/stdlib/regex.js";
import { Match, Pattern } from "../../src/stdlib/regex.js";
import { ml, mlFails } from "./ml.js";

const r = String.raw;

/** Runs `body` after `import regex;` and returns its output lines. */
async function lines(body: string, options = {}): Promise<string[]> {
  const out = await ml(`import regex;\n${body}`, options);
  return out.split("\n").slice(0, -1);
}

async function fails(body: string, options = {}) {
  return mlFails(`import regex;\n${body}`, options);
}

describe("regex flags", () => {
  it("returns Python's flag numbers under both names", async () => {
    expect(
      await lines(
        "print(regex.IGNORECASE(), regex.MULTILINE(), regex.DOTALL(), regex.VERBOSE(), regex.ASCII(), regex.UNICODE());" +
          "print(regex.I(), regex.M(), regex.S(), regex.X(), regex.A(), regex.U());",
      ),
    ).toEqual(["2 8 16 64 256 32", "2 8 16 64 256 32"]);
  });

  it("combines flags with +", async () => {
    expect(await lines(r`p = regex.compile("^b.c$", regex.IGNORECASE() + regex.MULTILINE() + regex.DOTALL()); print(p.findall("a\nB\nC"), p.flags);`)).toEqual(['["B\\nC"] 26']);
  });

  it("applies VERBOSE and ASCII", async () => {
    expect(await lines(r`print(regex.findall(" a  b  # letters", "ab ab", regex.VERBOSE()));`)).toEqual(['["ab", "ab"]']);
    expect(await lines(r`print(regex.findall("\w+", "héllo", regex.ASCII()), regex.findall("\w+", "héllo", regex.UNICODE()));`)).toEqual([
      '["h", "llo"] ["héllo"]',
    ]);
  });

  it("rejects invalid flag values", async () => {
    expect(await fails(`regex.compile("a", 1);`)).toEqual({
      type: "ValueError",
      message: "invalid regex flags value 1 (add up regex.IGNORECASE(), MULTILINE(), DOTALL(), VERBOSE(), ASCII(), UNICODE())",
    });
    expect(await fails(`regex.compile("a", 4);`)).toEqual({ type: "ValueError", message: "cannot use LOCALE flag with a str pattern" });
    expect(await fails(`regex.compile("a", regex.ASCII() + regex.UNICODE());`)).toEqual({
      type: "ValueError",
      message: "ASCII and UNICODE flags are incompatible",
    });
    expect(await fails(`regex.compile("a", 1.5);`)).toEqual({ type: "TypeError", message: "compile() argument 2 must be an integer, not float" });
  });
});

describe("regex.compile and Pattern", () => {
  it("exposes pattern, flags, groups and groupIndex as properties", async () => {
    expect(
      await lines(
        r`p = regex.compile("(?P<year>\d{4})-(\d\d)", regex.IGNORECASE());
print(p.pattern, p.flags, p.groups, p.groupIndex, p.groupindex, p.group_index);
print(typeof(p), p, regex.compile("a"), str(regex.compile("(?x)a")));
print(methods(p));`,
      ),
    ).toEqual([
      r`(?P<year>\d{4})-(\d\d) 2 2 {"year": 1} {"year": 1} {"year": 1}`,
      r`Pattern <Pattern '(?P<year>\d{4})-(\d\d)' flags=IGNORECASE> <Pattern 'a'> <Pattern '(?x)a' flags=VERBOSE>`,
      '["count", "findall", "finditer", "flags", "fullmatch", "getFlags", "getPattern", "get_flags", "get_pattern", "groupIndex", "group_index", "groupindex", "groups", "match", "pattern", "search", "split", "sub", "subn", "test", "toString", "to_string"]',
    ]);
  });

  it("has the flags as given, as mlpy (inline flags and UNICODE are not added)", async () => {
    expect(await lines(`print(regex.compile("a").flags, regex.compile("(?i)a").flags, regex.compile("(?a)a").flags, regex.compile("a", regex.ASCII()).flags, regex.compile("a+", regex.IGNORECASE()).flags);`)).toEqual([
      "0 0 0 256 2",
    ]);
    // Still compared by the flags in effect: (?i) is IGNORECASE.
    expect(await lines(`print(regex.compile("(?i)a") == regex.compile("(?i)a"), regex.compile("a") == regex.compile("a", regex.UNICODE()));`)).toEqual(["true true"]);
  });

  it("mlpy's getPattern, getFlags and toString methods, under both spellings", async () => {
    expect(
      await lines(`p = regex.compile("a+", regex.IGNORECASE());
print(p.getPattern(), p.get_pattern(), p.getFlags(), p.get_flags());
print(p.toString()); print(p.to_string()); print(regex.compile("a").toString());
print(regex.compile("^x$", regex.IGNORECASE() + regex.MULTILINE()).toString());
print(str(p));`),
    ).toEqual([
      "a+ a+ 2 2",
      "Pattern('a+', flags=IGNORECASE)",
      "Pattern('a+', flags=IGNORECASE)",
      "Pattern('a')",
      "Pattern('^x$', flags=IGNORECASE|MULTILINE)",
      "<Pattern 'a+' flags=IGNORECASE>",
    ]);
  });

  it("Pattern.toString is charged and size-checked", async () => {
    expect(await fails(`p = regex.compile("a" * 200); s = p.toString();`, { limits: { maxStringLength: 100 } })).toMatchObject({ type: "LimitError" });
  });

  it("compares patterns by pattern and flags", async () => {
    expect(await lines(`print(regex.compile("a") == regex.compile("a"), regex.compile("a") == regex.compile("a", regex.I()), regex.compile("a") == regex.compile("b"));`)).toEqual([
      "true false false",
    ]);
  });

  it("accepts a compiled pattern, but not with flags", async () => {
    expect(await lines(`p = regex.compile("a+"); print(regex.compile(p) == p, regex.search(p, "baa").value(), regex.findall(p, "a aa"));`)).toEqual([
      'true aa ["a", "aa"]',
    ]);
    expect(await fails(`regex.search(regex.compile("a"), "a", regex.I());`)).toEqual({
      type: "ValueError",
      message: "cannot process flags argument with a compiled pattern",
    });
  });

  it("offers every search as a method with pos and endpos", async () => {
    expect(
      await lines(
        r`p = regex.compile("\d+");
t = "ab12cd345";
print(p.search(t), p.search(t, 4), p.search(t, 2, 3), p.search(t, 7, 3));
print(p.match(t), p.match(t, 2), p.match(t, 6, 8), p.fullmatch(t, 6), p.fullmatch(t, 6, 8), p.fullmatch(t, 5, 9));
print(p.findall(t), p.findall(t, 3), p.findall(t, 0, 7), len(p.finditer(t, 5)));
print(p.test(t), p.test(t, 9), p.test(t, 0, 2), p.count(t), p.count(t, 3, 8));
print(p.split(t), p.split(t, 1), p.sub("#", t), p.sub("#", t, 1), p.subn("#", t));`,
      ),
    ).toEqual([
      '<Match span=[2, 4] match="12"> <Match span=[6, 9] match="345"> <Match span=[2, 3] match="1"> null',
      'null <Match span=[2, 4] match="12"> <Match span=[6, 8] match="34"> <Match span=[6, 9] match="345"> <Match span=[6, 8] match="34"> null',
      '["12", "345"] ["2", "345"] ["12", "3"] 1',
      "true false false 2 2",
      '["ab", "cd", ""] ["ab", "cd345"] ab#cd# ab#cd345 {"result": "ab#cd#", "count": 2}',
    ]);
  });

  it("clamps pos and endpos like Python", async () => {
    expect(await lines(`p = regex.compile("a*"); print(p.search("aa", -5), p.search("aa", 10), p.match("aa", 1, 99), p.findall("aaa", 1, -1));`)).toEqual([
      '<Match span=[0, 2] match="aa"> <Match span=[2, 2] match=""> <Match span=[1, 2] match="a"> []',
    ]);
  });

  it("anchors ^ and \\A at the real start of the text, not at pos", async () => {
    expect(await lines(r`print(regex.compile("^b").match("ab", 1), regex.compile("\Ab").search("ab", 1), regex.compile("(?m)^b").match("a\nb", 2));`)).toEqual([
      'null null <Match span=[2, 3] match="b">',
    ]);
  });

  it("sees the text before pos for \\b and lookbehind", async () => {
    expect(await lines(r`print(regex.compile("\bb").match("ab", 1), regex.compile("(?<=a)b").match("ab", 1), regex.compile("(?<!a)b").match("ab", 1));`)).toEqual([
      'null <Match span=[1, 2] match="b"> null',
    ]);
  });

  it("lets $ match at endpos", async () => {
    expect(await lines(`print(regex.compile("b$").search("abc", 0, 2), regex.compile("a|ab").fullmatch("xabc", 1, 3));`)).toEqual([
      '<Match span=[1, 2] match="b"> <Match span=[1, 3] match="ab">',
    ]);
  });

  it("checks method arguments", async () => {
    expect(await fails(`regex.compile("a").search(1);`)).toEqual({ type: "TypeError", message: "search() argument 1 must be a string, not number" });
    expect(await fails(`regex.compile("a").search("a", "1");`)).toEqual({ type: "TypeError", message: "search() argument 2 must be an integer, not string" });
    expect(await fails(`regex.compile("a").findall("a", 0, 1.5);`)).toEqual({ type: "TypeError", message: "findall() argument 3 must be an integer, not float" });
    expect((await fails(`regex.compile("a").search();`)).type).toBe("TypeError");
  });
});

describe("regex search functions", () => {
  it("search, match, fullmatch", async () => {
    expect(
      await lines(
        r`print(regex.search("o+", "foo boo"), regex.search("x", "foo"));
print(regex.match("f", "foo"), regex.match("o", "foo"), regex.match("(?i)F", "foo"));
print(regex.fullmatch("fo+", "foo"), regex.fullmatch("fo", "foo"), regex.fullmatch("a|ab", "ab"), regex.fullmatch("x*", ""));
print(regex.search("O", "foo", regex.IGNORECASE()).span(), regex.match("o", "Oo", regex.I()).value(), regex.fullmatch("O+", "oo", regex.I()).value());`,
      ),
    ).toEqual([
      '<Match span=[1, 3] match="oo"> null',
      '<Match span=[0, 1] match="f"> null <Match span=[0, 1] match="f">',
      '<Match span=[0, 3] match="foo"> null <Match span=[0, 2] match="ab"> <Match span=[0, 0] match="">',
      "[1, 2] O oo",
    ]);
  });

  it("findall returns strings, group strings or arrays of groups", async () => {
    expect(
      await lines(
        r`print(regex.findall("\d+", "a1 b22 c333"));
print(regex.findall("(\w)=\d", "a=1 b=2"));
print(regex.findall("(\w)=(\d)?", "a=1 b="));
print(regex.findall("x", "abc"), regex.findall("", "ab"), regex.findall("A", "aA", regex.I()));`,
      ),
    ).toEqual(['["1", "22", "333"]', '["a", "b"]', '[["a", "1"], ["b", ""]]', '[] ["", "", ""] ["a", "A"]']);
  });

  it("finditer returns an array of Match", async () => {
    expect(
      await lines(r`ms = regex.finditer("(\d)(\w)?", "1a 2 3c"); print(typeof(ms), len(ms), ms[0].span(), ms[1].groups(), ms[2].value(), typeof(ms[0]));`),
    ).toEqual(['array 3 [0, 2] ["2", null] 3c Match']);
    expect(await lines(`print(regex.finditer("z", "abc"), len(regex.finditer("a", "A a", regex.I())));`)).toEqual(["[] 2"]);
  });

  it("test and count", async () => {
    expect(
      await lines(`print(regex.test("b+", "abbc"), regex.test("^b", "abc"), regex.test("B", "b", regex.I()), regex.count("an", "banana"), regex.count("", "abc"), regex.count("x", "abc"), regex.count("A", "aa", regex.I()));`),
    ).toEqual(["true false true 2 4 0 2"]);
  });

  it("rejects arguments of the wrong type", async () => {
    expect(await fails(`regex.search(1, "a");`)).toEqual({ type: "TypeError", message: "search() argument 1 must be a string or a Pattern, not number" });
    expect(await fails(`regex.search("a", null);`)).toEqual({ type: "TypeError", message: "search() argument 2 must be a string, not null" });
    expect(await fails(`regex.findall("a", "a", "i");`)).toEqual({ type: "TypeError", message: "findall() argument 3 must be an integer, not string" });
    expect(await fails(`regex.search("a");`)).toEqual({ type: "TypeError", message: "regex.search() takes from 2 to 3 arguments but 1 was given" });
  });
});

describe("empty matches and iteration", () => {
  it("advances like Python 3.7+: an empty match may follow a non-empty one", async () => {
    expect(
      await lines(
        r`print(regex.sub("x*", "-", "abxd"));
print(regex.findall("x*", "abxd"));
print(regex.split("x*", "axbc"));
print(regex.split("\b", "a b"));
print(regex.sub("", "-", "abc"), regex.subn("(?m)^", "> ", "a\nb"));`,
      ),
    ).toEqual(['-a-b--d-', '["", "", "x", "", ""]', '["", "a", "", "b", "c", ""]', '["", "a", " ", "b", ""]', '-a-b-c- {"result": "> a\\n> b", "count": 2}']);
  });

  it("resumes one character after an empty match (a documented difference for lazy empty matches)", async () => {
    // Python 3.7+ gives ["", "a", "", "a", ""]; the linear-time engine resumes after the empty match.
    expect(await lines(`print(regex.findall("a*?", "aa"));`)).toEqual(['["", "", ""]']);
  });

  it("never splits a surrogate pair when stepping over an empty match", async () => {
    expect(await lines(`print(regex.sub("", "|", "😀a"), regex.count("", "😀"));`)).toEqual(["|😀|a| 2"]);
  });
});

describe("regex.split", () => {
  it("includes groups, null for groups that did not participate", async () => {
    expect(
      await lines(
        r`print(regex.split("[,;]", "a,b;c"));
print(regex.split("([,;])", "a,b;c"));
print(regex.split("(,)|(;)", "a,b;c"));
print(regex.split("\s+", "  a b  "), regex.split("x", ""), regex.split("X", "axb", 0, regex.I()));`,
      ),
    ).toEqual(['["a", "b", "c"]', '["a", ",", "b", ";", "c"]', '["a", ",", null, "b", null, ";", "c"]', '["", "a", "b", ""] [""] ["a", "b"]']);
  });

  it("honours maxsplit; a negative maxsplit splits nothing", async () => {
    expect(await lines(`print(regex.split(",", "a,b,c,d", 2), regex.split(",", "a,b", 0), regex.split(",", "a,b", -1), regex.split("(,)", "a,b,c", 1));`)).toEqual([
      '["a", "b", "c,d"] ["a", "b"] ["a,b"] ["a", ",", "b,c"]',
    ]);
  });

  it("checks its arguments", async () => {
    expect(await fails(`regex.split(",", "a", "2");`)).toEqual({ type: "TypeError", message: "split() argument 3 must be an integer, not string" });
  });
});

describe("regex.sub and regex.subn", () => {
  it("expands Python templates", async () => {
    expect(
      await lines(
        r`print(regex.sub("(\w+)@(\w+)", "\2 at \1", "joe@home ann@work"));
print(regex.sub("(?P<k>\w+)=(?P<v>\w+)", "\g<v>=\g<k> (\g<0>, \g<1>)", "a=1"));
print(regex.sub("(a)|b", "[\1]", "ab"));
print(regex.sub("a", "\\n", "a") == "\n", regex.sub("a", "x\ty", "a"), regex.sub("a", "\&", "a"), regex.sub("(a)", "\101\g<1>", "a"));`,
      ),
    ).toEqual(["home at joe work at ann", "1=a (a=1, a)", "[a][]", "true x\ty \\& Aa"]);
  });

  it("calls a function with each Match", async () => {
    expect(
      await lines(
        r`print(regex.sub("\d+", fn(m) => str(int(m.value()) * 2), "a1 b22"));
function tag(m) { return "<" + m.group("w").upper() + ">"; }
print(regex.sub("(?P<w>[a-z]+)", tag, "hi there", 1));
seen = [];
regex.sub("x", fn(m) => { seen.append(m.start()); return ""; }, "axbx");
print(seen);`,
      ),
    ).toEqual(["a2 b44", "<HI> there", "[1, 3]"]);
  });

  it("honours count; a negative count replaces nothing", async () => {
    expect(await lines(`print(regex.sub("a", "b", "aaa", 2), regex.sub("a", "b", "aaa", 0), regex.sub("a", "b", "aaa", -1), regex.sub("A", "b", "aA", 0, regex.I()));`)).toEqual([
      "bba bbb aaa bb",
    ]);
  });

  it("subn returns {result, count}", async () => {
    expect(await lines(`r = regex.subn("o", "0", "foo boo"); print(r, r.result, r.count, regex.subn("z", "", "abc"), regex.subn("o", "0", "foo", 1));`)).toEqual([
      '{"result": "f00 b00", "count": 4} f00 b00 4 {"result": "abc", "count": 0} {"result": "f0o", "count": 1}',
    ]);
  });

  it("reports bad templates and replacements", async () => {
    expect(await fails(r`regex.sub("(a)", "\2", "a");`)).toEqual({
      type: "ValueError",
      message: r`Invalid replacement template '\2': invalid group reference 2 at position 1`,
    });
    expect(await fails(r`regex.sub("a", "\q", "a");`)).toEqual({ type: "ValueError", message: r`Invalid replacement template '\q': bad escape \q at position 0` });
    expect(await fails(r`regex.sub("(?P<a>x)", "\g<b>", "x");`)).toEqual({ type: "IndexError", message: "unknown group name 'b'" });
    expect(await fails(r`regex.sub("a", "\g<1", "a");`)).toEqual({ type: "ValueError", message: r`Invalid replacement template '\g<1': missing >, unterminated name at position 3` });
    expect(await fails(`regex.sub("a", 5, "a");`)).toEqual({ type: "TypeError", message: "sub() argument 2 must be a string or a function, not number" });
    expect(await fails(`regex.sub("a", fn(m) => 1, "a");`)).toEqual({ type: "TypeError", message: "sub() replacement function must return a string, not number" });
    expect(await fails(`regex.subn("a", fn(m) => null, "a");`)).toEqual({ type: "TypeError", message: "subn() replacement function must return a string, not null" });
    expect(await fails(`regex.compile("a").sub(1, "a");`)).toEqual({ type: "TypeError", message: "sub() argument 1 must be a string or a function, not number" });
    // The template is checked even when nothing matches, as in Python.
    expect(await fails(r`regex.sub("z", "\9", "a");`)).toMatchObject({ type: "ValueError" });
  });

  it("a replacement function that makes network requests (compiled async) is a clear TypeError", async () => {
    const source = `import regex; import http;
function twice(m) { http.get("http://127.0.0.1:9/"); return "x"; }
print(regex.sub("a", twice, "aa"));`;
    expect(await mlFails(source)).toEqual({
      type: "TypeError",
      message: "regex.sub(): the callback makes network requests, which is not supported here; use a for loop",
    });
  });

  it("propagates errors raised by the replacement function", async () => {
    expect(await fails(`regex.sub("a", fn(m) => [][1], "a");`)).toEqual({ type: "IndexError", message: "list index out of range" });
  });

  it("checks the result against the program's string limit", async () => {
    const options = { limits: { maxStringLength: 50 } };
    expect(await fails(`x = regex.sub(".", "12345", "abcdefghijklmnopqrst");`, options)).toEqual({
      type: "LimitError",
      message: "string length limit exceeded (max 50)",
    });
    expect(await fails(`x = regex.sub(".", fn(m) => "12345", "abcdefghijklmnopqrst");`, options)).toMatchObject({ type: "LimitError" });
    expect(await fails(r`x = regex.sub("(.)", "\1\1\1\1\1", "abcdefghijklmnopqrst");`, options)).toMatchObject({ type: "LimitError" });
    expect(await lines(`print(regex.sub(".", "12", "abcdefghijklmnopqrst"));`, options)).toEqual(["1212121212121212121212121212121212121212"]);
  });
});

describe("regex.escape and regex.isValid", () => {
  it("escapes only special characters (Python 3.7+)", async () => {
    expect(await lines(r`print(regex.escape("a.b*c d_é-1"), regex.escape(""), regex.escape("abc"));`)).toEqual([r`a\.b\*c\ d_é\-1  abc`]);
  });

  it("round-trips: an escaped text matches itself literally", async () => {
    expect(await lines(r`s = "()[]{}?*+-|^$\\.&~# \t\n\r\x0b\x0c/😀"; print(regex.fullmatch(regex.escape(s), s).value() == s);`)).toEqual(["true"]);
  });

  it("isValid / is_valid", async () => {
    expect(
      await lines(r`print(regex.isValid("a+"), regex.isValid("("), regex.is_valid("(a)\1"), regex.isValid("(?i)a"), regex.isValid("a", 4), regex.isValid(regex.compile("x")));`),
    ).toEqual(["true false false true false true"]);
    expect(await fails(`regex.isValid(1);`)).toEqual({ type: "TypeError", message: "isValid() argument 1 must be a string or a Pattern, not number" });
  });
});

describe("Match", () => {
  it("gives groups by number and name, null when they did not participate", async () => {
    expect(
      await lines(
        r`m = regex.search("(?P<first>\w+) (?:(?P<mid>\w+) )?(?P<last>\w+)", "-- John Doe");
print(m.group(), m.group(0), m.group(1), m.group("last"), m.group("mid"), m.group(1, "last", 2));
print(m.groups(), m.groups("?"));
print(m.groupDict(), m.groupdict("-"), m.group_dict());
print(m.start(), m.end(), m.span(), m.start(3), m.end("first"), m.span("mid"), m.start(2), m.end(2));
print(m.value(), m.groupCount(), m.group_count(), m.string(), m.pos(), m.endpos(), m.re());`,
      ),
    ).toEqual([
      'John Doe John Doe John Doe null ["John", "Doe", null]',
      '["John", null, "Doe"] ["John", "?", "Doe"]',
      '{"first": "John", "mid": null, "last": "Doe"} {"first": "John", "mid": "-", "last": "Doe"} {"first": "John", "mid": null, "last": "Doe"}',
      '3 11 [3, 11] 8 7 [-1, -1] -1 -1',
      r`John Doe 3 3 -- John Doe 0 11 <Pattern '(?P<first>\w+) (?:(?P<mid>\w+) )?(?P<last>\w+)'>`,
    ]);
  });

  it("lastIndex and lastGroup follow Python", async () => {
    expect(
      await lines(
        r`function last(p, t) { m = regex.match(p, t); return [m.lastIndex(), m.lastGroup()]; }
print(last("(a)(b)", "ab"), last("((a)b)", "ab"), last("(?P<x>(a))", "a"), last("(?P<x>a)(?P<y>b)?", "a"), last("(a)()", "a"), last("ab", "ab"));
m = regex.match("(?P<n>a)", "a"); print(m.lastindex(), m.last_index(), m.lastgroup(), m.last_group());`,
      ),
    ).toEqual(['[2, null] [1, null] [1, "x"] [1, "x"] [2, null] [null, null]', "1 1 n n"]);
  });

  it("expands templates", async () => {
    expect(await lines(r`m = regex.search("(?P<k>\w+)=(\w+)?", "a="); print(m.expand("\g<k> is [\2] \g<0>"));`)).toEqual(["a is [] a="]);
    expect(await fails(r`regex.search("a", "a").expand("\1");`)).toEqual({ type: "ValueError", message: r`Invalid replacement template '\1': invalid group reference 1 at position 1` });
  });

  it("displays as <Match span=[s, e] match=\"…\">", async () => {
    expect(await lines(r`m = regex.search("b\n", "ab\nc"); print(m, str(m), repr(m), typeof(m), [m]);`)).toEqual([
      '<Match span=[1, 3] match="b\\n"> <Match span=[1, 3] match="b\\n"> <Match span=[1, 3] match="b\\n"> Match [<Match span=[1, 3] match="b\\n">]',
    ]);
  });

  it("gives null (group) and -1 (start, end, span) for a group that does not exist, as mlpy", async () => {
    expect(
      await lines(`m = regex.search("(a)", "a"); n = regex.search("(?P<x>a)", "a");
print(m.group(2), m.group(-1), m.group(0.5), n.group("y"), m.group(1, 5));
print(m.start(-1), m.end(2), m.span(3), n.span("y"), n.start("nope"), n.end("x"));`),
    ).toEqual(['null null null null ["a", null]', "-1 -1 [-1, -1] [-1, -1] -1 1"]);
    expect(await fails(`regex.search("(a)", "a").group([1]);`)).toEqual({ type: "TypeError", message: "group() group must be an integer or a string, not array" });
  });

  it("mlpy's Match.toString, under both spellings", async () => {
    expect(await lines(`m = regex.search("\\d+", "The answer is 42!"); print(m.toString()); print(m.to_string()); print(str(m));`)).toEqual([
      "Match(value='42', span=[14, 16])",
      "Match(value='42', span=[14, 16])",
      '<Match span=[14, 16] match="42">',
    ]);
    expect(await fails(`m = regex.search(".+", "x" * 200); s = m.toString();`, { limits: { maxStringLength: 100 } })).toMatchObject({ type: "LimitError" });
  });

  it("is read-only and is always true", async () => {
    expect((await fails(`m = regex.search("a", "a"); m.x = 1;`)).type).toMatch(/TypeError|AttributeError/);
    expect(await lines(`m = regex.search("", "a"); print(bool(m), m ? "yes" : "no");`)).toEqual(["true yes"]);
  });

  it("handles a group name that is a JavaScript internal", async () => {
    expect(await lines(r`m = regex.search("(?P<__proto__>a)(?P<constructor>b)", "ab"); d = m.groupDict(); print(d, keys(d), regex.compile("(?P<__proto__>a)").groupIndex);`)).toEqual([
      '{"__proto__": "a", "constructor": "b"} ["__proto__", "constructor"] {"__proto__": 1}',
    ]);
  });
});

describe("pattern syntax", () => {
  it("supports Python named groups and the JavaScript spelling", async () => {
    expect(await lines(r`print(regex.search("(?P<y>\d+)-(?<m>\d+)", "2024-05").groupDict(), regex.search("(?P<année>\d+)", "7").group("année"));`)).toEqual([
      '{"y": "2024", "m": "05"} 7',
    ]);
  });

  it("supports \\A, \\Z, ^ and $", async () => {
    expect(
      await lines(r`print(regex.findall("\A\w", "ab\ncd"), regex.findall("\w\Z", "ab\ncd"), regex.findall("(?m)^\w", "ab\ncd"), regex.findall("(?m)\w$", "ab\ncd"), regex.test("c$", "abc"));`),
    ).toEqual(['["a"] ["d"] ["a", "c"] ["b", "d"] true']);
  });

  it("matches $ without MULTILINE only at the very end (documented difference)", async () => {
    // Python also matches `$` before a final newline; the engine cannot.
    expect(await lines(r`print(regex.search("a$", "a\n"), regex.search("a$", "a\n", regex.M()).span());`)).toEqual(["null [0, 1]"]);
  });

  it("supports inline and scoped flags", async () => {
    expect(
      await lines(
        r`print(regex.findall("(?i)ab", "AB ab aB"), regex.findall("(?i:a)b", "Ab AB ab"), regex.findall("(?-i:a)b", "Ab ab", regex.I()));
print(regex.findall("(?s)a.b", "a\nb"), regex.findall("a.b", "a\nb"), regex.findall("(?s:a.)b", "a\nb"));
print(regex.findall("(?x) a b  # comment", "ab"), regex.findall("(?x:a b) c", "ab cab c"), regex.findall("(?ims)^A.", "x\na\n"));
print(regex.findall("(?a)\w+", "héllo"), regex.findall("(?a:\w)\w", "éé aé"), regex.findall("(?#a comment)x", "x"));`,
      ),
    ).toEqual(['["AB", "ab", "aB"] ["Ab", "ab"] ["ab"]', '["a\\nb"] [] ["a\\nb"]', '["ab"] ["ab c", "ab c"] ["a\\n"]', '["h", "llo"] ["aé"] ["x"]']);
  });

  it("handles VERBOSE patterns: whitespace and comments outside classes only", async () => {
    expect(
      await lines(
        r`p = regex.compile("
  (\d+)   # digits
  [ #]    # a space or a hash: kept inside a class
  \ \#    # an escaped space and an escaped hash
", regex.VERBOSE());
print(p.findall("12# #"), p.findall("3  #"), p.findall("4 x #"));`,
      ),
    ).toEqual(['["12"] ["3"] []']);
  });

  it("makes \\d \\w \\s Unicode-aware, and ASCII under ASCII", async () => {
    expect(
      await lines(
        r`print(regex.findall("\d+", "12 ٣٤"), regex.findall("\w+", "naïve café_1"), regex.split("\s+", "a\u00a0b\u3000c d"));
print(regex.findall("[^\W\d]+", "ab12cé_3"), regex.findall("[\W\d]+", "ab12. cd"), regex.findall("[\S]+", "a b"), regex.findall("[^\S]", "a b"));
print(regex.findall("\d", "٣3", regex.A()), regex.findall("\s", "\x0b\u00a0", regex.A()), regex.findall("[\W]", "é!", regex.A()));`,
      ),
    ).toEqual([
      '["12", "٣٤"] ["naïve", "café_1"] ["a", "b", "c", "d"]',
      '["ab", "cé_"] ["12. "] ["a", "b"] [" "]',
      '["3"] ["\\x0b"] ["é", "!"]',
    ]);
  });

  it("uses ASCII word characters for \\b (documented difference)", async () => {
    expect(await lines(r`print(regex.findall("\b\w+\b", "café au lait"));`)).toEqual(['["caf", "au", "lait"]']);
  });

  it("parses classes, escapes and braces like Python", async () => {
    expect(
      await lines(
        r`print(regex.findall("[]a]+", "]a]b"), regex.findall("[^]a]+", "]a]bc"), regex.findall("[a-]+", "a-b"), regex.findall("[\b]", "a\x08"));
print(regex.findall("[[:alpha:]]+", "p]] x"), regex.findall("\x41\u0042\U00000043\101\0", "ABCA\0"), regex.findall("\.\*\-\#\é", ".*-#é"));
print(regex.findall("a{2}", "aaaaa"), regex.findall("a{,2}", "aaa"), regex.findall("a{2,}?", "aaaa"), regex.findall("{", "{"), regex.findall("a{1,x}", "a{1,x}"), regex.findall("x{}", "x{}"));`,
      ),
    ).toEqual([
      '["]a]"] ["bc"] ["a-"] ["\\x08"]',
      '["p]]"] ["ABCA\\x00"] [".*-#é"]',
      '["aa", "aa"] ["aa", "a", ""] ["aa", "aa"] ["{"] ["a{1,x}"] ["x{}"]',
    ]);
  });

  it("supports lookbehind (also of variable width) and \\p{…}", async () => {
    expect(
      await lines(r`print(regex.findall("(?<=\$)\d+", "$5 6 $78"), regex.findall("(?<!-)\b\d", "-1 2"), regex.findall("(?<=a+)b", "aab b"), regex.findall("\p{Greek}+", "abc αβγ"));`),
    ).toEqual(['["5", "78"] ["2"] ["b"] ["αβγ"]']);
  });

  it("counts positions in UTF-16 code units, like ML strings", async () => {
    expect(
      await lines(
        r`t = "x😀yz";
m = regex.search("y", t);
print(m.span(), t[m.start()], len("😀"), regex.search("😀", t).span(), regex.search(".", "😀").span(), regex.findall("[😀-😂]", "😁x"));
print(regex.compile("z").search(t, 4), regex.split("😀", t), regex.sub(".", "-", "😀a"));`,
      ),
    ).toEqual(['[3, 4] y 2 [1, 3] [0, 2] ["😁"]', '<Match span=[4, 5] match="z"> ["x", "yz"] --']);
  });
});

describe("invalid and unsupported patterns", () => {
  const invalid: [string, string][] = [
    ["(", "missing ), unterminated subpattern at position 0"],
    [")", "unbalanced parenthesis at position 0"],
    ["[a", "unterminated character set at position 0"],
    ["a**", "multiple repeat at position 2"],
    ["*a", "nothing to repeat at position 0"],
    ["a{3,2}", "min repeat greater than max repeat at position 2"],
    [r`\q`, r`bad escape \q at position 0`],
    ["[z-a]", "bad character range z-a at position 1"],
    ["(?P<1a>x)", "bad character in group name '1a' at position 4"],
    ["(?P<a>x)(?P<a>y)", "redefinition of group name 'a' as group 2; was group 1 at position 12"],
    ["a(?i)b", "global flags not at the start of the expression at position 1"],
    ["(?z)", "unknown extension ?z at position 1"],
    [r`\x4`, r`incomplete escape \x4 at position 0`],
  ];
  for (const [pattern, reason] of invalid) {
    it(`rejects ${pattern}`, async () => {
      const source = `regex.compile(${JSON.stringify(pattern)});`;
      expect(await fails(source)).toEqual({ type: "ValueError", message: `Invalid regex pattern '${pattern}': ${reason}` });
    });
  }

  it("rejects a trailing backslash", async () => {
    expect(await fails(`regex.compile("a\\\\");`)).toEqual({ type: "ValueError", message: r`Invalid regex pattern 'a\': bad escape (end of pattern) at position 1` });
  });

  it("rejects backreferences: they cannot be matched in linear time", async () => {
    const message = (p: string) => `Invalid regex pattern '${p}': backreferences are not supported (matching must run in linear time)`;
    expect(await fails(r`regex.compile("(a)\1");`)).toEqual({ type: "ValueError", message: message(r`(a)\1`) });
    expect(await fails(r`regex.search("(?P<q>['\"]).*?(?P=q)", "'a'");`)).toEqual({ type: "ValueError", message: message(`(?P<q>['"]).*?(?P=q)`) });
  });

  it("rejects lookahead, conditionals, atomic groups and possessive quantifiers", async () => {
    expect(await fails(`regex.compile("a(?=b)");`)).toEqual({
      type: "ValueError",
      message: "Invalid regex pattern 'a(?=b)': lookahead assertions are not supported (matching must run in linear time)",
    });
    expect((await fails(`regex.compile("a(?!b)");`)).message).toContain("lookahead assertions are not supported");
    expect((await fails(`regex.compile("(a)?(?(1)b|c)");`)).message).toContain("conditional groups are not supported (matching must run in linear time)");
    expect((await fails(`regex.compile("(?>a+)b");`)).message).toContain("atomic groups are not supported");
    expect((await fails(`regex.compile("a++");`)).message).toContain("possessive quantifiers are not supported");
    expect((await fails(`regex.compile("a{1001}");`)).message).toContain("repetition counts above 1000 are not supported");
    expect((await fails(`regex.compile("(?<=(a))b");`)).message).toContain("capturing groups are not supported inside lookbehind assertions");
  });

  it("reports engine errors as ValueError too", async () => {
    expect(await fails(r`regex.compile("\p{NoSuchScript}");`)).toMatchObject({ type: "ValueError", message: expect.stringMatching(/^Invalid regex pattern '\\p\{NoSuchScript\}': /) });
    expect((await fails(`regex.compile("((a{1000}){1000}){1000}");`)).type).toBe("ValueError");
  });
});

describe("linear-time matching", () => {
  it('regex.test("^(a+)+b$", "a" * 5000 + "c") finishes well under 100 ms', async () => {
    const source = `import regex; print(regex.test("^(a+)+b$", "a" * 5000 + "c"));`;
    await ml(`import regex; print(regex.test("x", "x"));`); // compile the ML runtime paths first
    const t0 = performance.now();
    const out = await ml(source);
    const elapsed = performance.now() - t0;
    expect(out).toBe("false\n");
    expect(elapsed).toBeLessThan(100);
  });

  it("stays fast on other catastrophic patterns and long texts", () => {
    const cases: [string, string][] = [
      ["(x+x+)+y", "x".repeat(20_000)],
      ["(a|aa)+$", "a".repeat(20_000) + "b"],
      [r`(\w+\s?)+$`, "word ".repeat(5_000) + "!"],
      ["(?<=a+)(a*)*c", "a".repeat(20_000)],
    ];
    for (const [p, t] of cases) {
      const t0 = performance.now();
      expect(regex.search(p, t)).toBe(null);
      expect(regex.findall(p, t)).toEqual([]);
      expect(performance.now() - t0).toBeLessThan(500);
    }
  });

  it("Pattern.match at a later position does not scan the rest of the text", async () => {
    // A tokenizer loop: 1000 failing matches in a 1 MB text (a scan to the end would take seconds).
    const source = `import regex; p = regex.compile("[bc]"); t = "a" * 1000000; n = 0;
for (i in range(1, 1001)) { if (p.match(t, i) == null && p.fullmatch(t, i, i + 1) == null) { n = n + 1; } }
print(n);`;
    const t0 = performance.now();
    expect(await ml(source)).toBe("1000\n");
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe("metadata and introspection", () => {
  it("help() describes functions and needs no capability", async () => {
    const [first, second, third] = await lines(`print(help(regex.search));`);
    expect(first).toBe("regex.search(pattern, text, flags=0)");
    expect(second).toBe("The first match of pattern anywhere in text, or null.");
    expect(third).toBe("Capabilities: none required");
    expect((await lines(`print(help(regex.sub));`))[0]).toBe("regex.sub(pattern, repl, text, count=0, flags=0)");
    expect((await lines(`print(help(regex.is_valid));`))[0]).toBe("regex.isValid(pattern, flags=0)");
  });

  it("help() lists the members of Pattern and Match", async () => {
    const pattern = await ml(`import regex; print(help(regex.compile("a")));`);
    expect(pattern).toContain("<Pattern 'a'>");
    expect(pattern).toContain("fullmatch");
    const match = await ml(`import regex; print(help(regex.search("a", "a")));`);
    expect(match).toContain("groupDict");
    expect(match).toContain("lastGroup");
    expect(await ml(`import regex; print(help(regex.compile("a").search));`)).toContain("search(text, pos=0, endpos=null)");
  });

  it("requiredCapabilities() is empty: regex is pure", async () => {
    expect(await lines(`print(requiredCapabilities(regex.search), requiredCapabilities(regex.sub), requiredCapabilities(regex.compile("a").findall));`)).toEqual(["[] [] []"]);
    for (const meta of regex.definition.functionMeta) expect(meta.capabilities).toEqual([]);
  });

  it("declares every function of STDLIB.md", () => {
    const names = [...regex.definition.functions.keys()];
    for (const n of [
      "compile", "search", "match", "fullmatch", "findall", "finditer", "split", "sub", "subn", "test", "count", "escape", "isValid", "is_valid",
      "IGNORECASE", "MULTILINE", "DOTALL", "VERBOSE", "ASCII", "UNICODE",
    ]) {
      expect(names).toContain(n);
    }
  });
});

describe("host-side use", () => {
  it("works called directly, without a program or capabilities", () => {
    const m = regex.search(r`(\d+)`, "ab 42") as Match;
    expect(m).toBeInstanceOf(Match);
    expect(m.group(1)).toBe("42");
    expect(regex.findall(r`\w+`, "a b")).toEqual(["a", "b"]);
    expect(regex.sub("a", "b", "aa")).toBe("bb");
    expect(regex.subn("a", "b", "aa")).toEqual({ result: "bb", count: 2 });
    expect(regex.IGNORECASE()).toBe(2);
  });

  it("gives JSON forms for Pattern and Match", () => {
    const p = regex.compile("(a)(b)?", regex.IGNORECASE()) as Pattern;
    expect(JSON.stringify(p)).toBe('{"pattern":"(a)(b)?","flags":2}');
    const m = regex.search(p, "xA") as Match;
    expect(JSON.stringify(m)).toBe('{"match":"A","span":[1,2],"groups":["A",null]}');
    expect(JSON.stringify({ found: regex.finditer("\\d", "1 2") })).toBe('{"found":[{"match":"1","span":[0,1],"groups":[]},{"match":"2","span":[2,3],"groups":[]}]}');
    expect(String(p)).toBe("<Pattern '(a)(b)?' flags=IGNORECASE>");
    expect(String(m)).toBe('<Match span=[1, 2] match="A">');
  });

  it("returns instances of the exported classes to the host, immutable", async () => {
    const result = await run({ source: `import regex; p = regex.compile("b+"); m = p.search("abb");` });
    const { p, m } = result.exports as { p: Pattern; m: Match };
    expect(p).toBeInstanceOf(Pattern);
    expect(m).toBeInstanceOf(Match);
    expect(m.re).toBe(p);
    expect(Object.isFrozen(p) && Object.isFrozen(m) && Object.isFrozen(m.spans)).toBe(true);
    expect({ pattern: p.pattern, flags: p.flags }).toEqual({ pattern: "b+", flags: 0 });
    expect({ string: m.string, pos: m.pos, endpos: m.endpos, spans: m.spans }).toEqual({ string: "abb", pos: 0, endpos: 3, spans: [1, 3] });
  });

  it("raises ML errors for host callers too", () => {
    expect(() => regex.compile("(")).toThrow(/ValueError: Invalid regex pattern '\(': missing \), unterminated subpattern at position 0/);
    expect(() => regex.search("a", 5 as unknown as string)).toThrow(/TypeError/);
  });
});
