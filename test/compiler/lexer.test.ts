import { describe, expect, it } from "vitest";
import { tokenize } from "../../src/compiler/lexer.js";
import { KEYWORDS, type Token } from "../../src/compiler/tokens.js";

/** Kinds of all tokens except the final EOF. */
function kinds(source: string): string[] {
  return tokenize(source).tokens.slice(0, -1).map((t) => t.kind);
}

/** Compact `kind(value)` rendering for names, numbers and strings; the kind for the rest. */
function show(source: string): string {
  return tokenize(source)
    .tokens.slice(0, -1)
    .map((t) => (t.kind === "Name" || t.kind === "Number" ? `${t.kind}(${t.value})` : t.kind === "String" ? `String(${JSON.stringify(t.value)})` : t.kind))
    .join(" ");
}

function codes(source: string): string[] {
  return tokenize(source).diagnostics.map((d) => d.code);
}

function only(source: string): Token {
  const { tokens, diagnostics } = tokenize(source);
  expect(diagnostics).toEqual([]);
  expect(tokens).toHaveLength(2);
  return tokens[0]!;
}

describe("lexer: token kinds", () => {
  it("lexes every punctuator", () => {
    const ops = "+ - * / % == != < > <= >= && || ! ? : = . , ; ( ) [ ] { } =>";
    expect(kinds(ops)).toEqual(ops.split(" "));
  });

  it("lexes adjacent operators greedily", () => {
    expect(kinds("a<=b>=c==d!=e=>f")).toEqual(["Name", "<=", "Name", ">=", "Name", "==", "Name", "!=", "Name", "=>", "Name"]);
    expect(kinds("!!x")).toEqual(["!", "!", "Name"]);
    expect(kinds("a=-b")).toEqual(["Name", "=", "-", "Name"]);
  });

  it("lexes every reserved word as a keyword", () => {
    for (const k of KEYWORDS) expect(kinds(k)).toEqual([k]);
  });

  it("treats capability words and near-keywords as names", () => {
    for (const w of ["resource", "allow", "read", "write", "execute", "network", "system", "If", "fns", "in_", "_", "nulls"]) {
      expect(only(w)).toMatchObject({ kind: "Name", value: w });
    }
  });

  it("lexes identifiers with digits and underscores", () => {
    expect(show("_a1 B_2 c__3")).toBe("Name(_a1) Name(B_2) Name(c__3)");
  });

  it("ends with a single EOF token", () => {
    const { tokens } = tokenize("");
    expect(tokens.map((t) => t.kind)).toEqual(["EOF"]);
    expect(tokenize("x").tokens.at(-1)!.kind).toBe("EOF");
  });
});

describe("lexer: positions", () => {
  it("gives 1-based lines and columns, 0-based offsets, exclusive ends", () => {
    const { tokens } = tokenize("ab = 1;\n  cd");
    expect(tokens[0]).toMatchObject({ start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 3, offset: 2 } });
    expect(tokens[2]).toMatchObject({ start: { line: 1, column: 6, offset: 5 }, end: { line: 1, column: 7, offset: 6 } });
    expect(tokens[4]).toMatchObject({ kind: "Name", start: { line: 2, column: 3, offset: 10 }, end: { line: 2, column: 5, offset: 12 } });
  });

  it("counts CRLF and lone CR as one line break each", () => {
    const { tokens } = tokenize("a\r\nb\rc\n\nd");
    expect(tokens.slice(0, 4).map((t) => [t.start.line, t.start.column])).toEqual([[1, 1], [2, 1], [3, 1], [5, 1]]);
  });

  it("tracks positions across multi-line strings and block comments", () => {
    const { tokens } = tokenize('x = "a\nbc" /* 1\n2 */ y');
    expect(tokens[2]).toMatchObject({ start: { line: 1, column: 5 }, end: { line: 2, column: 4, offset: 10 } });
    expect(tokens[3]).toMatchObject({ kind: "Name", start: { line: 3, column: 6 } });
  });

  it("marks tokens that start a new line", () => {
    const { tokens } = tokenize("a b\n c");
    expect(tokens.map((t) => t.newlineBefore)).toEqual([true, false, true, true]);
  });

  it("skips a byte-order mark without shifting columns", () => {
    const { tokens, diagnostics } = tokenize("\uFEFFx = 1;");
    expect(diagnostics).toEqual([]);
    expect(tokens[0]).toMatchObject({ kind: "Name", start: { line: 1, column: 1, offset: 1 } });
  });
});

