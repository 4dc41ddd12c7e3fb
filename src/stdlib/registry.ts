/**
 * The registry (docs/security.md §1, §2): the one table of standard-library modules and host-registered
 * extension modules.
 *
 * Stdlib modules are obtained through Node's own module system — `import("./datetime.js")` from
 * this file resolves to the same file URL as the host's `import("mljs-lang/stdlib/datetime")`, so
 * both get the very same module record and namespace object, in whichever order they happen.
 * The registry never reads module files and evaluates them itself.
 */
import { createRequire } from "node:module";
import type { ModuleDefinition } from "./define.js";
import { registerPrototype, type MLMember } from "../runtime/objects.js";

/** The sixteen stdlib modules (docs/stdlib/README.md). */
export const STDLIB_MODULES = Object.freeze([
  "args", "collections", "console", "crypto", "csv", "datetime", "env", "file",
  "functional", "http", "json", "log", "math", "path", "random", "regex",
] as const);

/** The ES namespace of a stdlib or extension module: its exports plus `definition`. */
export interface ModuleNamespace {
  readonly definition: ModuleDefinition;
  readonly [exported: string]: unknown;
}

/** Plain-data description of a module (`registry.info`, `module_info`, the reference docs). */
export interface ModuleInfo {
  name: string;
  description: string;
  stdlib: boolean;
  functions: {
    name: string; aliases: string[]; signature: string; params: string; returns: string;
    description: string; capabilities: string[]; async: boolean;
  }[];
  constants: { name: string; description: string }[];
  classes: {
    name: string; description: string;
    members: { kind: string; name: string; aliases: string[]; signature: string; returns: string; description: string; capabilities: string[] }[];
  }[];
  /** Every capability some function or method of the module requires (sorted). */
  capabilities: string[];
}

const stdlibNames: ReadonlySet<string> = new Set(STDLIB_MODULES);

// One static specifier per module, each resolving to the file `mljs-lang/stdlib/<name>` names.
const IMPORTERS: Readonly<Record<string, () => Promise<unknown>>> = {
  args: () => import("./args.js"),
  collections: () => import("./collections.js"),
  console: () => import("./console.js"),
  crypto: () => import("./crypto.js"),
  csv: () => import("./csv.js"),
  datetime: () => import("./datetime.js"),
  env: () => import("./env.js"),
  file: () => import("./file.js"),
  functional: () => import("./functional.js"),
  http: () => import("./http.js"),
  json: () => import("./json.js"),
  log: () => import("./log.js"),
  math: () => import("./math.js"),
  path: () => import("./path.js"),
  random: () => import("./random.js"),
  regex: () => import("./regex.js"),
};
const loaded = new Map<string, ModuleNamespace>();
const extensions = new Map<string, ModuleNamespace>();
const mlObjects = new Map<string, object>();
const requireHere = createRequire(import.meta.url);

function checkNamespace(name: string, ns: unknown): ModuleNamespace {
  const def = (ns as { definition?: ModuleDefinition } | null)?.definition;
  if (typeof ns !== "object" || ns === null || typeof def !== "object" || def === null || def.name !== name) {
    throw new TypeError(`module '${name}' must export the definition made by defineModule("${name}", …).done() as 'definition'`);
  }
  return ns as ModuleNamespace;
}

function unknownModule(name: string): Error {
  return new Error(`mljs: no module named '${name}' (available: ${list().join(", ")})`);
}

/** Whether `name` is a stdlib module or a registered extension. */
export function has(name: string): boolean {
  return stdlibNames.has(name) || extensions.has(name);
}

/** Sorted names of every available module. */
export function list(): string[] {
  return [...stdlibNames, ...extensions.keys()].sort();
}

/**
 * The module's namespace object — for a stdlib module, the very object
 * `import("mljs-lang/stdlib/<name>")` gives the host. Loads it synchronously if needed.
 */
