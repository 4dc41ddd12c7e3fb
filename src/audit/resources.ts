/**
 * Which files, hosts or environment variables a capability-using call names, as a pattern a
 * `capability` declaration can grant (docs/audit.md): the audit's suggested declarations use
 * them, so that a suggestion pasted into the program lets it run.
 *
 * The argument naming the resource is evaluated statically to a *shape*: literal text, glob text
 * (the paths `path.glob("data/*.csv")` returns match `data/*.csv`) and unknown parts. Variables
 * are followed through every assignment of them (flow-insensitive, as the rest of the audit);
 * `for (f in path.glob(p))` gives `f` the shape of `p`; `path.join` and `+` concatenate (a join part
 * starting with "/" starts again, as Python's os.path.join). A shape
 * becomes a pattern: exactly the literal path, the glob, or — when a part is unknown — everything
 * below the literal directory in front of it (`"out/" + name` → `out/**`). Nothing known in
 * front of an unknown part gives no pattern (null): the suggestion then says so.
 */
import type * as AST from "../compiler/ast.js";
import { resourceKindOf, type ResourceKind } from "../capabilities/names.js";

/** One piece of the text a path, URL or variable name may have. */
export type Part =
  | { readonly kind: "text"; readonly value: string }
  | { readonly kind: "glob"; readonly value: string }
  | { readonly kind: "any" };

/** The text of one possible value, in pieces. */
export type Shape = readonly Part[];

/** Where a variable gets its values: an expression's value, an element of one, or unknown. */
export type Definition =
  | { readonly kind: "value" | "element"; readonly expr: AST.Expression; readonly context: unknown }
  | { readonly kind: "unknown" };

/** What the evaluation needs from the analysis (reads are resolved in a definition's context). */
export interface ShapeContext {
  /** Every definition of the variable `id` reads in `context`; null when it is not a variable. */
  definitions(id: AST.Identifier, context: unknown): readonly Definition[] | null;
  /** `path.join`, `builtin:sorted`…: the one stdlib function or builtin `callee` names, or null. */
  calleeLabel(callee: AST.Expression, context: unknown): string | null;
}

/** Alternatives kept per expression; more make the value unknown. */
const MAX_SHAPES = 8;
/** Nesting followed through variables and calls. */
const MAX_DEPTH = 24;
/** Expressions looked at per resource: the evaluation is bounded whatever the program. */
const MAX_STEPS = 2_000;
/** Parts per shape (a path built from thousands of pieces is not worth a pattern). */
const MAX_PARTS = 256;

const ANY: Shape = [{ kind: "any" }];

/** How a call of a stdlib function names the resource of one of its capabilities. */
type ResourceArgument =
  | { readonly kind: "argument"; readonly index: number; readonly fallback: string | null }
  | { readonly kind: "globBase" }
  | { readonly kind: "fixed"; readonly value: string }
  | { readonly kind: "none" };

/** Functions whose resource is not simply their first argument. Keyed `label capability`. */
const RESOURCE_ARGUMENTS: ReadonlyMap<string, ResourceArgument> = new Map<string, ResourceArgument>([
  ["file.copy file.write", { kind: "argument", index: 1, fallback: null }],
  ["file.move file.write", { kind: "argument", index: 1, fallback: null }],
  ["path.listDir path.read", { kind: "argument", index: 0, fallback: "." }],
  ["path.walk path.read", { kind: "argument", index: 0, fallback: "." }],
  ["path.walkTree path.read", { kind: "argument", index: 0, fallback: "." }],
  ["path.glob path.read", { kind: "globBase" }],
  ["path.cwd path.read", { kind: "fixed", value: "." }],
  ["path.home path.read", { kind: "none" }],
  ["path.tempDir path.read", { kind: "none" }],
  ["env.all env.read", { kind: "none" }],
  ["http.request network.http", { kind: "none" }],
]);

/**
 * The patterns covering the resource that a call of `label` (`file.read`) with argument
 * expressions `args` uses under `capability` (one per value the argument may have); null when
 * it cannot be known (computed from a parameter, a host value…), undefined when the capability
 * has no resource.
 */
