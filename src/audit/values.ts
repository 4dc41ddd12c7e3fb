/**
 * The abstract values of the audit's analysis: what an expression or a variable may hold, as far
 * as capabilities are concerned. Values are interned and handled by key, so a variable's values
 * are a set of strings that is cheap to compare while the analysis iterates to its fixpoint.
 */
import type * as AST from "../compiler/ast.js";
import type { AuditModule } from "./program.js";

/** An ML function literal: a `function` declaration or an arrow function. */
export type FunctionNode = AST.FunctionDeclaration | AST.ArrowFunction;

/** What a value may be. */
export type Value =
  /** Anything: a parameter, an element of a collection, a host value. */
  | { readonly kind: "unknown" }
  /** A number, string, boolean, null, array or object made by the program (never a stdlib object). */
  | { readonly kind: "plain" }
  /** A stdlib module object (`import math;`). */
  | { readonly kind: "module"; readonly name: string }
  /** A stdlib function, by module and ML name (an alias resolves to the same metadata). */
  | { readonly kind: "function"; readonly module: string; readonly name: string }
  /** An instance of a stdlib class. */
  | { readonly kind: "object"; readonly module: string; readonly className: string }
  /** A method read from a stdlib object. */
  | { readonly kind: "method"; readonly module: string; readonly className: string; readonly name: string }
  /** A member `name` read from a value of unknown class: may be a method of a stdlib object. */
  | { readonly kind: "anyMethod"; readonly name: string }
  /** An ML function of the program. */
  | { readonly kind: "ml"; readonly node: FunctionNode; readonly module: AuditModule }
  /** A user module object. */
  | { readonly kind: "user"; readonly module: AuditModule }
  /** A namespace bound by `import a.b.c;`: the first `depth` segments, on the way to `module`. */
  | { readonly kind: "namespace"; readonly module: AuditModule; readonly segments: readonly string[]; readonly depth: number }
  /** A builtin function (docs/language/reference.md §6). */
  | { readonly kind: "builtin"; readonly name: string };

/** A set of value keys. */
export type Values = ReadonlySet<string>;

/** Interns values: one key per distinct value. */
export class ValueTable {
  private readonly byKey = new Map<string, Value>();
  private readonly functionIds = new Map<FunctionNode, number>();

  /** The key of `v`, interning it. */
  key(v: Value): string {
    const k = this.keyOf(v);
    if (!this.byKey.has(k)) this.byKey.set(k, v);
    return k;
  }

  /** The value of a key made by {@link key}. */
  get(key: string): Value {
    const v = this.byKey.get(key);
    if (v === undefined) throw new Error(`mljs audit: unknown value key ${key}`);
    return v;
  }

  /** A one-element set. */
  of(v: Value): Set<string> {
    return new Set([this.key(v)]);
  }

  private keyOf(v: Value): string {
    switch (v.kind) {
      case "unknown":
      case "plain":
        return v.kind;
      case "module":
        return `module:${v.name}`;
      case "function":
        return `function:${v.module}.${v.name}`;
      case "object":
        return `object:${v.module}.${v.className}`;
      case "method":
        return `method:${v.module}.${v.className}.${v.name}`;
      case "anyMethod":
        return `anyMethod:${v.name}`;
      case "ml": {
        let id = this.functionIds.get(v.node);
        if (id === undefined) {
          id = this.functionIds.size;
          this.functionIds.set(v.node, id);
        }
        return `ml:${id}`;
      }
      case "user":
        return `user:${v.module.index}`;
      case "namespace":
        return `namespace:${v.module.index}:${v.depth}:${v.segments.join(".")}`;
      case "builtin":
        return `builtin:${v.name}`;
    }
  }
}

/** The values of a value set, decoded. */
export function* valuesOf(table: ValueTable, set: Values): Generator<Value> {
  for (const k of set) yield table.get(k);
}