export function get(name: string): ModuleNamespace {
  const cached = loaded.get(name) ?? extensions.get(name);
  if (cached !== undefined) return cached;
  if (!stdlibNames.has(name)) throw unknownModule(name);
  const ns = checkNamespace(name, requireHere(`./${name}.js`));
  loaded.set(name, ns);
  return ns;
}

/** Loads a module asynchronously (the loader's path: works wherever dynamic `import` does). */
export async function load(name: string): Promise<ModuleNamespace> {
  const cached = loaded.get(name) ?? extensions.get(name);
  if (cached !== undefined) return cached;
  if (!stdlibNames.has(name)) throw unknownModule(name);
  const ns = checkNamespace(name, await IMPORTERS[name]!());
  loaded.set(name, ns);
  return ns;
}

/** The module's definition (metadata and checked functions). */
export function definition(name: string): ModuleDefinition {
  return get(name).definition;
}

/**
 * Registers a host extension module, importable from ML as `import <name>;`. `namespace` is the
 * module's namespace (or any object) exporting `definition` from `defineModule(name, …).done()`.
 */
export function register(name: string, namespace: { readonly definition: ModuleDefinition }): void {
  if (stdlibNames.has(name)) throw new Error(`mljs: '${name}' is a standard-library module and cannot be replaced`);
  if (extensions.has(name)) throw new Error(`mljs: a module named '${name}' is already registered`);
  extensions.set(name, checkNamespace(name, namespace));
}

/**
 * Registered extension modules that have asynchronous functions: what the compiler needs to know
 * to await them (the stdlib's own are `STDLIB_ASYNC` in the compiler, checked by a test).
 */
export function extensionAsyncImports(): Map<string, ReadonlySet<string>> {
  const out = new Map<string, ReadonlySet<string>>();
  for (const [name, ns] of extensions) if (ns.definition.asyncFunctions.size > 0) out.set(name, ns.definition.asyncFunctions);
  return out;
}

/** Plain-data description of a module. */
export function info(name: string): ModuleInfo {
  const def = definition(name);
  const caps = new Set<string>();
  const functions = def.functionMeta.map((f) => {
    f.capabilities.forEach((c) => caps.add(c));
    return {
      name: f.name, aliases: [...f.aliases], signature: f.signature, params: f.params, returns: f.returns,
      description: f.description, capabilities: [...f.capabilities], async: f.async,
    };
  });
  const classes = def.classes.map((c) => ({
    name: c.name,
    description: c.description,
    members: c.members.map((m) => {
      m.capabilities.forEach((x) => caps.add(x));
      return { kind: m.kind, name: m.name, aliases: [...m.aliases], signature: m.signature, returns: m.returns, description: m.description, capabilities: [...m.capabilities] };
    }),
  }));
  return {
    name: def.name,
    description: def.description,
    stdlib: stdlibNames.has(name),
    functions,
    constants: def.constants.map((c) => ({ name: c.name, description: c.description })),
    classes,
    capabilities: [...caps].sort(),
  };
}

/**
 * The ML-visible module object of `import <name>;`: its functions (aliases included) and
 * constants as read-only members. One per process; classes are not members (ML never holds a
 * constructor).
 */
export function mlModule(name: string): object {
  let obj = mlObjects.get(name);
  if (obj !== undefined) return obj;
  const def = definition(name);
  const members = new Map<string, MLMember>();
  for (const [n, f] of def.functions) members.set(n, { kind: "property", get: () => f });
  for (const c of def.constants) {
    const value = c.value;
    members.set(c.name, { kind: "property", get: () => value });
  }
  const proto = Object.freeze(Object.create(null) as object);
  registerPrototype(proto, { name: "module", members, display: () => `<module ${name}>` });
  obj = Object.freeze(Object.create(proto) as object);
  mlObjects.set(name, obj);
  return obj;
}

/** The registry as exported from `mljs-lang`. */
export const registry = Object.freeze({ get, has, list, info, register, load });
