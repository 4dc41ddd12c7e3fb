/**
 * The one way to declare a stdlib (or host extension) module: its functions, constants and
 * classes, each with metadata — ML name and aliases, parameters, return, description, required
 * capabilities. The metadata drives `help`, `methods`, `requiredCapabilities`, the registry's
 * introspection, the generated reference docs, the compiler's async marking and enforcement.
 *
 * ```ts
 * const m = defineModule("math", "Mathematical functions and constants.");
 * export const sqrt = m.function({ name: "sqrt", params: "x", returns: "number",
 *   description: "The square root of x." }, (x) => ...);
 * export const definition = m.done();
 * ```
 *
 * Every function is wrapped **once**, here: the wrapper checks the argument count, spends one
 * step of the current program's budget (a call is a step, as in ML; the implementation charges
 * for the work it does on top, docs/limits.md), checks the capabilities the metadata names, then
 * calls the implementation. The wrapper is what the module exports, what ML sees, and what the
 * host calls, so there is no path around the check.
 */
import { checkRequirements, type Requirement } from "../capabilities/check.js";
import { isKnownCapability, resourceKindOf } from "../capabilities/names.js";
import { registerCapabilityName } from "../capabilities/token.js";
import { arityRange } from "../runtime/calls.js";
import { registerFunctionInfo, type FunctionInfo } from "../runtime/function-info.js";
import { registerClass, type MLClass, type MLMember } from "../runtime/objects.js";
import { brandSet } from "../runtime/shared.js";
import { spendStep } from "./support/scope.js";

const freeze = Object.freeze;
const defineProperty = Object.defineProperty;

/** Metadata of a function or method. */
export interface FunctionSpec {
  /** The primary ML name (camelCase where the Python API had both spellings). */
  readonly name: string;
  /** Other ML names for the same function (snake_case spellings, Python names). */
  readonly aliases?: readonly string[];
  /**
   * Parameters as shown by `help`, comma-separated: `x`, optional `base=10` or `tz?`, rest
   * `...values`. The wrapper derives the accepted argument count from it.
   */
  readonly params: string;
  /** What it returns, e.g. `number`, `DateTime`, `array of strings`. */
  readonly returns: string;
  /** One or two sentences. */
  readonly description: string;
  /** Capabilities a call requires. */
  readonly requires?: readonly string[];
  /** True when the implementation returns a promise (network requests). */
  readonly async?: boolean;
}

/** Metadata of a read-only property of a class. */
export interface PropertySpec {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly returns: string;
  readonly description: string;
}

/** A function as the registry describes it. */
export interface FunctionMeta extends FunctionInfo {
  readonly module: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly params: string;
  readonly returns: string;
  readonly async: boolean;
}

/** A declared member of a class (method or property). */
export interface MemberMeta {
  readonly kind: "method" | "property";
  readonly name: string;
  readonly aliases: readonly string[];
  readonly signature: string;
  readonly returns: string;
  readonly description: string;
  readonly capabilities: readonly string[];
  readonly async: boolean;
}

/** A class as the registry describes it. */
export interface ClassMeta {
  readonly name: string;
  readonly description: string;
  readonly ctor: Function;
  readonly members: readonly MemberMeta[];
}

/** A constant as the registry describes it. */
export interface ConstantMeta {
  readonly name: string;
  readonly description: string;
  readonly value: unknown;
}

/** Everything the registry knows about a module. */
export interface ModuleDefinition {
  readonly name: string;
  readonly description: string;
  /** ML name (including aliases) → the checked function. */
  readonly functions: ReadonlyMap<string, Function>;
  /** Metadata per function, primary names only, in declaration order. */
  readonly functionMeta: readonly FunctionMeta[];
  readonly constants: readonly ConstantMeta[];
  readonly classes: readonly ClassMeta[];
  /** ML names (including aliases) of the functions that return promises. */
  readonly asyncFunctions: ReadonlySet<string>;
}

/** A declared class member, made by {@link ModuleBuilder.method} or {@link ModuleBuilder.property}. */
export interface DeclaredMember {
  readonly meta: MemberMeta;
  readonly member: MLMember;
}

/** The class-level behaviour of {@link ModuleBuilder.class}, besides its members. */
export interface ClassSpec {
  /** The ML type name (`typeof`), e.g. `DateTime`. */
  readonly name: string;
  readonly description: string;
  readonly members: readonly DeclaredMember[];
  readonly display?: MLClass["display"];
  readonly repr?: MLClass["repr"];
  readonly equals?: MLClass["equals"];
  readonly compare?: MLClass["compare"];
  readonly truthy?: MLClass["truthy"];
  readonly length?: MLClass["length"];
  readonly iterate?: MLClass["iterate"];
}

