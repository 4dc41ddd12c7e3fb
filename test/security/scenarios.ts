/**
 * Host-side procedures for hostile programs whose technique needs the host to do something:
 * pass a hostile host value in, use what the program returns, switch capability contexts, forge
 * or mutate tokens, or lay out files (symlinks). A program names one with `// scenario: <name>`.
 *
 * A scenario loads the program itself and may throw what `load` or an exported function throws
 * (the runner compares that with the program's expected error). What the host observes is
 * reported with `print`, so that the expectation stays in the program's header.
 */
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CapabilityContext, capability, load, withCapabilities, type LoadOptions } from "../../src/index.js";
import type { CapabilityToken } from "../../src/capabilities/token.js";

/** What the runner hands a scenario. */
export interface ScenarioInput {
  /** The program's file. */
  file: string;
  /** Limits, output sinks and import roots, plus the header's grants as `capabilities`. */
  options: LoadOptions;
  /** The header's grants as tokens, for calls made after loading. */
  grants: CapabilityToken[];
  /** A fresh directory for this run. */
  tmp: string;
  /** Adds a line to the program's output. */
  print: (line: string) => void;
}

export type Scenario = (input: ScenarioInput) => Promise<void>;

type Exports = Record<string, (...args: unknown[]) => unknown>;

async function exportsOf(input: ScenarioInput, options: LoadOptions = input.options): Promise<Exports> {
  return (await load(input.file, options)).exports as Exports;
}

/** Loads the program and calls `main(...args)` under the header's grants. */
function callMain(...args: unknown[]): Scenario {
  return async (input) => {
    const main = (await exportsOf(input)).main!;
    await withCapabilities(input.grants, () => main(...args));
  };
}

/** Counts calls of host functions the value carries, and reports them after `main` ran. */
function callMainCounting(make: (hit: () => void) => unknown[], label: string): Scenario {
  return async (input) => {
    let hits = 0;
    const args = make(() => hits++);
    try {
      await callMain(...args)(input);
    } finally {
      input.print(`host: ${label}: ${hits}`);
    }
  };
}

/**
 * Loads the program, calls `main()`, lets the host use the result the way `use` does, then
 * reports how many times ML functions ran although the host never called one (`count()`).
 */
function useResult(use: (result: unknown) => Promise<void> | void): Scenario {
  return async (input) => {
    const { main, count } = await exportsOf(input);
    const result = main!();
    await use(result);
    input.print(`host: ML functions called implicitly: ${String(count!())}`);
  };
}

/** Counts host-side operations that throw (the refusals a frozen token must give). */
function refusals(attempts: (() => unknown)[]): number {
  let refused = 0;
  for (const attempt of attempts) {
    try {
      attempt();
    } catch (e) {
      if (e instanceof TypeError) refused++;
      else throw e;
    }
  }
  return refused;
}

class Secret {
  key = "k";
  reveal(): string {
    return "revealed";
  }
}

