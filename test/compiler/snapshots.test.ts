import { describe, it, expect } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import fc from "fast-check";
import { compile } from "../../src/compiler/index.js";
import { MLError } from "../../src/runtime/errors.js";
import type { ProgramContext } from "../../src/runtime/abi.js";
import { compileOk, execute, testRuntime } from "./codegen-helpers.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const fixtureDir = join(here, "fixtures");
const fixtures = readdirSync(fixtureDir).filter((f) => f.endsWith(".ml")).sort();

/** Modules the `imports.ml` fixture imports (plain objects stand in for module objects). */
const fixtureModules: Record<string, unknown> = {
  mathx: { pi: 3, square: (x: number) => x * x },
  "tools.text": { shout: (s: string) => `${s.toUpperCase()}!` },
};

/** Runs a fixture and returns its output followed by an escaped error, if any. */
function runFixture(code: string): string {
  const out: string[] = [];
  const ctx: ProgramContext = {
    rt: testRuntime(out),
    import(path, alias) {
      const key = path.join(".");
      const mod = fixtureModules[key];
      if (mod === undefined) throw new MLError("ImportError", `no module '${key}'`);
      if (alias || path.length === 1) return mod;
      // `import a.b;` binds a namespace `a` whose member `b` is the module.
      let ns: unknown = mod;
      for (let i = path.length - 1; i >= 1; i--) ns = { [path[i]!]: ns };
      return ns;
    },
  };
  try {
    execute(code, ctx);
  } catch (e) {
    out.push(e instanceof MLError ? `!! ${e.mlType}: ${e.mlMessage}\n` : `!! host error ${String(e)}\n`);
  }
  return out.join("");
}

describe("snapshots: generated code and output of the fixtures", () => {
  it("has a representative set of fixtures", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(8);
  });

  for (const name of fixtures) {
    it(name, async () => {
      const source = readFileSync(join(fixtureDir, name), "utf8");
      const r = compile(source, { filename: name });
      expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const base = name.replace(/\.ml$/, "");
      await expect(r.code).toMatchFileSnapshot(join(here, "__snapshots__", `${base}.js`));
      const out = runFixture(r.code);
      expect(out).not.toContain("!! host error");
      await expect(out).toMatchFileSnapshot(join(here, "__snapshots__", `${base}.out`));
    });
  }
});

// -----------------------------------------------------------------------------------------------
// Invariant: generated code names no JavaScript global
// -----------------------------------------------------------------------------------------------

/** JavaScript keywords and literals the generator may emit. */
const JS_WORDS = new Set([
  "const", "let", "function", "if", "else", "while", "for", "of", "return", "true", "false", "null",
  "void", "typeof", "try", "catch", "finally", "throw", "break", "continue", "arguments",
  // module mode
  "import", "export", "default", "from",
]);

interface Token {
  kind: "id" | "str" | "num" | "punct";
  text: string;
}

/** A small tokenizer for the generator's output (no regexes, templates or comments are ever emitted). */
function tokenize(code: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < code.length) {
    const c = code[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (code[j] !== '"') j += code[j] === "\\" ? 2 : 1;
      tokens.push({ kind: "str", text: code.slice(i, j + 1) });
      i = j + 1;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?(e[+-]?[0-9]+)?/.exec(code.slice(i, i + 40))!;
      tokens.push({ kind: "num", text: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z0-9_$]+/.exec(code.slice(i, i + 200))!;
      tokens.push({ kind: "id", text: m[0] });
      i += m[0].length;
    } else if (c === "/" && (code[i + 1] === "/" || code[i + 1] === "*")) {
      throw new Error(`comment in generated code at ${i}`);
    } else {
      tokens.push({ kind: "punct", text: c });
      i++;
    }
  }
  return tokens;
}

/**
 * Identifiers of `code` that are neither `$`-prefixed internals, JavaScript keywords, property
 * names (after `.`), nor declared by the code itself (`let` lists and function parameters).
 */
function freeIdentifiers(code: string): string[] {
  const tokens = tokenize(code);
  const declared = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === "let") {
      for (let j = i + 1; j < tokens.length && (tokens[j]!.kind === "id" || tokens[j]!.text === ","); j++) {
        if (tokens[j]!.kind === "id") declared.add(tokens[j]!.text);
      }
    } else if (t.text === "function" && tokens[i + 1]?.text === "(") {
      for (let j = i + 2; j < tokens.length && tokens[j]!.text !== ")"; j++) {
        if (tokens[j]!.kind === "id") declared.add(tokens[j]!.text);
      }
    }
  }
  const free = new Set<string>();
  tokens.forEach((t, i) => {
    if (t.kind !== "id") return;
    if (t.text.startsWith("$") || JS_WORDS.has(t.text) || declared.has(t.text)) return;
    if (tokens[i - 1]?.text === ".") return; // property name
    free.add(t.text);
  });
  return [...free];
}

/** Names that are JavaScript globals, reserved words or prototype keys: the risky ones. */
const NAMES = ["x", "f", "Object", "undefined", "class", "arguments", "eval", "constructor", "__proto__",
  "let", "async", "Math", "globalThis", "print", "len", "n"];

