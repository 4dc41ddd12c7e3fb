/**
 * ML-visible classes: how a non-plain object (a stdlib object, a module, an iterator) declares
 * the members ML code may use, its `typeof` name, display, equality and ordering.
 *
 * The runtime never reads properties of such objects directly: member access, `methods()`,
 * `str()`, `==` and `<` go through the {@link MLClass} descriptor found for the object's exact
 * prototype. An object whose prototype has no descriptor (and is not a plain object, array or
 * function) is opaque to ML: it has no members.
 *
 * The stdlib registers its classes here; the capability check wraps `call` implementations
 * before they are registered, so there is no path from ML to a member that bypasses it.
 */

import { shared } from "./shared.js";

/** One member ML code may use on instances (or on a module object). */
export type MLMember =
  /** A method: `o.name(args)`; reading `o.name` gives a function bound to `o`. */
  | { kind: "method"; call: (self: any, ...args: any[]) => unknown; description?: string }
  /** A read-only value computed from the object: `o.name`. */
  | { kind: "property"; get: (self: any) => unknown; description?: string };

/** Descriptor of an ML-visible class. */
export interface MLClass {
  /** `typeof(v)` for instances, e.g. `"DateTime"`, `"module"`, `"iterator"`. */
  readonly name: string;
  /** ML member name → member. Names not here are an `AttributeError`. */
  readonly members: ReadonlyMap<string, MLMember>;
  /** `str(v)`; defaults to `<name>`. */
  display?(self: any): string;
  /** `repr(v)`; defaults to {@link display}. */
  repr?(self: any): string;
  /** `a == b` where both are instances of this class; defaults to identity. */
  equals?(a: any, b: any): boolean;
  /** Ordering for `<` and `sorted`: negative, zero, positive; absent = not orderable. */
  compare?(a: any, b: any): number;
  /** Truthiness; defaults to `true` (docs/language/reference.md §4: every stdlib object is true). */
  truthy?(self: any): boolean;
  /** `len(v)`; defaults to 0. */
  length?(self: any): number;
  /** What `for (x in v)` visits, if iterable. */
  iterate?(self: any): Iterable<unknown>;
}

// Weak, so that per-load prototypes (one per user module) are collected with their program.
// Process-wide (shared.ts), so a stdlib object made by another installed copy of mljs is usable.
const classes = shared.classes;
const getPrototypeOf = Object.getPrototypeOf;

/**
 * Declares that instances of `ctor` (objects whose prototype is exactly `ctor.prototype`) are
 * ML-visible with the given descriptor. Registering the same constructor twice is an error.
 */
export function registerClass(ctor: { prototype: object }, descriptor: MLClass): void {
  registerPrototype(ctor.prototype, descriptor);
}

/** Like {@link registerClass} for objects that share a prototype without a constructor. */
export function registerPrototype(proto: object, descriptor: MLClass): void {
  if (classes.has(proto)) throw new Error(`mljs: class ${descriptor.name} is already registered`);
  classes.set(proto, Object.freeze({ ...descriptor }));
}

/** The descriptor for `v`'s exact prototype, or `undefined` for anything else. */
export function classOf(v: object): MLClass | undefined {
  return classes.get(getPrototypeOf(v) as object);
}

/** Builds a member table from a plain record (a convenience for declaring classes). */
export function members(record: Record<string, MLMember>): ReadonlyMap<string, MLMember> {
  return new Map(Object.entries(record));
}
