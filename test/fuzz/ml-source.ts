/**
 * Generators of ML source text for the fuzz tests: soups of ML tokens, and programs built from a
 * small grammar of ML statements and expressions (LANGUAGE.md §2).
 *
 * Grammar programs come in two flavours. `"run"` programs are meant to compile: they start with a
 * prelude defining every name they use, and put `return` only in functions and `break`/`continue`
 * only in loops. `"compile"` programs also mix in what the compiler must reject (unknown names,
 * misplaced `return`/`break`/`nonlocal`, imports of missing modules, broken declarations).
 */
import fc from "fast-check";

/** Variables the prelude of every `"run"` program defines. */
const VARIABLES = ["a", "b", "c", "d", "e"];

/** The prelude of `"run"` programs: every variable and function the grammar names is defined. */
const PRELUDE = [
  "import math; import json; import functional; import collections; import regex;",
  'a = 1; b = "s"; c = [1, 2, 3]; d = {"k": 1, "__proto__": 2}; e = null;',
  "function g(p) { return p; }",
  "h = fn(p, q) => [p, q];",
].join("\n");

const CALLEES = [
  "len", "str", "repr", "typeof", "int", "float", "bool", "range", "sorted", "reversed", "keys", "values",
  "min", "max", "abs", "sum", "all", "any", "round", "chr", "ord", "hex", "bin", "format", "iter", "next",
  "getattr", "hasattr", "call", "methods", "enumerate", "zip", "callable", "isinstance", "print", "g", "h",
  "math.sqrt", "math.floor", "math.pow", "json.parse", "json.stringify", "functional.map", "functional.reduce",
  "collections.filter", "collections.sortBy", "regex.findall", "regex.sub",
];
const MEMBERS = [
  "length", "k", "append", "pop", "extend", "insert", "index", "count", "sort", "copy", "upper", "split",
  "join", "replace", "strip", "find", "startswith", "keys", "constructor", "__proto__", "prototype",
  "toString", "valueOf", "then", "call", "bind", "x",
];
const BINARY = ["+", "-", "*", "/", "//", "%", "==", "!=", "<", ">", "<=", ">=", "&&", "||"];
const NUMBERS = [
  "0", "1", "2", "3", "7", "10", "255", "2.5", ".5", "5.", "1e308", "1e-9", "0x1F", "0b101", "0o17",
  "9007199254740993", "4294967295", "1e21", "100000",
];
const STRINGS = [
  '""', '"abc"', "'x'", '"__proto__"', '"constructor"', '"prototype"', '"toString"', '"%s %d %r"', '"%5.2f"',
  '"%%"', '"a,b,,c"', '"\\n\\t"', '"\\u{1F600}"', '"😀"', '"\\x41"', '"\\d+"', '"(a+)+b"', '"{\\"k\\": [1]}"',
  '"1e3"', '" 42 "', '"nan"', '"inf"', '"-0"',
];

/** An ML string literal with the given value. */
function quote(s: string): string {
  return JSON.stringify(s); // every JSON escape is an ML escape or kept verbatim
}

/** Which grammar programs to generate: see the module comment. */
export type Flavour = "run" | "compile";

// A type alias, not an interface: fc.letrec's typed overload needs an index-compatible record.
type Trees = {
  expr: string;
  stmt: string;
  fnStmt: string;
  loopStmt: string;
};

