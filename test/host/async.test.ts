import { describe, expect, it } from "vitest";
import { compile, defineModule, load, registry, run } from "../../src/index.js";

// An extension module with an asynchronous function, standing in for `http`.
const m = defineModule("slowecho", "Echoes a value after a timer (asynchronous).");
const echo = m.function(
  { name: "echo", params: "v, ms=1", returns: "any", description: "v, after ms milliseconds.", async: true },
  (v: unknown, ms?: unknown) => new Promise((resolve) => setTimeout(() => resolve(v), typeof ms === "number" ? ms : 1)),
);
const sync = m.function({ name: "now", params: "", returns: "number", description: "Always 7." }, () => 7);
registry.register("slowecho", { definition: m.done() });
void echo;
void sync;

describe("asynchronous functions (HOST.md §5)", () => {
  it("a pure program compiles to synchronous JavaScript", () => {
    const r = compile("function f(x) { return [x].map ? 1 : 2; } print(f(1)); o = {}; o.g = fn(x) => x; o.g(1);");
    expect(r.ok).toBe(true);
    expect(r.async).toBe(false);
    expect(r.code).not.toMatch(/\basync\b|\bawait\b/);
  });

  it("a program importing http marks only the functions that can reach a request", () => {
    const r = compile(`import http;
function pure(x) { return x * 2 + len([x]); }
function fetch(u) { return http.get(u); }
function caller(u) { return fetch(u); }
function usesPure(x) { return pure(x); }
function viaValue(f, x) { return f(x); }
`);
    expect(r.ok).toBe(true);
    expect(r.async).toBe(true);
    const fnLine = (name: string) => r.code.split("\n").find((l) => l.includes(`${name} = `))!;
    expect(fnLine("pure")).not.toContain("async");
    expect(fnLine("usesPure")).not.toContain("async");
    expect(fnLine("fetch")).toContain("async function");
    expect(fnLine("caller")).toContain("async function");
    expect(fnLine("viaValue")).toContain("async function");
  });

  it("ML code calls an asynchronous function like any other; the host awaits the exports", async () => {
    const r = await run({
      source: `import slowecho;
function twice(x) { a = slowecho.echo(x); b = slowecho.echo(a + 1); return [a, b, slowecho.now()]; }
print(twice(1));
f = slowecho.echo;
print(f("via value"));
function apply(g, v) { return g(v); }
print(apply(slowecho.echo, "passed"));
try { throw slowecho.echo({"type": "ValueError", "message": "late"}); } except (e) { print("caught", e.type); }
`,
    });
    expect(r.stdout).toBe('[1, 2, 7]\nvia value\npassed\ncaught ValueError\n');
  });

  it("exported async functions return promises; errors become MLRuntimeError", async () => {
    const p = await load({ source: "import slowecho; function f(x) { v = slowecho.echo(x); return 10 / v; }", filename: "a.ml" });
    await expect((p.exports.f as (...a: unknown[]) => unknown)(2)).resolves.toBe(5);
    await expect((p.exports.f as (...a: unknown[]) => unknown)(0)).rejects.toMatchObject({ mlType: "ZeroDivisionError" });
  });
});