/** A random ML program (syntactically valid, every name bound), from a seed. */
function randomProgram(seed: number): string {
  let state = seed >>> 0 || 1;
  const rnd = (n: number) => {
    state = (state * 1103515245 + 12345) >>> 0;
    return (state >>> 8) % n;
  };
  const pick = <T,>(xs: readonly T[]): T => xs[rnd(xs.length)]!;
  const name = () => pick(NAMES.filter((n) => n !== "print" && n !== "len"));
  const expr = (d: number): string => {
    if (d <= 0) return pick([name(), String(rnd(10)), '"s"', "true", "null", "[]"]);
    switch (rnd(12)) {
      case 0: return `${expr(d - 1)} ${pick(["+", "-", "*", "/", "//", "%", "==", "<", ">="])} ${expr(d - 1)}`;
      case 1: return `${expr(d - 1)} ${pick(["&&", "||"])} ${expr(d - 1)}`;
      case 2: return `!${expr(d - 1)}`;
      case 3: return `(${expr(d - 1)} ? ${expr(d - 1)} : ${expr(d - 1)})`;
      case 4: return `${name()}(${expr(d - 1)})`;
      case 5: return `${name()}[${expr(d - 1)}]`;
      case 6: return `${name()}.${pick(NAMES)}`;
      case 7: return `[${expr(d - 1)}, ${expr(d - 1)}]`;
      case 8: return `{${pick(NAMES)}: ${expr(d - 1)}, "k": ${expr(d - 1)}}`;
      case 9: return `fn(${pick(["", "a", "a, b"])}) => ${expr(d - 1)}`;
      case 10: return `${pick(["print", "len"])}(${expr(d - 1)})`;
      default: return `${name()}[1:${expr(d - 1)}]`;
    }
  };
  const stmts = (d: number, inFn: boolean, inLoop: boolean): string => {
    const out: string[] = [];
    const count = 1 + rnd(4);
    for (let k = 0; k < count; k++) {
      const r = d <= 0 ? rnd(3) : rnd(14);
      switch (r) {
        case 0: out.push(`${name()} = ${expr(2)};`); break;
        case 1: out.push(`(${expr(2)});`); break;
        case 2: out.push(`${name()}[${expr(1)}] = ${expr(1)};`); break;
        case 3: out.push(`if (${expr(2)}) { ${stmts(d - 1, inFn, inLoop)} } elif (${expr(1)}) { ${stmts(d - 1, inFn, inLoop)} } else { ${stmts(d - 1, inFn, inLoop)} }`); break;
        case 4: out.push(`while (${expr(1)}) { ${stmts(d - 1, inFn, true)} break; }`); break;
        case 5: out.push(`for (${name()} in ${pick(["range(3)", "range(1, 4)", "[1, 2]", `"ab"`, name()])}) { ${stmts(d - 1, inFn, true)} }`); break;
        case 6: out.push(`function ${name()}(${pick(["", "p", "p, q"])}) { ${stmts(d - 1, true, false)} }`); break;
        case 7: out.push(`try { ${stmts(d - 1, inFn, inLoop)} } except (${name()}) { ${stmts(d - 1, inFn, inLoop)} } finally { ${stmts(d - 1, inFn, inLoop)} }`); break;
        case 8: out.push(`[${pick(["a", "class"])}, ${pick(["b", "Object"])}] = ${expr(1)};`); break;
        case 9: out.push(`{${pick(["constructor", "eval"])}, ${pick(["__proto__", "n"])}} = ${expr(1)};`); break;
        case 10: out.push(inFn ? `return ${expr(2)};` : `throw ${expr(1)};`); break;
        case 11: out.push(inLoop ? pick(["break;", "continue;"]) : `${name()} = ${expr(1)};`); break;
        case 12: out.push(inFn ? `nonlocal ${pick(["x", "n"])};` : `${name()} = 1;`); break;
        default: out.push(`${name()} = fn(a) => { ${stmts(d - 1, true, false)} };`); break;
      }
    }
    return out.join("\n");
  };
  const prelude = NAMES.filter((n) => n !== "print" && n !== "len").map((n) => `${n} = 1;`).join(" ");
  return `${prelude}\n${stmts(3, false, false)}`;
}

describe("invariant: generated code references no JavaScript global", () => {
  it("the tokenizer finds free identifiers", () => {
    expect(freeIdentifiers("let a; a = Object.keys(b); $x(a);")).toEqual(["Object", "b"]);
  });

  it("holds for every fixture, in both modes", () => {
    for (const name of fixtures) {
      const source = readFileSync(join(fixtureDir, name), "utf8");
      for (const mode of ["function", "module"] as const) {
        const r = compile(source, { mode });
        expect(freeIdentifiers(r.code), `${name} (${mode})`).toEqual(mode === "module" ? ["standaloneContext", "run"] : []);
      }
    }
  });

  it("holds for random programs full of risky names, which also compile to valid JavaScript and fail only with ML errors", () => {
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const source = randomProgram(seed);
        const r = compile(source);
        if (!r.ok) {
          // Nonlocal after a use, duplicate parameters etc. may happen: those are fine as long as
          // they are real ML errors.
          expect(r.diagnostics.filter((d) => d.severity === "error").every((d) => /^ML2/.test(d.code)), source).toBe(true);
          return;
        }
        expect(freeIdentifiers(r.code), source).toEqual([]);
        const ctx: ProgramContext = { rt: testRuntime([], { steps: 2_000, recursion: 40 }), import: () => null };
        try {
          execute(r.code, ctx);
        } catch (e) {
          expect(e instanceof MLError, `${String(e)}\n${source}\n${r.code}`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("module mode needs only the one runtime import", () => {
    const code = compileOk("print(1);", { mode: "module" }).code;
    expect(tokenize(code).filter((t) => t.text === "import")).toHaveLength(1);
  });
});
