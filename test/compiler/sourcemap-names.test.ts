/**
 * The source map's `names`, as a debugger uses them: Chrome DevTools and VS Code show a
 * variable under the name of a mapping that starts at one of its identifiers in the generated
 * code. So every named mapping must start exactly on an identifier that is that ML name's
 * JavaScript spelling (or the local copy of that builtin), and parameters are named too. The one
 * other place a name goes is a function's `(`, where V8 says the function starts: the call stack
 * shows the function under that name.
 */
import { describe, it, expect } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { TraceMap, eachMapping } from "@jridgewell/trace-mapping";
import { compile, type CompileOptions } from "../../src/compiler/index.js";
import { mangle } from "../../src/compiler/mangle.js";

const fixtureDir = join(fileURLToPath(new URL(".", import.meta.url)), "fixtures");

/** Each named mapping as `line:column name -> the identifier written there`. */
function namedMappings(source: string, options: CompileOptions = {}): { name: string; written: string; at: string }[] {
  const r = compile(source, { filename: "prog.ml", sourceMap: true, ...options });
  expect(r.ok).toBe(true);
  const lines = r.code.split("\n");
  const found: { name: string; written: string; at: string }[] = [];
  eachMapping(new TraceMap(r.map as unknown as ConstructorParameters<typeof TraceMap>[0]), (m) => {
    if (m.name === null) return;
    const text = lines[m.generatedLine - 1]!.slice(m.generatedColumn);
    const before = lines[m.generatedLine - 1]!.slice(0, m.generatedColumn);
    const written = /^[A-Za-z_$][\w$]*/.exec(text)?.[0] ?? (text.startsWith("(") && /function\s*[\w$]*$/.test(before) ? "function(" : text.slice(0, 10));
    found.push({ name: m.name, written, at: `${m.generatedLine}:${m.generatedColumn}` });
  });
  return found;
}

const spelled = (name: string, written: string): boolean =>
  written === mangle(name) || written === `$b_${name}` || written === "function(";

describe("source-map names for debuggers", () => {
  for (const file of readdirSync(fixtureDir).filter((f) => f.endsWith(".ml")).sort()) {
    it(`every named mapping of ${file} starts on that name's identifier`, () => {
      const named = namedMappings(readFileSync(join(fixtureDir, file), "utf8"));
      expect(named.length).toBeGreaterThan(0);
      expect(named.filter((n) => !spelled(n.name, n.written))).toEqual([]);
    });
  }

  it("names parameters, reserved-word names and reads in the inline number paths", () => {
    const source = [
      "function scale(class, factor) {",
      "  new = class * factor;",
      "  return -new + class[0];",
      "}",
      "print(scale(2, 3));",
    ].join("\n");
    const named = namedMappings(source);
    expect(named.filter((n) => !spelled(n.name, n.written))).toEqual([]);
    const pairs = new Set(named.map((n) => `${n.written}=${n.name}`));
    for (const p of ["class$=class", "factor=factor", "new$=new", "function(=scale"]) expect(pairs).toContain(p);
    // Each read of `class` in `class * factor`, `-new` and `class[0]` is named where it is written.
    expect(named.filter((n) => n.name === "class").length).toBeGreaterThanOrEqual(4);
  });

  it("does not give the unchecked twin of a function its ML name (it is another variable)", () => {
    const named = namedMappings("function f(a) { return a; }\nprint(f(1));");
    expect(named.some((n) => n.written === "f$")).toBe(false);
  });

  it("debugBreak pauses before the first statement that runs, mapped to it; only when asked", () => {
    const source = "capability Clock { allow datetime.now; }\n\nx = 1;\nprint(x);";
    const plain = compile(source, { sourceMap: true });
    expect(plain.code).not.toContain("debugger");
    const r = compile(source, { sourceMap: true, debugBreak: true });
    const lines = r.code.split("\n");
    const at = lines.findIndex((l) => l === "debugger;");
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toBe("x = 1;");
    const map = new TraceMap(r.map as unknown as ConstructorParameters<typeof TraceMap>[0]);
    let line: number | null = null;
    eachMapping(map, (m) => {
      if (m.generatedLine === at + 1 && m.generatedColumn === 0) line = m.originalLine;
    });
    expect(line).toBe(3);
    expect(compile("// nothing to run\n", { debugBreak: true }).code).not.toContain("debugger");
  });
});