export function resourcePatterns(
  label: string, capability: string, args: readonly AST.Expression[] | null, context: unknown, shapes: ShapeContext,
): string[] | null | undefined {
  const kind = resourceKindOf(capability);
  if (kind === undefined) return undefined;
  if (args === null) return null;
  const how = RESOURCE_ARGUMENTS.get(`${label} ${capability}`) ?? (label.includes(".") && /^[a-z]/.test(label)
    ? { kind: "argument", index: 0, fallback: null } as const
    : { kind: "none" } as const);
  const evaluator = new Evaluator(shapes);
  switch (how.kind) {
    case "none":
      return null;
    case "fixed":
      return [how.value];
    case "argument": {
      const arg = args[how.index];
      if (arg === undefined || unwrap(arg).type === "NullLiteral") return how.fallback === null ? null : [how.fallback];
      return patternOfAll(evaluator.shapes(arg, context, 0), kind);
    }
    case "globBase": {
      if (args[0] === undefined) return null;
      const root = args[1] === undefined || unwrap(args[1]).type === "NullLiteral" ? [[text(".")]] : evaluator.shapes(args[1], context, 0);
      const pattern = evaluator.shapes(args[0], context, 0);
      if (root === null || pattern === null) return null;
      const bases = new Set<string>();
      for (const r of root) {
        for (const p of pattern) {
          const base = globBase(p);
          if (base === null) return null;
          const joined = isAbsoluteText(base) ? patternOf([text(base)], kind) : patternOf([...r, text("/"), text(base)], kind);
          if (joined === null) return null;
          bases.add(joined);
        }
      }
      return [...bases];
    }
  }
}

/** The patterns of every shape, or null when one is unknown. */
function patternOfAll(shapes: readonly Shape[] | null, kind: ResourceKind): string[] | null {
  if (shapes === null || shapes.length === 0) return null;
  const patterns = new Set<string>();
  for (const s of shapes) {
    const p = patternOf(s, kind);
    if (p === null) return null;
    patterns.add(p);
  }
  return [...patterns];
}

/**
 * The pattern a shape's values match: the literal text, a glob, or for an unknown part the
 * directory in front of it and everything below (`out/**`; for a variable name, `APP_*`).
 */
export function patternOf(shape: Shape, kind: ResourceKind): string | null {
  let known = "";
  let unknown = false;
  for (const part of shape) {
    if (part.kind === "any") {
      unknown = true;
      break;
    }
    known += part.kind === "text" && kind !== "url" ? escapeGlob(part.value) : part.value;
  }
  if (kind === "env") {
    if (!unknown) return known === "" ? null : known;
    return known === "" ? null : `${known}*`;
  }
  if (kind === "url") return hostOf(known, unknown);
  let p = normalize(known);
  if (unknown) {
    const slash = p.lastIndexOf("/");
    if (slash < 0) return null;
    const dir = p.slice(0, slash);
    if (dir === "" || dir === ".") return null; // the root, or the whole program directory
    p = `${dir}/**`;
  }
  return p === "" ? null : p;
}

