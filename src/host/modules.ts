/**
 * ML-visible module objects: a user module (its exports as read-only members) and the
 * namespace objects `import a.b.c;` binds (`a`, with member `b`, with member `c`).
 *
 * Each module gets its own prototype registered with the runtime's class table, so the runtime's
 * member rules (and nothing else) decide what ML can reach: the declared exports, read-only.
 */
import { registerPrototype, type MLMember } from "../runtime/objects.js";

const MODULE_CLASS = "module";

/** A module object; its members are the runtime's business (see `objects.ts`). */
export interface ModuleObject {
  readonly __mljsModule?: never;
}

/** Creates the ML object for a user module whose exports are read through `thunks`. */
export function createModuleObject(name: string, thunks: Record<string, () => unknown>): ModuleObject {
  const members = new Map<string, MLMember>();
  for (const key of Object.keys(thunks)) {
    const thunk = thunks[key]!;
    members.set(key, { kind: "property", get: () => thunk() });
  }
  return instantiate(name, members);
}

/** A namespace object for a dotted prefix; `children` may grow as more imports are evaluated. */
export function createNamespaceObject(name: string, children: Map<string, MLMember>): ModuleObject {
  return instantiate(name, children);
}

function instantiate(name: string, members: ReadonlyMap<string, MLMember>): ModuleObject {
  const proto = Object.freeze(Object.create(null) as object);
  registerPrototype(proto, {
    name: MODULE_CLASS,
    members,
    display: () => `<module ${name}>`,
  });
  return Object.freeze(Object.create(proto) as ModuleObject);
}