describe("lexer: the // rule", () => {
  it("is floor division after a name, number, string or literal keyword", () => {
    expect(kinds("x // 2")).toEqual(["Name", "//", "Number"]);
    expect(kinds("7 // 2")).toEqual(["Number", "//", "Number"]);
    expect(kinds("'ab' // 2")).toEqual(["String", "//", "Number"]);
    expect(kinds("true // 2")).toEqual(["true", "//", "Number"]);
    expect(kinds("false // 2")).toEqual(["false", "//", "Number"]);
    expect(kinds("null // 2")).toEqual(["null", "//", "Number"]);
  });

  it("is floor division after ) and ]", () => {
    expect(kinds("f() // 2")).toEqual(["Name", "(", ")", "//", "Number"]);
    expect(kinds("a[0] // 2")).toEqual(["Name", "[", "Number", "]", "//", "Number"]);
  });

  it("ignores whitespace, newlines and block comments between operand and //", () => {
    expect(kinds("x\n   // 2")).toEqual(["Name", "//", "Number"]);
    expect(kinds("x /* c */ // 2")).toEqual(["Name", "//", "Number"]);
  });

  it("is a comment after ; and at the start of input", () => {
    expect(kinds("x = 7; // note")).toEqual(["Name", "=", "Number", ";"]);
    expect(kinds("// only a comment\nx")).toEqual(["Name"]);
  });

  it("is a comment after operators, keywords, openers and commas", () => {
    for (const before of ["=", "+", "(", "[", ",", ":", "?", "&&", "||", "!", "==", "<", "=>", "{", "return", "throw", "else", "in"]) {
      expect(kinds(`${before} // c\n`)).toEqual([before]);
    }
  });

  it("treats a keyword after '.' as a member name operand", () => {
    expect(kinds("o.if // 2")).toEqual(["Name", ".", "if", "//", "Number"]);
    expect(kinds("if // c")).toEqual(["if"]);
  });

  it("is floor division after the } of an object literal", () => {
    expect(kinds("x = {a: 1} // 2")).toEqual(["Name", "=", "{", "Name", ":", "Number", "}", "//", "Number"]);
    expect(kinds("f({}) // 2").slice(-2)).toEqual(["//", "Number"]);
    expect(kinds("[{a: {b: 1}} // 2]")).toEqual(["[", "{", "Name", ":", "{", "Name", ":", "Number", "}", "}", "//", "Number", "]"]);
    expect(kinds("return {} // 2")).toEqual(["return", "{", "}", "//", "Number"]);
    expect(kinds("c ? {} : {} // 2").slice(-2)).toEqual(["//", "Number"]);
  });

  it("is a comment after the } of a block", () => {
    expect(kinds("if (x) { y; } // c")).toEqual(["if", "(", "Name", ")", "{", "Name", ";", "}"]);
    expect(kinds("function f() { } // c")).toEqual(["function", "Name", "(", ")", "{", "}"]);
    expect(kinds("try { } finally { } // c")).toEqual(["try", "{", "}", "finally", "{", "}"]);
    expect(kinds("capability C { allow read; } // c")).toEqual(["capability", "Name", "{", "Name", "Name", ";", "}"]);
  });

  it("is a comment after the } of a destructuring pattern", () => {
    expect(kinds("{a, b} // c")).toEqual(["{", "Name", ",", "Name", "}"]);
  });

  it("follows the arrow-body rule: fn() => {} and fn() => {a: 1} are objects", () => {
    expect(kinds("fn() => {} // 2").slice(-2)).toEqual(["//", "Number"]);
    expect(kinds("fn() => {a: 1} // 2").slice(-2)).toEqual(["//", "Number"]);
    expect(kinds("fn() => {'a': 1} // 2").slice(-2)).toEqual(["//", "Number"]);
    expect(kinds("fn() => {if: 1} // 2").slice(-2)).toEqual(["//", "Number"]);
  });

  it("follows the arrow-body rule: fn() => { return 1; } is a block", () => {
    expect(kinds("fn() => { return 1; } // c").slice(-1)).toEqual(["}"]);
    expect(kinds("fn() => { a; } // c").slice(-1)).toEqual(["}"]);
    expect(kinds("fn() => { {a} = o; } // c").slice(-1)).toEqual(["}"]);
    // An object literal inside a block body is still an object.
    expect(kinds("fn() => { return {a: 1} // 2\n; } // c").slice(-6)).toEqual(["Number", "}", "//", "Number", ";", "}"]);
  });

  it("handles nested arrows and braces after =>", () => {
    expect(kinds("fn() => fn() => {} // 2").slice(-2)).toEqual(["//", "Number"]);
    expect(kinds("f(fn() => { g(); }) // 2").slice(-2)).toEqual(["//", "Number"]);
  });
});