/** The host (and port) of a URL whose text starts with `known`: what a grant names. */
function hostOf(known: string, unknown: boolean): string | null {
  const m = /^(https?):\/\/([^/?#]*)([/?#]|$)/i.exec(known);
  if (m === null) return null;
  // The host is complete only when something follows it, or the whole URL is known.
  if (m[3] === "" && unknown) return null;
  const host = m[2]!.replace(/^[^@]*@/, "");
  return host === "" ? null : host;
}

/** `./data//a.csv` → `data/a.csv`. */
function normalize(path: string): string {
  let p = path.replace(/\/{2,}/g, "/");
  while (p.startsWith("./")) p = p.slice(2);
  p = p.replace(/\/\.(?=\/|$)/g, "");
  return p;
}

/** The literal leading directories of a glob pattern (where `path.glob` starts), or null. */
function globBase(shape: Shape): string | null {
  let known = "";
  for (const part of shape) {
    if (part.kind === "any") return null;
    known += part.value;
  }
  const segments = normalize(known).split("/");
  const literal: string[] = [];
  for (const segment of segments) {
    if (/[*?[\]{}()!]/.test(segment)) break;
    literal.push(segment);
  }
  const base = literal.join("/"); // no glob at all: the path itself
  return base === "" ? "." : base;
}

/** Literal text as a glob matching exactly it (docs/capabilities.md, pattern syntax). */
function escapeGlob(value: string): string {
  return value.replace(/[*?[\]{}\\]/g, (c) => `\\${c}`);
}

function isAbsoluteText(p: string): boolean {
  return p.startsWith("/") || /^[A-Za-z]:[\\/]/.test(p);
}

function text(value: string): Part {
  return { kind: "text", value };
}

function unwrap(e: AST.Expression): AST.Expression {
  while (e.type === "ParenthesizedExpression") e = e.expression;
  return e;
}

/** Static evaluation of expressions to shapes. */
class Evaluator {
  /** Variables being followed (a variable defined from itself is unknown). */
  private readonly active = new Set<AST.Expression>();
  private steps = MAX_STEPS;

  constructor(private readonly context: ShapeContext) {}

  /** The shapes of the values `e` may have; null when unknown. */
  shapes(e: AST.Expression, ctx: unknown, depth: number): Shape[] | null {
    if (depth > MAX_DEPTH || --this.steps < 0) return null;
    e = unwrap(e);
    switch (e.type) {
      case "StringLiteral":
        return [[text(e.value)]];
      case "NumberLiteral":
        return Number.isInteger(e.value) ? [[text(String(e.value))]] : null;
      case "BinaryExpression": {
        if (e.operator !== "+") return null;
        return product(this.shapesOrAny(e.left, ctx, depth + 1), this.shapesOrAny(e.right, ctx, depth + 1));
      }
      case "ConditionalExpression":
        return union(this.shapes(e.consequent, ctx, depth + 1), this.shapes(e.alternate, ctx, depth + 1));
      case "LogicalExpression":
        return union(this.shapes(e.left, ctx, depth + 1), this.shapes(e.right, ctx, depth + 1));
      case "Identifier":
        return this.variable(e, ctx, depth, "value");
      case "IndexExpression":
        return this.elements(e.object, ctx, depth + 1);
      case "CallExpression": {
        const label = this.context.calleeLabel(e.callee, ctx);
        if (label === "path.join") {
          let out: Shape[] | null = null;
          for (const arg of e.args) {
            const s = this.shapes(arg, ctx, depth + 1);
            if (s === null) return null;
            // As Python's os.path.join (and path.join): a part starting with "/" starts the path again.
            const restart = s.filter((shape) => shape[0]?.kind === "text" && shape[0].value.startsWith("/"));
            const rest = s.filter((shape) => !restart.includes(shape));
            out = out === null ? s : union(rest.length === 0 ? [] : product(product(out, [[text("/")]]), rest), restart);
            if (out === null) return null;
          }
          return out;
        }
        if ((label === "path.normalize" || label === "builtin:str") && e.args[0] !== undefined) return this.shapes(e.args[0], ctx, depth + 1);
        return null;
      }
      default:
        return null;
    }
  }

  /** Like {@link shapes}, an unknown value being one unknown part (for concatenation). */
  private shapesOrAny(e: AST.Expression, ctx: unknown, depth: number): Shape[] {
    return this.shapes(e, ctx, depth) ?? [ANY];
  }

  /** The shapes of the elements of the array `e` may be; null when unknown. */
  private elements(e: AST.Expression, ctx: unknown, depth: number): Shape[] | null {
    if (depth > MAX_DEPTH || --this.steps < 0) return null;
    e = unwrap(e);
    switch (e.type) {
      case "ArrayLiteral": {
        let out: Shape[] | null = [];
        for (const x of e.elements) {
          out = union(out, this.shapes(x, ctx, depth + 1));
          if (out === null) return null;
        }
        return out;
      }
      case "Identifier":
        return this.variable(e, ctx, depth, "element");
      case "CallExpression": {
        const label = this.context.calleeLabel(e.callee, ctx);
        const first = e.args[0];
        if (label === "path.glob" && first !== undefined) {
          // Matches are relative to root, as the pattern is: they match the pattern itself.
          const s = this.shapes(first, ctx, depth + 1);
          return s === null ? null : s.map((shape) => shape.map((p) => (p.kind === "text" ? { kind: "glob", value: p.value } as const : p)));
        }
        if (label === "path.listDir") return [[{ kind: "glob", value: "*" }]]; // names, no directory
        if ((label === "builtin:sorted" || label === "builtin:reversed") && first !== undefined) return this.elements(first, ctx, depth + 1);
        return null;
      }
      default:
        return null;
    }
  }

  /** A variable's values (`use: "value"`) or its elements (`"element"`), over its definitions. */
  private variable(id: AST.Identifier, ctx: unknown, depth: number, use: "value" | "element"): Shape[] | null {
    const defs = this.context.definitions(id, ctx);
    if (defs === null || defs.length === 0) return null;
    let out: Shape[] | null = [];
    for (const d of defs) {
      if (d.kind === "unknown") return null;
      if (this.active.has(d.expr)) return null;
      this.active.add(d.expr);
      let s: Shape[] | null;
      try {
        if (use === "value") s = d.kind === "value" ? this.shapes(d.expr, d.context, depth + 1) : this.elements(d.expr, d.context, depth + 1);
        else s = d.kind === "value" ? this.elements(d.expr, d.context, depth + 1) : null;
      } finally {
        this.active.delete(d.expr);
      }
      out = union(out, s);
      if (out === null) return null;
    }
    return out;
  }
}

function union(a: Shape[] | null, b: Shape[] | null): Shape[] | null {
  if (a === null || b === null) return null;
  const out = [...a, ...b];
  return out.length > MAX_SHAPES ? null : out;
}

function product(a: Shape[] | null, b: Shape[] | null): Shape[] | null {
  if (a === null || b === null) return null;
  if (a.length * b.length > MAX_SHAPES) return null;
  const out: Shape[] = [];
  for (const x of a) {
    for (const y of b) {
      if (x.length + y.length > MAX_PARTS) return null;
      out.push([...x, ...y]);
    }
  }
  return out;
}
