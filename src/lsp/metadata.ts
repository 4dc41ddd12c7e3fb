/**
 * What the language server shows about builtins and stdlib modules: signatures, descriptions and
 * capabilities from the same metadata as ML's `help()` and `mljs help NAME` (the builtins' table in
 * the runtime, the registry's module information).
 */
import { BUILTINS } from "../compiler/resolver.js";
import { builtinInfo } from "../runtime/builtins.js";
import * as registry from "../stdlib/registry.js";

/** One function (or constant) as hover, completion and signature help show it. */
export interface MemberDoc {
  /** The name as written (an alias spelling when the user wrote one). */
  readonly name: string;
  readonly kind: "function" | "constant";
  /** `datetime.now(tz?)`; for a constant, `datetime.NAME`. */
  readonly signature: string;
  readonly returns: string;
  readonly description: string;
  readonly capabilities: readonly string[];
}

/** A builtin's signature and description, or undefined for a name that is none. */
export function builtinDoc(name: string): MemberDoc | undefined {
  if (!BUILTINS.includes(name)) return undefined;
  const info = builtinInfo(name) ?? builtinInfo(canonicalBuiltin(name));
  if (info === undefined) return undefined;
  return { name, kind: "function", signature: info.signature, returns: "", description: info.description, capabilities: info.capabilities };
}

/** The name whose description says `Also spelled <alias>` (the builtins' other spellings). */
function canonicalBuiltin(alias: string): string {
  for (const name of BUILTINS) {
    if (builtinInfo(name)?.description.includes(`Also spelled ${alias}.`) === true) return name;
  }
  return alias;
}

const moduleInfos = new Map<string, registry.ModuleInfo | null>();

/**
 * Loads every module's metadata (asynchronously: this works wherever dynamic `import` does, the
 * registry's synchronous loading only where `require` can load them).
 */
export async function preloadModules(): Promise<void> {
  await Promise.all(registry.list().map((name) => registry.load(name)));
}

/** The registry's description of a stdlib (or registered) module, or null when there is none or it cannot be loaded. */
export function moduleInfo(name: string): registry.ModuleInfo | null {
  let info = moduleInfos.get(name);
  if (info === undefined) {
    if (!registry.has(name)) return null;
    try {
      info = registry.info(name);
    } catch {
      return null; // not loaded yet: asked again later
    }
    moduleInfos.set(name, info);
  }
  return info;
}

/** Whether `name` is a stdlib (or registered extension) module. */
export function isModule(name: string): boolean {
  return registry.has(name);
}

/** Every module name, sorted. */
export function moduleNames(): string[] {
  return registry.list();
}

const memberTables = new Map<string, { list: readonly MemberDoc[]; byName: ReadonlyMap<string, MemberDoc> }>();

/** A module's members as a list and by name, made once per module. */
function memberTable(module: string): { list: readonly MemberDoc[]; byName: ReadonlyMap<string, MemberDoc> } {
  let table = memberTables.get(module);
  if (table !== undefined) return table;
  const info = moduleInfo(module);
  if (info === null) return { list: [], byName: new Map() };
  const list: MemberDoc[] = [];
  for (const f of info.functions) {
    for (const name of [f.name, ...f.aliases]) {
      list.push({ name, kind: "function", signature: f.signature, returns: f.returns, description: f.description, capabilities: f.capabilities });
    }
  }
  for (const c of info.constants) {
    list.push({ name: c.name, kind: "constant", signature: `${module}.${c.name}`, returns: "", description: c.description, capabilities: [] });
  }
  table = { list, byName: new Map(list.map((m) => [m.name, m])) };
  memberTables.set(module, table);
  return table;
}

/** Every member of a module (functions with their aliases, then constants), in declaration order. */
export function moduleMembers(module: string): readonly MemberDoc[] {
  return memberTable(module).list;
}

/** One member of a module by name (an alias finds its function), or undefined. */
export function moduleMember(module: string, name: string): MemberDoc | undefined {
  return memberTable(module).byName.get(name);
}

/** Markdown for a hover or a completion item's documentation. */
export function memberMarkdown(doc: MemberDoc): string {
  const returns = doc.returns !== "" ? ` -> ${doc.returns}` : "";
  const caps = doc.capabilities.length > 0 ? `\n\nRequires: ${doc.capabilities.map((c) => `\`${c}\``).join(", ")}` : "";
  return `\`\`\`ml\n${doc.signature}${returns}\n\`\`\`\n\n${doc.description}${caps}`;
}

/** Markdown describing a module. */
export function moduleMarkdown(info: registry.ModuleInfo): string {
  const caps = info.capabilities.length > 0 ? `\n\nCapabilities used: ${info.capabilities.map((c) => `\`${c}\``).join(", ")}` : "";
  return `\`\`\`ml\nmodule ${info.name}\n\`\`\`\n\n${info.description}${caps}`;
}

/**
 * The parameter labels of a signature such as `datetime.now(tz?)` or `range(stop) / range(start,
 * stop, step?)` (the first form): `["tz?"]`.
 */
export function signatureParams(signature: string): string[] {
  const open = signature.indexOf("(");
  const close = signature.indexOf(")", open);
  if (open < 0 || close < 0) return [];
  const inner = signature.slice(open + 1, close).trim();
  return inner === "" ? [] : inner.split(",").map((p) => p.trim());
}