describe("lexer: comments", () => {
  it("skips line and block comments", () => {
    expect(kinds("a /* x */ b; // y\nc")).toEqual(["Name", "Name", ";", "Name"]);
    expect(kinds("/* a /* b */ c")).toEqual(["Name"]); // not nested
    expect(kinds("a/**/b")).toEqual(["Name", "Name"]);
  });

  it("reports an unterminated block comment (ML1003) at its start", () => {
    const { tokens, diagnostics } = tokenize("x = 1;\n/* never closed\nmore");
    expect(tokens.map((t) => t.kind)).toEqual(["Name", "=", "Number", ";", "EOF"]);
    expect(diagnostics).toMatchObject([{ code: "ML1003", loc: { start: { line: 2, column: 1 } } }]);
  });
});

describe("lexer: numbers", () => {
  it.each([
    ["0", 0], ["42", 42], ["5.", 5], [".5", 0.5], ["2.5", 2.5], ["2.5e-3", 0.0025], ["1e3", 1000], ["1E+2", 100],
    ["5.e2", 500], ["0x1F", 31], ["0XfF", 255], ["0o17", 15], ["0O7", 7], ["0b101", 5], ["0B1", 1], ["007", 7],
    ["9007199254740993", 9007199254740992], ["1e999", Infinity],
  ])("%s is %d", (raw, value) => {
    expect(only(raw)).toMatchObject({ kind: "Number", value: raw, number: value });
  });

  it.each([
    ["0x", "has no digits"], ["0b", "has no digits"], ["0b102", "invalid digit '2' in binary literal"],
    ["0o8", "invalid digit '8'"], ["0x1g", "invalid digit 'g'"], ["1e", "exponent has no digits"],
    ["1e+", "exponent has no digits"], ["12abc", "invalid number '12abc'"], ["1.5x", "invalid number"],
  ])("%s is invalid (ML1004)", (raw, message) => {
    const { tokens, diagnostics } = tokenize(raw);
    expect(tokens.map((t) => t.kind)).toEqual(["Number", "EOF"]);
    expect(tokens[0]!.value).toBe(raw);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "ML1004", loc: { start: { column: 1 }, end: { column: raw.length + 1 } } });
    expect(diagnostics[0]!.message).toContain(message);
  });

  it("does not take a leading minus", () => {
    expect(kinds("-5")).toEqual(["-", "Number"]);
  });

  it("splits 1..2 and a.5", () => {
    expect(show("1..2")).toBe("Number(1.) Number(.2)");
  });
});