function grammar(flavour: Flavour) {
  const name = flavour === "run" ? fc.constantFrom(...VARIABLES) : fc.constantFrom(...VARIABLES, "zz", "arguments", "this", "print");
  const literal = fc.oneof(
    fc.constantFrom(...NUMBERS),
    fc.integer({ min: 0, max: 50 }).map(String),
    fc.constantFrom(...STRINGS),
    fc.string({ maxLength: 6 }).map(quote),
    fc.constantFrom("true", "false", "null"),
  );
  const member = fc.constantFrom(...MEMBERS);
  const key = fc.oneof(fc.constantFrom("k", "x", "__proto__", "constructor", "if", "length"), fc.string({ maxLength: 4 }).map(quote));
  const block = (s: fc.Arbitrary<string>) => fc.array(s, { minLength: 1, maxLength: 3 }).map((ss) => `{ ${ss.join(" ")} }`);
  const args = (e: fc.Arbitrary<string>) => fc.array(e, { maxLength: 3 }).map((xs) => xs.join(", "));

  return fc.letrec<Trees>((tie) => {
    const expr = tie("expr");
    const stmt = tie("stmt");
    const optional = fc.option(expr, { nil: "" });
    const loopBody = block(tie("loopStmt"));
    const target = fc.oneof(
      name,
      fc.tuple(name, expr).map(([o, k]) => `${o}[${k}]`),
      fc.tuple(name, member).map(([o, m]) => `${o}.${m}`),
    );
    const common = [
      fc.tuple(target, expr).map(([t, v]) => `${t} = ${v};`),
      expr.map((x) => `print(${x});`),
      fc.tuple(name, name, expr).filter(([p, q]) => p !== q).map(([p, q, v]) => `[${p}, ${q}] = ${v};`),
      fc.tuple(name, expr).map(([p, v]) => `{${p}} = ${v};`),
      fc.tuple(fc.constantFrom("call", "g", "len", "str"), args(expr)).map(([f, xs]) => `${f}(${xs});`),
      fc.tuple(expr, block(stmt), fc.option(fc.tuple(expr, block(stmt))), fc.option(block(stmt)))
        .map(([c, t, elif, els]) => `if (${c}) ${t}${elif ? ` elif (${elif[0]}) ${elif[1]}` : ""}${els ? ` else ${els}` : ""}`),
      fc.tuple(name, fc.integer({ min: 0, max: 4 }), loopBody).map(([v, n, body]) => `for (${v} in range(${n})) ${body}`),
      fc.tuple(name, expr, loopBody).map(([v, it, body]) => `for (${v} in ${it}) ${body}`),
      fc.tuple(fc.oneof(fc.constant("true"), expr), loopBody).map(([c, body]) => `while (${c}) ${body}`),
      fc.tuple(block(stmt), fc.option(block(stmt)), fc.boolean())
        .map(([t, fin, ex]) => `try ${t}${ex || fin === null ? " except (err) { print(err); }" : ""}${fin ? ` finally ${fin}` : ""}`),
      expr.map((x) => `throw ${x};`),
      fc.tuple(fc.constantFrom("g", "h", "k1"), fc.constantFrom("", "p", "p, q"), block(tie("fnStmt")))
        .map(([f, ps, body]) => `function ${f}(${ps}) ${body}`),
    ];
    const misplaced = flavour === "compile"
      ? [fc.constantFrom("return 1;", "break;", "continue;", "nonlocal a;", "import nosuch.module;", "capability C { allow nonsense; }", "x = ;", "{a, b} = ;")]
      : [];
    return {
      expr: fc.oneof(
        { depthSize: "small", maxDepth: 4 },
        literal,
        name,
        fc.constantFrom("math.pi", "math.inf", "math.nan", "g", "h", "print", "len"),
        fc.array(expr, { maxLength: 3 }).map((xs) => `[${xs.join(", ")}]`),
        fc.array(fc.tuple(key, expr), { maxLength: 3 }).map((ps) => `{${ps.map(([k, v]) => `${k}: ${v}`).join(", ")}}`),
        fc.tuple(expr, fc.constantFrom(...BINARY), expr).map(([l, op, r]) => `(${l} ${op} ${r})`),
        fc.tuple(fc.constantFrom("-", "!"), expr).map(([op, x]) => `${op}${x}`),
        fc.tuple(expr, expr, expr).map(([c, t, f]) => `(${c} ? ${t} : ${f})`),
        fc.tuple(fc.constantFrom(...CALLEES), args(expr)).map(([f, xs]) => `${f}(${xs})`),
        fc.tuple(expr, member, args(expr)).map(([o, m, xs]) => `(${o}).${m}(${xs})`),
        fc.tuple(expr, expr).map(([o, k]) => `(${o})[${k}]`),
        fc.tuple(expr, optional, optional, optional).map(([o, s, e, st]) => `(${o})[${s}:${e}${st ? `:${st}` : ""}]`),
        fc.tuple(expr, member).map(([o, m]) => `(${o}).${m}`),
        fc.tuple(fc.constantFrom("", "x", "x, y"), expr).map(([ps, body]) => `(fn(${ps}) => ${body})`),
        fc.tuple(fc.constantFrom("", "x"), block(tie("fnStmt"))).map(([ps, body]) => `(fn(${ps}) => ${body})`),
      ),
      stmt: fc.oneof({ depthSize: "small", maxDepth: 3 }, ...common, ...misplaced),
      fnStmt: fc.oneof({ depthSize: "small", maxDepth: 3 }, stmt, optional.map((x) => `return ${x};`)),
      loopStmt: fc.oneof({ depthSize: "small", maxDepth: 3 }, stmt, fc.constantFrom("break;", "continue;")),
    };
  });
}

const grammars = { run: grammar("run"), compile: grammar("compile") };

/**
 * A program of up to `max` statements from the grammar. A `"run"` program starts with the
 * prelude, and most of its statements are wrapped in `try` so that one error does not end the
 * run before the later statements reach the runtime.
 */
export function mlProgram(flavour: Flavour, max = 6): fc.Arbitrary<string> {
  const g = grammars[flavour];
  if (flavour === "compile") return fc.array(g.stmt, { minLength: 1, maxLength: max }).map((ss) => `${ss.join("\n")}\n`);
  const statement = fc.tuple(g.stmt, fc.boolean(), fc.boolean())
    .map(([s, guard, show]) => (guard || show ? `try { ${s} } except (err) { ${show ? "print(err.type);" : ""} }` : s));
  return fc.array(statement, { minLength: 1, maxLength: max }).map((ss) => `${PRELUDE}\n${ss.join("\n")}\n`);
}

const TOKENS = [
  "function", "if", "elif", "else", "while", "for", "in", "try", "except", "finally", "throw", "return", "break",
  "continue", "nonlocal", "import", "as", "capability", "fn", "true", "false", "null", "resource", "allow", "read",
  "+", "-", "*", "/", "//", "%", "==", "!=", "<", ">", "<=", ">=", "&&", "||", "!", "?", ":", "=", ".", ",", ";",
  "(", ")", "[", "]", "{", "}", "=>", "$", "`", "#", "@", "\\", "a", "b", "print", "constructor", "__proto__", "x1",
  "0", "1.5", ".5", "1e", "0x", "0xZZ", "1e400", '"s"', "'t'", '"unterminated', "'\\u{110000}'", '"\\x4"', "/*", "*/",
  "/* c */", "// c\n", "\n", "\r\n", "\r", " ", "\t", "\u00a0", "\u2028", "😀", "\0",
];

/** Soups of ML tokens (and near-tokens) with random separators. */
export const tokenSoup: fc.Arbitrary<string> = fc
  .array(fc.tuple(fc.constantFrom(...TOKENS), fc.constantFrom("", " ", "\n")), { maxLength: 50 })
  .map((parts) => parts.map(([t, sep]) => t + sep).join(""));