const QUALIFIED = Symbol("mljs.qualifiedName");

/**
 * Base class of every stdlib class. Instances are branded in the process-wide brand set of their
 * class (shared.ts), and `instanceof` answers from that set: instances made by another installed
 * copy of mljs pass, objects that merely look like instances do not.
 */
export abstract class StdlibObject {
  constructor() {
    const qualified = (new.target as unknown as Record<symbol, string | undefined>)[QUALIFIED];
    if (qualified === undefined) throw new TypeError(`${new.target.name} is not a registered stdlib class`);
    brandSet(qualified).add(this);
  }

  static [Symbol.hasInstance](this: Function, v: unknown): boolean {
    const qualified = (this as unknown as Record<symbol, string | undefined>)[QUALIFIED];
    return qualified !== undefined && typeof v === "object" && v !== null && brandSet(qualified).has(v);
  }
}

interface Arity {
  readonly min: number;
  readonly max: number;
}

/** `x, base=10, tz?, ...rest` → accepted argument counts. */
export function arityOf(params: string): Arity {
  // Commas inside quoted defaults (`delimiter=","`) do not separate parameters.
  const list = (params.match(/(?:"[^"]*"|'[^']*'|[^,])+/g) ?? []).map((p) => p.trim()).filter((p) => p.length > 0);
  let min = 0;
  let max = 0;
  for (const p of list) {
    if (p.startsWith("...")) return { min, max: Infinity };
    max++;
    if (!p.includes("=") && !p.endsWith("?")) min = max;
  }
  return { min, max };
}

function requirementsOf(requires: readonly string[] | undefined): readonly Requirement[] {
  return freeze((requires ?? []).map((capability) => freeze({ capability, scoped: resourceKindOf(capability) !== undefined })));
}

/**
 * The checked function: argument count, the call's step, capabilities, then the implementation;
 * `undefined` results become `null`. `label` is the name errors use (`math.sqrt`).
 */
function checked(label: string, mlName: string, params: string, requirements: readonly Requirement[], impl: Function): Function {
  const { min, max } = arityOf(params);
  const f =
    requirements.length === 0
      ? function (this: unknown) {
          const n = arguments.length;
          if (n < min || n > max) arityRange(label, n, min, max);
          spendStep(); // a call is a step
          const r = impl.apply(undefined, arguments);
          return r === undefined ? null : r;
        }
      : function (this: unknown) {
          const n = arguments.length;
          if (n < min || n > max) arityRange(label, n, min, max);
          spendStep(); // a call is a step
          checkRequirements(label, requirements);
          const r = impl.apply(undefined, arguments);
          return r === undefined ? null : r;
        };
  defineProperty(f, "name", { value: mlName });
  // Not a constructor for ML (it has no `prototype` ML could reach), and immutable.
  defineProperty(f, "prototype", { value: undefined });
  return freeze(f);
}

/** Like {@link checked} for a method: `impl(self, ...args)`; counts exclude `self`. */
function checkedMethod(label: string, params: string, requirements: readonly Requirement[], impl: Function): Function {
  const { min, max } = arityOf(params);
  const f = function (this: unknown) {
    const n = arguments.length - 1;
    if (n < min || n > max) arityRange(label, n, min, max);
    spendStep(); // a call is a step
    if (requirements.length > 0) checkRequirements(label, requirements);
    const r = impl.apply(undefined, arguments);
    return r === undefined ? null : r;
  };
  defineProperty(f, "prototype", { value: undefined });
  return freeze(f);
}

/** Builds one module's definition; see the file comment. */
export class ModuleBuilder {
  private readonly functions = new Map<string, Function>();
  private readonly functionMeta: FunctionMeta[] = [];
  private readonly constants: ConstantMeta[] = [];
  private readonly classes: ClassMeta[] = [];
  private readonly asyncFunctions = new Set<string>();
  private finished: ModuleDefinition | null = null;

  constructor(readonly name: string, readonly description: string) {}

  /** Declares a module function; returns the checked function to export. */
  function<F extends (...args: any[]) => unknown>(spec: FunctionSpec, impl: F): F {
    this.assertOpen();
    const label = `${this.name}.${spec.name}`;
    const requires = spec.requires ?? [];
    for (const c of requires) if (!isKnownCapability(c)) registerCapabilityName(c);
    const f = checked(label, spec.name, spec.params, requirementsOf(requires), impl);
    const meta: FunctionMeta = freeze({
      module: this.name,
      name: spec.name,
      aliases: freeze([...(spec.aliases ?? [])]),
      params: spec.params,
      signature: `${label}(${spec.params})`,
      returns: spec.returns,
      description: spec.description,
      capabilities: freeze([...requires]),
      async: spec.async === true,
    });
    registerFunctionInfo(f, meta);
    this.functionMeta.push(meta);
    for (const n of [spec.name, ...meta.aliases]) {
      if (this.functions.has(n)) throw new Error(`mljs: ${this.name}.${n} is declared twice`);
      this.functions.set(n, f);
      if (meta.async) this.asyncFunctions.add(n);
    }
    return f as unknown as F;
  }

  /** Declares a module constant (`math.pi`); returns the value. */
  constant<T>(name: string, value: T, description: string): T {
    this.assertOpen();
    this.constants.push(freeze({ name, description, value }));
    return value;
  }

  /** Declares a method of a stdlib class; `impl` receives the instance first. */
  method<S>(spec: FunctionSpec, impl: (self: S, ...args: any[]) => unknown): DeclaredMember {
    const requires = spec.requires ?? [];
    for (const c of requires) if (!isKnownCapability(c)) registerCapabilityName(c);
    const checkedImpl = checkedMethod(spec.name, spec.params, requirementsOf(requires), impl);
    const signature = `${spec.name}(${spec.params})`;
    registerFunctionInfo(checkedImpl, { signature, description: spec.description, capabilities: requires });
    return freeze({
      meta: freeze({
        kind: "method" as const, name: spec.name, aliases: freeze([...(spec.aliases ?? [])]), signature,
        returns: spec.returns, description: spec.description, capabilities: freeze([...requires]), async: spec.async === true,
      }),
      member: freeze({ kind: "method" as const, call: checkedImpl as (self: unknown, ...args: unknown[]) => unknown, description: spec.description }),
    });
  }

  /** Declares a read-only property of a stdlib class. */
  property<S>(spec: PropertySpec, get: (self: S) => unknown): DeclaredMember {
    return freeze({
      meta: freeze({
        kind: "property" as const, name: spec.name, aliases: freeze([...(spec.aliases ?? [])]), signature: spec.name,
        returns: spec.returns, description: spec.description, capabilities: freeze([]), async: false,
      }),
      member: freeze({ kind: "property" as const, get: get as (self: unknown) => unknown, description: spec.description }),
    });
  }

  /**
   * Declares a stdlib class: `ctor` must extend {@link StdlibObject}. Registers the ML-visible
   * descriptor (members with their aliases, display, equality, ordering…) for its prototype, ties
   * `instanceof` to the process-wide brand set, and freezes the class.
   */
  class(ctor: abstract new (...args: any[]) => StdlibObject, spec: ClassSpec): void {
    this.assertOpen();
    defineProperty(ctor, QUALIFIED, { value: `${this.name}.${spec.name}` });
    const members = new Map<string, MLMember>();
    for (const m of spec.members) {
      for (const n of [m.meta.name, ...m.meta.aliases]) {
        if (members.has(n)) throw new Error(`mljs: ${spec.name}.${n} is declared twice`);
        members.set(n, m.member);
      }
    }
    const descriptor: MLClass = { name: spec.name, members };
    for (const k of ["display", "repr", "equals", "compare", "truthy", "length", "iterate"] as const) {
      if (spec[k] !== undefined) (descriptor as unknown as Record<string, unknown>)[k] = spec[k];
    }
    registerClass(ctor, descriptor);
    freeze(ctor.prototype);
    freeze(ctor);
    this.classes.push(freeze({ name: spec.name, description: spec.description, ctor, members: freeze(spec.members.map((m) => m.meta)) }));
  }

  /** Ends the declaration; export the result as `definition`. */
  done(): ModuleDefinition {
    this.assertOpen();
    this.finished = freeze({
      name: this.name,
      description: this.description,
      functions: this.functions,
      functionMeta: freeze([...this.functionMeta]),
      constants: freeze([...this.constants]),
      classes: freeze([...this.classes]),
      asyncFunctions: this.asyncFunctions,
    });
    return this.finished;
  }

  private assertOpen(): void {
    if (this.finished !== null) throw new Error(`mljs: module ${this.name} is already finished`);
  }
}

/** Starts declaring a module named `name` (its ML import name). */
export function defineModule(name: string, description: string): ModuleBuilder {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new TypeError(`invalid module name ${JSON.stringify(name)}`);
  return new ModuleBuilder(name, description);
}