describe("lexer: strings", () => {
  it.each([
    [`"abc"`, "abc"], [`'abc'`, "abc"], [`"it's"`, "it's"], [`'say "hi"'`, 'say "hi"'], [`""`, ""],
    [String.raw`"a\nb"`, "a\nb"], [String.raw`"\t\r\0"`, "\t\r\0"], [String.raw`"\\"`, "\\"], [String.raw`'\''`, "'"],
    [String.raw`"\""`, '"'], [String.raw`'\"'`, '"'], [String.raw`"\x41\x7a"`, "Az"], [String.raw`"\u00e9\u20AC"`, "é€"],
    [String.raw`"\u{1F600}"`, "😀"], [String.raw`"\u{41}"`, "A"], [String.raw`"\u{10FFFF}"`, "\u{10FFFF}"],
  ])("%s has value %j", (raw, value) => {
    expect(only(raw)).toMatchObject({ kind: "String", value });
  });

  it("keeps unknown escapes verbatim, backslash included", () => {
    expect(only(String.raw`'\d+'`).value).toBe("\\d+");
    expect(only(String.raw`'\bword\b'`).value).toBe("\\bword\\b");
    expect(only(String.raw`"\s*\.\("`).value).toBe("\\s*\\.\\(");
    expect(only(String.raw`"\a\q\1"`).value).toBe("\\a\\q\\1");
  });

  it("allows raw newlines inside strings", () => {
    expect(only("'line1\nline2'").value).toBe("line1\nline2");
    expect(only("'a\r\nb'").value).toBe("a\r\nb");
  });

  it("keeps a backslash before a newline verbatim", () => {
    expect(only("'a\\\nb'").value).toBe("a\\\nb");
  });

  it.each([
    [String.raw`"\x4"`, "\\x4"], [String.raw`"\xZZ"`, "\\xZZ"], [String.raw`"\u12"`, "\\u12"], [String.raw`"\u{}"`, "\\u{}"],
    [String.raw`"\u{110000}"`, "\\u{110000}"], [String.raw`"\u{1234567}"`, "\\u{1234567}"], [String.raw`"\u{41"`, "\\u{41"],
  ])("reports a malformed escape in %s (ML1005) and keeps going", (raw, value) => {
    const { tokens, diagnostics } = tokenize(`${raw} x`);
    expect(tokens.map((t) => t.kind)).toEqual(["String", "Name", "EOF"]);
    expect(tokens[0]!.value).toBe(value);
    expect(diagnostics.map((d) => d.code)).toEqual(["ML1005"]);
    expect(diagnostics[0]!.loc.start.column).toBe(2);
  });

  it("reports an unterminated string (ML1002) and resumes on the next line", () => {
    const { tokens, diagnostics } = tokenize('x = "abc;\ny = 2;');
    expect(tokens.map((t) => t.kind)).toEqual(["Name", "=", "String", "Name", "=", "Number", ";", "EOF"]);
    expect(tokens[2]!.value).toBe("abc;");
    expect(diagnostics).toMatchObject([{ code: "ML1002", loc: { start: { line: 1, column: 5 }, end: { line: 1, column: 10 } } }]);
    expect(tokens[3]!.start).toEqual({ line: 2, column: 1, offset: 10 });
  });

  it("reports a string ended by a backslash at end of input as unterminated", () => {
    expect(codes("'abc\\")).toEqual(["ML1002"]);
  });
});

describe("lexer: unexpected characters (ML1001)", () => {
  it("reports and skips them, continuing with the next token", () => {
    const { tokens, diagnostics } = tokenize("a @ b ~ c");
    expect(tokens.map((t) => t.kind)).toEqual(["Name", "Name", "Name", "EOF"]);
    expect(diagnostics.map((d) => [d.code, d.loc.start.column])).toEqual([["ML1001", 3], ["ML1001", 7]]);
  });

  it("reports a run of bad characters once", () => {
    const { diagnostics } = tokenize("x = @$~^@;");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "ML1001", message: "unexpected characters '@$~^@'", loc: { start: { column: 5 }, end: { column: 10 } } });
  });

  it("ends a run of bad characters before a template literal or a # comment, which get their own errors", () => {
    const tick = tokenize("x = @`a`;\ny = 1;");
    expect(tick.diagnostics.map((d) => d.message)).toEqual(["unexpected character '@'", "ML has no template literals"]);
    expect(tick.tokens.map((t) => t.kind)).toEqual(["Name", "=", "String", ";", "Name", "=", "Number", ";", "EOF"]);
    const hash = tokenize("y = 1; @# note\nz = 2;");
    expect(hash.diagnostics.map((d) => d.message)).toEqual(["unexpected character '@'", "ML comments start with '//', not '#'"]);
    expect(hash.tokens.map((t) => t.value).slice(4)).toEqual(["z", "=", "2", ";", ""]);
  });

  it("suggests && and || for single & and |", () => {
    const { diagnostics } = tokenize("a & b | c");
    expect(diagnostics.map((d) => d.suggestion)).toEqual([expect.stringContaining("'&&'"), expect.stringContaining("'||'")]);
  });

  it("rejects non-ASCII identifiers and shows invisible characters by code point", () => {
    expect(tokenize("é").diagnostics[0]!.message).toBe("unexpected character 'é'");
    expect(tokenize("\u00a0x").diagnostics[0]!.message).toBe("unexpected character U+00A0");
    expect(tokenize("\u0007").diagnostics[0]!.message).toBe("unexpected character U+0007");
  });

  it("keeps surrogate pairs together", () => {
    const { diagnostics } = tokenize("😀 x");
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ message: "unexpected character '😀'", loc: { end: { column: 3 } } });
  });
});