export const SCENARIOS: Readonly<Record<string, Scenario>> = {
  "host-getter": callMain({ get secret() { return process; } }),
  "host-function": callMain((x: number) => x * 2),
  "host-function-process": callMain(() => process),
  "host-class-instance": callMain(new Secret()),
  "host-error": callMain(new Error("host secret")),
  "host-throwing-proxy": callMain(new Proxy({}, {
    getPrototypeOf() { throw new TypeError("trap refused"); },
    get() { throw new TypeError("trap refused"); },
  })),
  "host-coercion": callMainCounting((hit) => [{
    [Symbol.toPrimitive]: () => (hit(), 1),
    valueOf: () => (hit(), 1),
    toString: () => (hit(), "coerced"),
    toJSON: () => (hit(), "coerced"),
  }], "coercion hooks called"),
  "host-thenable": callMain({ then: () => "called" }),
  "host-bigint-symbol": callMain(10n, Symbol("s")),
  "host-global-this": callMain(globalThis),

  // What the host does with a value ML returned must never run ML code by itself.
  "await-result": useResult(async (r) => {
    await Promise.race([Promise.resolve(r), new Promise((resolve) => setTimeout(resolve, 50))]);
  }),
  "stringify-result": useResult((r) => {
    JSON.stringify(r);
  }),
  "coerce-result": useResult((r) => {
    void `${String(r)}`;
    void ((r as number) + 1);
  }),

  // Authority follows the context of the call, never the one a function was created in.
  "closure-across-contexts": async (input) => {
    const { make } = await exportsOf(input);
    const grant = capability("file.read", { resources: [`${join(input.file, "..")}/**`] });
    const closure = withCapabilities([grant], () => {
      const f = make!() as () => unknown;
      input.print(`inside: ${String(f())}`);
      return f;
    });
    closure();
  },
  "callback-left-behind": async (input) => {
    const { register } = await exportsOf(input);
    let stored: (() => unknown) | null = null;
    const grant = capability("file.read", { resources: [`${join(input.file, "..")}/**`] });
    const first = withCapabilities([grant], () => register!((cb: () => unknown) => {
      stored = cb;
    }));
    input.print(`first request: ${String(first)}`);
    // A later request, with no grant, runs the callback the first one left behind.
    await new CapabilityContext({ name: "second", isolated: true }).run(async () => stored!());
  },

  // Only genuine tokens grant anything; ML never holds one in a usable form.
  "forged-token": async (input) => {
    const forged = { name: "file.read", resources: [], operations: null, expiresAt: null, maxUses: null, description: "" };
    const json = capability("file.read").toJSON();
    let rejected = 0;
    for (const attempt of [
      () => load(input.file, { ...input.options, capabilities: [forged as never] }),
      () => load(input.file, { ...input.options, capabilities: [json as never] }),
      async () => new CapabilityContext({ capabilities: [Object.create(capability("file.read")) as never] }),
    ]) {
      try {
        await attempt();
      } catch (e) {
        if (e instanceof TypeError) rejected++;
        else throw e;
      }
    }
    input.print(`host: forged grants rejected: ${rejected}`);
    const { main } = await exportsOf(input);
    await withCapabilities([], () => main!(forged));
  },
  "token-mutation": async (input) => {
    const token = capability("file.read", { resources: [join(input.tmp, "only", "**")] });
    const grants: CapabilityToken[] = [token];
    const ctx = new CapabilityContext({ capabilities: grants });
    const refused = refusals([
      () => (token.resources as string[]).push("/**"),
      () => Object.assign(token, { name: "file.write" }),
      () => Object.defineProperty(token, "resources", { value: ["/**"] }),
      () => Object.setPrototypeOf(token, null),
    ]);
    grants.push(capability("file.read"));
    input.print(`host: token mutations refused: ${refused}`);
    const { main } = await exportsOf(input);
    await ctx.run(() => main!());
  },
  // A program's own declaration narrows every call of its code, however the host reaches it.
  "export-under-grant": async (input) => {
    const { main } = await exportsOf(input);
    await withCapabilities(["file.read"], () => main!());
  },
  "callback-under-grant": async (input) => {
    const { register } = await exportsOf(input);
    let stored: (() => unknown) | null = null;
    register!((cb: () => unknown) => {
      stored = cb;
    });
    await withCapabilities(["file.read"], () => stored!());
  },
  // The same, with the host function reached through an object, an array and a host function's result.
  "nested-callback-under-grant": async (input) => {
    const { register } = await exportsOf(input);
    const stored: (() => unknown)[] = [];
    const store = (cb: () => unknown) => void stored.push(cb);
    register!({ hooks: { store }, list: [store], give: () => ({ store }) });
    input.print(`host: callbacks stored: ${stored.length}`);
    for (const cb of stored) {
      try {
        await withCapabilities(["file.read"], () => cb());
        input.print("host: callback read the file");
      } catch (e) {
        input.print(`host: callback refused: ${e instanceof Error && /does not declare it/.test(e.message) ? "undeclared" : String(e)}`);
      }
    }
  },
  // A thrown value reaches the host as `MLRuntimeError.value`: its functions must cross like any other.
  "thrown-value-under-grant": async (input) => {
    const { main } = await exportsOf(input);
    let value: { read?: () => unknown } | undefined;
    try {
      main!();
    } catch (e) {
      value = (e as { value?: { read?: () => unknown } }).value;
      input.print(`host: cause exposed: ${(e as Error).cause !== undefined}`);
    }
    input.print(`host: JSON: ${withCapabilities(["file.read"], () => JSON.stringify(value))}`);
    await withCapabilities(["file.read"], () => value!.read!());
  },
  "member-under-grant": async (input) => {
    const { main } = await exportsOf(input);
    const result = main!() as { read: () => unknown };
    await withCapabilities(["file.read"], () => result.read());
  },
  "token-argument": async (input) => {
    const { main } = await exportsOf(input);
    await withCapabilities([], () => main!(capability("file.read")));
  },
  "max-uses": async (input) => {
    await load(input.file, { ...input.options, capabilities: [capability("file.read", { maxUses: 1 })] });
  },

  // The program is copied into a fresh root next to a symlink that leads out of it.
  "symlink-import": async (input) => {
    const root = join(input.tmp, "root");
    const outside = join(input.tmp, "outside");
    mkdirSync(root);
    mkdirSync(outside);
    writeFileSync(join(outside, "sec_linked.ml"), 'import file;\nsecret = "outside the root";\n');
    symlinkSync(join(outside, "sec_linked.ml"), join(root, "sec_linked.ml"));
    const main = join(root, "main.ml");
    copyFileSync(input.file, main);
    await load(main, { ...input.options, importPaths: [] });
  },
};
