/**
 * The code generator: a resolved AST → a JavaScript function body (or ES module) implementing
 * the ABI of `runtime/abi.ts`, plus a Source Map v3.
 *
 * The generated code references nothing but its own locals, the parameter `$ctx` and JavaScript
 * syntax: every runtime helper and builtin is copied into a `$`-prefixed `const` once, at the top,
 * and only the ones used. ML names are mangled (`class` → `class$`, see `mangle.ts`), so they can
 * never clash with internal names or JavaScript reserved words.
 *
 * Call depth is kept with the "absolute" scheme: a function remembers its own depth
 * (`const $d = ++$L.depth`) and every exit sets `$L.depth = $d - 1`. An exception leaves the depth
 * too high; the `catch` of every `try` sets it back to `$d` (the depth of the function the `try`
 * is in), and the host resets it at its own entry points. Setting (not decrementing) keeps this
 * exact even when `finally` returns over a pending `return`.
 *
 * Speed: calls of functions that are always ML functions are direct (`f(x)`); `for (x in
 * range(…))` is a counting loop; arithmetic and comparisons on variables and constants carry
 * the number case inline (`typeof i === "number" ? i + 1 : $add(i, 1)`), which also leaves the
 * engine's inlining budget to the helpers that remain; reads get a `NameError` check only where
 * the resolver could not prove the variable assigned.
 *
 * Deep nesting: long left-nested operator chains (`a + b + c + …`) are written as a flat
 * sequence, and other expressions nested deeper than an engine can parse are a compile error
 * (reported by `compile` as ML1010), never a crash.
 */
import type * as AST from "./ast.js";
import { BUILTIN_NAMESPACE, ReadCursor, isCounter, isExported, isFunctionOnly, type Binding, type Resolution, type Scope } from "./resolver.js";
import { Writer, type SourceMapV3 } from "./codegen/writer.js";
import { mangle } from "./mangle.js";
import type { AsyncPlan } from "./async.js";
import {
  FOLD_DEPTH, constantValue, containsCall, endsControl, isPrimitiveLiteral, numberLiteral, stringLiteral, unwrap,
} from "./codegen/expressions.js";

export type { SourceMapV3 } from "./codegen/writer.js";

/** Options of {@link generate}. */
export interface GenerateOptions {
  /** The ML file name (source-map `sources`). */
  filename: string;
  /** The ML source (source-map `sourcesContent`). */
  source: string;
  sourceMap: boolean;
  /** `"function"`: a function body taking `$ctx`; `"module"`: an ES module exporting `run`. */
  mode: "function" | "module";
  /** Which functions are asynchronous and which calls are awaited; null: all synchronous. */
  asyncPlan: AsyncPlan | null;
  /**
   * Incremental compilation (`CompileOptions.incremental`): module bindings are properties of
   * `$G` (`$ctx.globals`, their `jsName`s say so) and top-level expression statements pass their
   * value to `$ctx.echo`. Default false.
   */
  incremental?: boolean;
  /** `CompileOptions.debugBreak`: a `debugger;` statement before the first top-level statement. */
  debugBreak?: boolean;
}

/** The generated code and its source map. */
export interface GenerateResult {
  code: string;
  map: SourceMapV3 | null;
}

/** Builtins that always return a boolean: their calls can be used as JavaScript conditions. */
const BOOLEAN_BUILTINS: ReadonlySet<string> = new Set([
  "bool", "isinstance", "callable", "hasattr", "has_module", "hasCapability", "all", "any",
]);

/** Runtime helper for each binary operator. */
const BINARY_HELPERS: Readonly<Record<AST.BinaryOperator, string>> = {
  "+": "add", "-": "sub", "*": "mul", "/": "div", "//": "fdiv", "%": "mod",
  "==": "eq", "!=": "ne", "<": "lt", ">": "gt", "<=": "le", ">=": "ge",
};

/** `$name(` for the helpers called most, so emitting a call allocates no string. */
const OPEN_CALL: Readonly<Record<string, string>> = Object.fromEntries(
  ["add", "sub", "mul", "div", "fdiv", "mod", "eq", "ne", "lt", "gt", "le", "ge", "neg", "truthy", "index",
    "setIndex", "slice", "member", "setMember", "invoke", "iter", "thrown", "callable", "ret"].map((n) => [n, `$${n}(`]),
);

/**
 * Helpers defined in each load's own code instead of taken from the runtime: a closure of the
 * load's code gets type feedback of its own, while a shared runtime helper's feedback (and so its
 * speed) depends on every other program the process has run. Each falls back to the runtime
 * helper for everything but its fast case.
 */
const LOCAL_HELPERS: Readonly<Record<string, { uses: readonly string[]; definitions: readonly string[] }>> = {
  // `xs.append(x)` below `maxArrayLength`: a frozen or sealed host array refuses the push (no
  // change made), which `appendRefused` turns into append's own TypeError.
  append: {
    uses: ["isArray", "appendRefused", "invoke"],
    definitions: [
      "$maxArray = $rt.maxArrayLength",
      "$append = ($p, $q) => { if ($isArray($p) && $p.length < $maxArray) { try { $p.push($q); } catch ($x) { $appendRefused($x); } return null; } return $invoke($p, \"append\", $q); }",
    ],
  },
  // `//` on two int32 numbers: the truncated quotient, one less when the remainder and the
  // divisor differ in sign (exact for int32 operands; `+ 0` turns -0 into 0, as floorDiv does).
  fdiv: {
    uses: [],
    definitions: [
      "$fdiv = ($p, $q) => { if (typeof $p === \"number\" && typeof $q === \"number\" && ($p | 0) === $p && ($q | 0) === $q && $q !== 0) { const $r = $p % $q; return ($p - $r) / $q - ($r !== 0 && ($r ^ $q) < 0 ? 1 : 0) + 0; } return $rt.fdiv($p, $q); }",
    ],
  },
  // `%` on two numbers: floor modulo, the sign of the divisor (a zero is -0 for a negative
  // divisor unless both are int32, exactly as the runtime's floorMod).
  mod: {
    uses: [],
    definitions: [
      "$mod = ($p, $q) => { if (typeof $p === \"number\" && typeof $q === \"number\" && $q !== 0) { const $r = $p % $q; if ($r !== 0) return ($r < 0) !== ($q < 0) ? $r + $q : $r; return $q < 0 && (($p | 0) !== $p || ($q | 0) !== $q) ? -0 : 0; } return $rt.mod($p, $q); }",
    ],
  },
};

const COMPARISONS: ReadonlySet<string> = new Set(["==", "!=", "<", ">", "<=", ">="]);

/** The name the runtime shows for a function that has none (`<function <fn>>`). */
const ANONYMOUS = "<fn>";

/** Function entry: depth and step bookkeeping (after the arity check). */
const PROLOGUE = "const $d = ++$L.depth; if ($d > $L.max) $deep(); if (--$L.n < 0) $tick();";

/** Operators whose number-number case is written inline (see `inlineBinary`). */
const INLINE_OPERATORS: Readonly<Partial<Record<AST.BinaryOperator, string>>> = {
  "+": "+", "-": "-", "*": "*", "/": "/", "<": "<", "<=": "<=", ">": ">", ">=": ">=",
};

interface NumOperand { kind: "num"; text: string }
/** A variable nothing else can change; `counter`: it always holds a non-negative integer. */
interface VarOperand { kind: "var"; id: AST.Identifier; js: string; counter: boolean }
interface ComplexOperand { kind: "complex"; expr: AST.Expression }
type Operand = NumOperand | VarOperand | ComplexOperand | { kind: "never" };

/** Operator chains up to this long get inline number paths (longer ones are rare and big). */
const INLINE_CHAIN = 8;

/** Operator chains longer than this are emitted as a flat sequence instead of nested calls. */
const FLAT_CHAIN = 64;

/**
 * Deepest expression nesting emitted as nested JavaScript (V8's parser overflows at roughly
 * 1 300 nested calls; one ML level can take two). Deeper statements are a compile error.
 */
const MAX_EXPRESSION_DEPTH = 500;

/** The mutable state of the JavaScript function being emitted. */
interface FunctionState {
  readonly scope: Scope;
  /** Compiled `async`: its returns are boxed and its awaits resume through the runtime. */
  readonly isAsync: boolean;
  /** The shared temporary `$t` is used (declared with the locals). */
  usesTemp: boolean;
  /** Nesting of `try` statements, for distinct `catch` parameter names. */
  tryDepth: number;
  /** Counting loops emitted so far, for distinct loop variable names. */
  loops: number;
  /** The chain temporary `$c` is used. */
  usesChain: boolean;
  /**
   * Operand temporaries `$o`, `$o1`, `$o2`…: how many are used, and the first one free at the
   * point being emitted. A temporary holding a value that later code reads is reserved (the
   * level raised) while the code in between is emitted, so nested operands never overwrite it.
   */
  temps: number;
  level: number;
  /** `$a`/`$e`, the temporaries of inline array reads. */
  usesIndex: boolean;
  /** The assigned-value temporary `$val` is used. */
  usesValue: boolean;
  /** Unchecked twins of function declarations (`f$`), declared with the locals. */
  twins: string[];
}

/**
 * Generates JavaScript for a program that resolved without errors.
 *
 * @param program the AST (free of `ErrorExpression`s)
 * @param resolution the resolver's side tables for `program`
 */
export function generate(program: AST.Program, resolution: Resolution, options: GenerateOptions): GenerateResult {
  const generator = new Generator(resolution, options);
  try {
    return generator.program(program);
  } catch (e) {
    if (e instanceof RangeError && generator.current !== null) throw new NestingTooDeep(generator.current.loc);
    throw e;
  }
}

/** Thrown by {@link generate} when a statement is nested too deeply for the JavaScript stack. */
export class NestingTooDeep extends Error {
  constructor(readonly loc: AST.SourceLocation) {
    super("statement nested too deeply to compile");
  }
}

class Generator {
  private readonly out: Writer;
  private readonly helpers = new Set<string>();
  private readonly builtins = new Set<string>();
  private fn!: FunctionState;
  private readonly cursor: ReadCursor;
  /** The top-level statement being generated (reported if the JavaScript stack overflows). */
  current: AST.TopLevel | null = null;
  /** Current expression nesting (see MAX_EXPRESSION_DEPTH). */
  private depth = 0;
  private readonly memberArgs = new Map<string, string>();
  /**
   * Function declarations compiled as a pair (see `uncheckedDeclarations`), and the parameter
   * count of each binding they assign: a direct call with that many arguments skips the check.
   */
  private readonly pairs = new Set<AST.FunctionDeclaration>();
  private readonly uncheckedArity = new Map<Binding, number>();
  private readonly memberArgsClosed = new Map<string, string>();

  constructor(private readonly res: Resolution, private readonly options: GenerateOptions) {
    this.out = new Writer(options.sourceMap);
    this.cursor = new ReadCursor(res);
  }

  // -------------------------------------------------------------------------------------------
  // Program
  // -------------------------------------------------------------------------------------------

  program(program: AST.Program): GenerateResult {
    const out = this.out;
    const module = this.res.module;
    if (this.options.mode === "module") {
      out.write(`import { standaloneContext } from "mljs-lang/runtime";`);
      out.newline();
      out.write(`export default ${this.options.asyncPlan !== null ? "async " : ""}function run($ctx = standaloneContext()) {`);
    } else {
      out.write(`"use strict";`);
    }
    out.newline();
    const header = out.reserve();
    out.newline();
    const lets = out.reserve();
    out.newline();
    this.fn = { scope: module, isAsync: this.options.asyncPlan !== null, usesTemp: false, tryDepth: 0, loops: 0, usesChain: false, temps: 0, level: 0, usesIndex: false, usesValue: false, twins: [] };
    if (this.options.incremental !== true && this.options.asyncPlan === null) this.findPairs(program.body, module);
    let pauseAt = this.options.debugBreak === true ? program.body.find(emitsCode) : undefined;
    for (const s of program.body) {
      this.current = s;
      if (s === pauseAt) {
        out.indent();
        out.mark(s.loc.start);
        out.write("debugger;");
        out.newline();
        pauseAt = undefined;
      }
      this.statement(s);
    }
    this.exports(module);
    if (this.options.mode === "module") {
      out.newline();
      out.write("}");
    }
    out.newline();

    // Incremental: module bindings live in `$G`, declared by nothing.
    const declared = this.options.incremental === true ? [] : module.locals.map((b) => b.jsName);
    declared.push(...this.fn.twins);
    if (this.fn.usesTemp) declared.push("$t");
    if (this.fn.usesChain) declared.push("$c");
    declared.push(...temporaries(this.fn.temps));
    if (this.fn.usesIndex) declared.push("$a", "$e");
    if (this.fn.usesValue) declared.push("$val");
    out.fill(lets, declared.length > 0 ? `let ${declared.join(", ")};` : "");
    out.fill(header, this.header());

    const generatedFile = generatedName(this.options.filename);
    return {
      code: out.code(),
      map: out.sourceMap(generatedFile, this.options.filename, this.options.source),
    };
  }

  /** `const $rt = $ctx.rt, $L = $rt.budget, …` with exactly the helpers and builtins used. */
  private header(): string {
    const parts = ["$rt = $ctx.rt", "$L = $rt.budget", "$d = $L.depth"];
    if (this.options.incremental === true) parts.push("$G = $ctx.globals", "$echo = $ctx.echo");
    for (const name of Object.keys(LOCAL_HELPERS)) {
      if (!this.helpers.delete(name)) continue;
      const local = LOCAL_HELPERS[name]!;
      for (const h of local.uses) this.helpers.add(h);
      parts.push(...local.definitions);
    }
    for (const h of this.helpers) parts.push(`$${h} = $rt.${h}`);
    for (const b of this.builtins) parts.push(`$b_${b} = $rt.builtins.${b}`);
    return `const ${parts.join(", ")};`;
  }

  /** `return { "x": () => x, … };`: one live getter per top-level binding (imports excluded). */
  private exports(module: Scope): void {
    const out = this.out;
    const entries: string[] = [];
    const certain = this.res.assignedAtEnd;
    for (const b of module.locals) {
      if (!isExported(b)) continue;
      const key = b.name === "__proto__" ? `["__proto__"]` : JSON.stringify(b.name);
      entries.push(`${key}: () => ${b.jsName}${certain.has(b) ? "" : " ?? null"}`);
    }
    const thunks = entries.length > 0 ? `{ ${entries.join(", ")} }` : "{}";
    // Asynchronous: boxed, so a binding named `then` cannot make the thunks a thenable.
    out.write(this.fn.isAsync ? `return ${this.helper("box")}(${thunks});` : `return ${thunks};`);
  }

  /** The local name of runtime helper `name` (`$add`), recording that it is used. */
  private helper(name: string): string {
    this.helpers.add(name);
    return "$" + name;
  }

  /**
   * `, "name"` followed by `close`, for member helpers; cached per name, since the same member
   * names recur throughout a program.
   */
  private memberArg(name: string, close: "" | ")"): string {
    const cache = close === "" ? this.memberArgs : this.memberArgsClosed;
    let text = cache.get(name);
    if (text === undefined) {
      text = `, ${stringLiteral(name)}${close}`;
      cache.set(name, text);
    }
    return text;
  }

  /** `$name(` for runtime helper `name`, recording that it is used. */
  private open(name: string): string {
    this.helpers.add(name);
    return OPEN_CALL[name] ?? `$${name}(`;
  }

  // -------------------------------------------------------------------------------------------
  // Statements
  // -------------------------------------------------------------------------------------------

  private block(list: readonly AST.Statement[]): void {
    this.out.level++;
    for (const s of list) this.statement(s);
    this.out.level--;
  }

  /**
   * One line of budget bookkeeping at the top of a loop body, mapped to the loop statement so a
   * `LimitError` raised there has an ML stack frame.
   */
  private tickLine(loop: AST.Position): void {
    const out = this.out;
    out.level++;
    out.indent();
    out.mark(loop);
    out.write("if (--$L.n < 0) $tick();");
    this.helpers.add("tick");
    out.newline();
    out.level--;
  }

  private statement(s: AST.TopLevel): void {
    const out = this.out;
    if (!emitsCode(s)) return;
    out.indent();
    out.mark(s.loc.start);
    switch (s.type) {
      case "ExpressionStatement": {
        if (this.options.incremental === true && this.current === s) {
          // Incremental: the host shows the value of each top-level expression statement.
          out.write("$echo(");
          this.expression(s.expression);
          out.write(");");
          break;
        }
        const e = unwrap(s.expression);
        const wrap = e.type === "ObjectLiteral" || e.type === "ArrowFunction";
        if (wrap) out.write("(");
        this.expression(s.expression);
        if (wrap) out.write(")");
        out.write(";");
        break;
      }
      case "AssignmentStatement":
        this.assignment(s);
        break;
      case "DestructuringStatement":
        this.destructuring(s);
        break;
      case "FunctionDeclaration":
        if (this.pairs.has(s)) {
          this.functionPair(s);
          break;
        }
        out.mark(s.name.loc.start, s.name.name);
        out.write(`${this.writeName(s.name)} = `);
        this.function(s, s.params, s.body, s.name.name);
        out.write(";");
        break;
      case "IfStatement":
        this.ifStatement(s);
        break;
      case "WhileStatement":
        out.write("while (");
        this.condition(s.test);
        out.write(") {");
        out.newline();
        this.tickLine(s.loc.start);
        this.block(s.body.body);
        out.indent();
        out.write("}");
        break;
      case "ForStatement":
        if (this.rangeLoop(s)) break;
        out.write("for (");
        out.mark(s.variable.loc.start, s.variable.name);
        out.write(`${this.writeName(s.variable)} of `);
        out.mark(s.iterable.loc.start);
        out.write(this.open("iter"));
        this.expression(s.iterable);
        out.write(")) {");
        out.newline();
        this.tickLine(s.loc.start);
        this.block(s.body.body);
        out.indent();
        out.write("}");
        break;
      case "TryStatement":
        this.tryStatement(s);
        break;
      case "ThrowStatement":
        out.write("throw ");
        out.mark(s.loc.start);
        out.write(this.open("thrown"));
        this.expression(s.argument);
        out.write(");");
        break;
      case "ReturnStatement":
        this.returnStatement(s.argument);
        break;
      case "BreakStatement":
        out.write("break;");
        break;
      case "ContinueStatement":
        out.write("continue;");
        break;
      case "ImportDeclaration": {
        const bound = s.alias ?? s.path[0]!;
        out.mark(bound.loc.start, bound.name);
        out.write(`${this.writeName(bound)} = `);
        out.mark(s.loc.start);
        const path = s.path.map((p) => JSON.stringify(p.name)).join(", ");
        const load = `$ctx.import([${path}], ${s.alias !== null})`;
        out.write(this.options.asyncPlan !== null ? `${this.awaitOpen()}${load}${this.awaitClose()};` : `${load};`);
        break;
      }
    }
    out.newline();
  }

  /**
   * `for (x in range(…))` with the builtin `range`: a counting loop instead of building the
   * array (`$rangeLength` validates the arguments as `range` would). False when not applicable.
   */
  private rangeLoop(s: AST.ForStatement): boolean {
    const call = unwrap(s.iterable);
    if (call.type !== "CallExpression" || call.args.length < 1 || call.args.length > 3) return false;
    const callee = unwrap(call.callee);
    if (callee.type !== "Identifier" || callee.name !== "range") return false;
    const read = this.cursor.find(callee);
    if (read < 0 || this.res.readBindings[read]!.kind !== "builtin") return false;
    this.cursor.take(callee);
    const out = this.out;
    const k = ++this.fn.loops;
    const v = `$v${k}`, n = `$n${k}`;
    const args = call.args;
    const length = this.helper("rangeLength");
    out.write(`for (let ${v} = `);
    if (args.length === 1) {
      out.write(`0, ${n} = `);
      out.mark(call.loc.start);
      out.write(`${length}(0, `);
      this.expression(args[0]!);
      out.write(`, 1); ${v} < ${n}; ${v}++) {`);
    } else if (args.length === 2) {
      this.expression(args[0]!);
      out.write(`, ${n} = `);
      out.mark(call.loc.start);
      out.write(`${length}(${v}, `);
      this.expression(args[1]!);
      out.write(`, 1); ${n} > 0; ${n}--, ${v}++) {`);
    } else {
      const stop = `$s${k}`, step = `$c${k}`;
      this.expression(args[0]!);
      out.write(`, ${stop} = `);
      this.expression(args[1]!);
      out.write(`, ${step} = `);
      this.expression(args[2]!);
      out.write(`, ${n} = `);
      out.mark(call.loc.start);
      out.write(`${length}(${v}, ${stop}, ${step}); ${n} > 0; ${n}--, ${v} += ${step}) {`);
    }
    out.newline();
    out.level++;
    out.indent();
    out.mark(s.variable.loc.start, s.variable.name);
    out.write(`${this.writeName(s.variable)} = ${v};`);
    out.newline();
    out.level--;
    this.tickLine(s.loc.start);
    this.block(s.body.body);
    out.indent();
    out.write("}");
    return true;
  }

  /** The JavaScript name an assignment to `id` writes (JavaScript scoping finds the same variable). */
  private writeName(id: AST.Identifier): string {
    if (this.options.incremental === true) {
      // A module binding (assigned at the top level, or through `nonlocal`) is a property of `$G`.
      const scope = this.fn.scope;
      const b = scope.bindings.get(id.name) ?? scope.nonlocals.get(id.name);
      if (b?.scope?.kind === "module") return b.jsName;
    }
    return mangle(id.name);
  }

  private assignment(s: AST.AssignmentStatement): void {
    const out = this.out;
    const t = s.target;
    if (t.type === "Identifier") {
      out.mark(t.loc.start, t.name);
      out.write(`${this.writeName(t)} = `);
      this.expression(s.value, t.name);
      out.write(";");
    } else {
      // Python's order: the value first, then the target's object and index. A value without
      // effects that nothing can change is written in place; any other goes through `$val`.
      const value = this.stableValue(s.value);
      if (value === null) {
        this.fn.usesValue = true;
        out.write("$val = ");
        this.expression(s.value);
        out.write("; ");
      }
      const text = value ?? "$val";
      if (t.type === "IndexExpression") {
        out.mark(t.loc.start);
        out.write(this.open("setIndex"));
        this.expression(t.object);
        out.write(", ");
        this.expression(t.index);
        out.write(`, ${text});`);
      } else {
        out.mark(t.property.loc.start);
        out.write(this.open("setMember"));
        this.expression(t.object);
        out.write(`, ${JSON.stringify(t.property.name)}, ${text});`);
      }
    }
  }

  /**
   * The JavaScript text of an assigned value whose evaluation has no effect, cannot fail and
   * cannot be changed by evaluating the target (a literal, or a certain read of a variable no
   * nested function assigns), consuming its read; null for any other value.
   */
  private stableValue(e: AST.Expression): string | null {
    const u = unwrap(e);
    switch (u.type) {
      case "StringLiteral":
        return stringLiteral(u.value);
      case "BooleanLiteral":
        return u.value ? "true" : "false";
      case "NullLiteral":
        return "null";
      case "NumberLiteral":
        return numberLiteral(u.value);
      case "Identifier": {
        const i = this.cursor.find(u);
        if (i < 0 || this.res.readUncertain[i]) return null;
        const b = this.res.readBindings[i]!;
        if (b.nonlocalWrites) return null;
        this.take(u);
        if (b.kind === "builtin") this.builtins.add(b.name);
        return b.jsName;
      }
      default:
        return null;
    }
  }

  private destructuring(s: AST.DestructuringStatement): void {
    const out = this.out;
    this.fn.usesTemp = true;
    if (s.kind === "array") {
      out.write(`$t = ${this.helper("unpack")}(`);
      this.expression(s.value);
      out.write(`, ${s.names.length});`);
      s.names.forEach((n, i) => {
        out.write(" ");
        out.mark(n.loc.start, n.name);
        out.write(`${this.writeName(n)} = $t[${i}];`);
      });
    } else {
      out.write(`$t = ${this.helper("unpackObject")}(`);
      this.expression(s.value);
      out.write(");");
      const key = this.helper("key");
      for (const n of s.names) {
        out.write(" ");
        out.mark(n.loc.start, n.name);
        out.write(`${this.writeName(n)} = ${key}($t, ${JSON.stringify(n.name)});`);
      }
    }
  }

  private ifStatement(s: AST.IfStatement): void {
    const out = this.out;
    s.branches.forEach((branch, i) => {
      if (i > 0) {
        out.write(" else ");
        out.mark(branch.loc.start);
      }
      out.write("if (");
      this.condition(branch.test);
      out.write(") {");
      out.newline();
      this.block(branch.body.body);
      out.indent();
      out.write("}");
    });
    if (s.alternate) {
      out.write(" else {");
      out.newline();
      this.block(s.alternate.body);
      out.indent();
      out.write("}");
    }
  }

  private tryStatement(s: AST.TryStatement): void {
    const out = this.out;
    const handler = s.handlers[0] ?? null; // later clauses are unreachable (warning ML2008)
    const finalizer = s.finalizer;
    const level = out.level;
    if (handler === null && finalizer === null) {
      out.write("{");
      out.newline();
      this.block(s.block.body);
      out.indent();
      out.write("}");
      return;
    }
    const fn = this.fn;
    const e = fn.tryDepth === 0 ? "$e" : `$e${fn.tryDepth}`;
    fn.tryDepth++;
    out.write("try {");
    out.newline();
    this.block(s.block.body);
    out.indent();
    out.write(`} catch (${e}) {`);
    out.newline();
    out.level = level + 1;
    out.indent();
    out.write("$L.depth = $d;");
    out.newline();
    if (handler === null) {
      // try … finally: restore the depth before the finally block runs on the error path.
      out.indent();
      out.write(`throw ${e};`);
      out.newline();
    } else {
      // With a finally block, an error escaping the handler must restore the depth first too.
      const guard = finalizer !== null;
      const inner = `$e${fn.tryDepth}`;
      if (guard) {
        out.indent();
        out.write("try {");
        out.newline();
        out.level = level + 2;
      }
      out.indent();
      out.mark(handler.loc.start);
      if (handler.param !== null) {
        out.mark(handler.param.loc.start, handler.param.name);
        out.write(`${this.writeName(handler.param)} = `);
      }
      out.write(`${this.helper("caught")}(${e});`);
      out.newline();
      out.level--;
      this.block(handler.body.body);
      if (guard) {
        out.level = level + 1;
        out.indent();
        out.write(`} catch (${inner}) { $L.depth = $d; throw ${inner}; }`);
        out.newline();
      }
    }
    out.level = level;
    out.indent();
    out.write("}");
    fn.tryDepth--;
    if (finalizer !== null) {
      out.write(" finally {");
      out.newline();
      this.block(finalizer.body);
      out.indent();
      out.write("}");
    }
  }

  private returnStatement(argument: AST.Expression | null): void {
    const out = this.out;
    if (argument === null) {
      out.write("$L.depth = $d - 1; return null;");
    } else if (!containsCall(argument)) {
      // Nothing in the value can call ML code, so the depth may be released first.
      out.write("$L.depth = $d - 1; return ");
      if (this.fn.isAsync) out.write(`${this.helper("box")}(`);
      this.expression(argument);
      out.write(this.fn.isAsync ? ");" : ";");
    } else {
      out.write("{ const $r = ");
      this.expression(argument);
      out.write(this.fn.isAsync ? `; $L.depth = $d - 1; return ${this.helper("box")}($r); }` : "; $L.depth = $d - 1; return $r; }");
    }
  }

  // -------------------------------------------------------------------------------------------
  // Functions
  // -------------------------------------------------------------------------------------------

  /**
   * `function (a, b) { prologue; let locals; body }` — anonymous, so JavaScript names it after
   * the variable or key it is assigned to (the ML name), and no inner name binding can shadow
   * the ML variable of the same name.
   */
  private function(node: AST.FunctionDeclaration | AST.ArrowFunction, params: readonly AST.Parameter[],
    body: AST.Block | AST.Expression, displayName: string | undefined, checked = true): void {
    const out = this.out;
    const scope = this.res.scopes.get(node)!;
    const n = params.length;
    const isAsync = this.options.asyncPlan?.functions.has(node) === true;
    // Incremental: a module-level function is assigned to a property of `$G`, which gives it no
    // name, so it is named here (no module binding is a JavaScript variable it could shadow).
    const own = this.options.incremental === true && this.fn.scope.kind === "module" && displayName !== undefined
      && /^[A-Za-z_][A-Za-z0-9_]*$/.test(displayName) ? mangle(displayName) : "";
    out.write(`${isAsync ? "async " : ""}function ${own}`);
    // The function's ML name at its `(`, where V8 says a function starts: what Chrome DevTools
    // shows in the call stack (`total` rather than the twin's `total$`).
    if (displayName !== undefined) out.mark(node.loc.start, displayName);
    out.write("(");
    this.parameterList(params, scope.params.map((p) => p.jsName));
    out.write(") {");
    out.newline();
    out.level++;
    // Errors raised on entry (arity, recursion depth, budget) point at the function itself.
    if (checked) {
      out.indent();
      out.mark(node.loc.start);
      out.write(`if (arguments.length !== ${n}) $arity(${stringLiteral(displayName ?? ANONYMOUS)}, ${n}, arguments.length);`);
      out.newline();
      this.helpers.add("arity");
    }
    out.indent();
    out.mark(node.loc.start);
    out.write(PROLOGUE);
    this.helpers.add("deep");
    this.helpers.add("tick");
    const lets = out.reserve();
    out.newline();
    const saved = this.fn;
    this.fn = { scope, isAsync, usesTemp: false, tryDepth: 0, loops: 0, usesChain: false, temps: 0, level: 0, usesIndex: false, usesValue: false, twins: [] };
    if (body.type === "Block") {
      for (const s of body.body) this.statement(s);
      const last = body.body[body.body.length - 1];
      if (last === undefined || !endsControl(last)) {
        out.indent();
        out.write("$L.depth = $d - 1; return null;");
        out.newline();
      }
    } else {
      out.indent();
      out.mark(body.loc.start);
      this.returnStatement(body);
      out.newline();
    }
    const declared = scope.locals.map((b) => b.jsName);
    declared.push(...this.fn.twins);
    if (this.fn.usesTemp) declared.push("$t");
    if (this.fn.usesChain) declared.push("$c");
    declared.push(...temporaries(this.fn.temps));
    if (this.fn.usesIndex) declared.push("$a", "$e");
    if (this.fn.usesValue) declared.push("$val");
    if (declared.length > 0) out.fill(lets, ` let ${declared.join(", ")};`);
    this.fn = saved;
    out.level--;
    out.indent();
    out.write("}");
  }

  /**
   * Finds the function declarations compiled as a pair: `f$`, the function without its arity
   * check, which direct calls with the right argument count use, and `f`, the value ML code and
   * the host see, which checks the count and calls `f$`. Only for a binding of its own scope
   * that this one declaration alone assigns (so `f$` is always the function `f` wraps), and not
   * for reserved names (whose `$` the stack traces would show).
   */
  private findPairs(list: readonly AST.TopLevel[], scope: Scope): void {
    for (const s of list) {
      switch (s.type) {
        case "FunctionDeclaration": {
          const b = scope.bindings.get(s.name.name);
          if (b !== undefined && b.scope === scope && b.functionDeclarations === 1 && isFunctionOnly(b) &&
              !b.nonlocalWrites && b.jsName === s.name.name && !scope.nonlocals.has(s.name.name)) {
            this.pairs.add(s);
            this.uncheckedArity.set(b, s.params.length);
          }
          const inner = this.res.scopes.get(s);
          if (inner !== undefined) this.findPairs(s.body.body, inner);
          break;
        }
        case "IfStatement":
          for (const branch of s.branches) this.findPairs(branch.body.body, scope);
          if (s.alternate !== null) this.findPairs(s.alternate.body, scope);
          break;
        case "WhileStatement":
        case "ForStatement":
          this.findPairs(s.body.body, scope);
          break;
        case "TryStatement":
          this.findPairs(s.block.body, scope);
          for (const h of s.handlers) this.findPairs(h.body.body, scope);
          if (s.finalizer !== null) this.findPairs(s.finalizer.body, scope);
          break;
        default:
          break;
      }
    }
  }

  /**
   * `f$ = function (a) { … }; f = function (a) { arity check; return f$(a); };` (see
   * {@link findPairs}). The wrapper's call line has no source position, so stack traces show
   * one frame per ML call.
   */
  private functionPair(s: AST.FunctionDeclaration): void {
    const out = this.out;
    const name = s.name.name;
    const n = s.params.length;
    const jsParams = this.res.scopes.get(s)!.params.map((p) => p.jsName);
    const params = jsParams.join(", ");
    this.fn.twins.push(`${name}$`);
    out.write(`${name}$ = `);
    this.function(s, s.params, s.body, name, false);
    out.write(";");
    out.newline();
    out.indent();
    out.mark(s.name.loc.start, name);
    out.write(`${name} = function (`);
    this.parameterList(s.params, jsParams);
    out.write(") {");
    out.newline();
    out.level++;
    out.indent();
    out.mark(s.loc.start);
    out.write(`if (arguments.length !== ${n}) $arity(${stringLiteral(name)}, ${n}, arguments.length);`);
    this.helpers.add("arity");
    out.newline();
    out.indent();
    out.write(`return ${name}$(${params});`);
    out.newline();
    out.level--;
    out.indent();
    out.write("};");
  }

  // -------------------------------------------------------------------------------------------
  // Expressions
  // -------------------------------------------------------------------------------------------

  /**
   * Writes `e` as a JavaScript expression that is safe in any operand position (a primary, a
   * call, a `!` expression, or parenthesised).
   *
   * @param nameHint the variable or key the value is assigned to (names arrow functions)
   */
  private expression(e: AST.Expression, nameHint?: string): void {
    if (++this.depth > MAX_EXPRESSION_DEPTH) throw new RangeError("expression nested too deeply");
    this.expressionInner(e, nameHint);
    this.depth--;
  }

  private expressionInner(e: AST.Expression, nameHint: string | undefined): void {
    const out = this.out;
    switch (e.type) {
      case "NumberLiteral":
        out.write(numberLiteral(e.value));
        return;
      case "StringLiteral":
        out.write(stringLiteral(e.value));
        return;
      case "BooleanLiteral":
        out.write(e.value ? "true" : "false");
        return;
      case "NullLiteral":
        out.write("null");
        return;
      case "Identifier":
        this.read(e);
        return;
      case "ArrayLiteral":
        out.write("[");
        for (let i = 0; i < e.elements.length; i++) {
          if (i > 0) out.write(", ");
          this.expression(e.elements[i]!);
        }
        out.write("]");
        return;
      case "ObjectLiteral":
        out.write("{");
        for (let i = 0; i < e.properties.length; i++) {
          const p = e.properties[i]!;
          if (i > 0) out.write(", ");
          // A literal `__proto__:` key would set the prototype; a computed key makes an own property.
          out.write(p.key === "__proto__" ? `["__proto__"]: ` : stringLiteral(p.key));
          if (p.key !== "__proto__") out.write(": ");
          this.expression(p.value, p.key);
        }
        out.write("}");
        return;
      case "ArrowFunction":
        this.function(e, e.params, e.body, nameHint);
        return;
      case "UnaryExpression":
        if (e.operator === "!") {
          out.write("!");
          this.condition(e.argument);
        } else {
          const folded = constantValue(e, 0);
          if (folded !== undefined) {
            out.write(numberLiteral(folded));
            return;
          }
          const arg = this.operand(e.argument);
          if (arg.kind === "var") {
            // The number case inline (as the runtime helper computes it); the helper otherwise.
            const js = this.takeVar(arg);
            out.write(`(typeof ${js} === "number" ? -`);
            this.writeOperand(arg, js);
            out.write(" : ");
            out.mark(e.loc.start);
            out.write(`${this.helper("neg")}(${js}))`);
            return;
          }
          out.mark(e.loc.start);
          out.write(this.open("neg"));
          this.expression(e.argument);
          out.write(")");
        }
        return;
      case "BinaryExpression": {
        const folded = constantValue(e, 0);
        if (folded !== undefined) {
          out.write(numberLiteral(folded));
          return;
        }
        // `a + b + c + …` nests to the left and can be thousands deep: open the helper calls
        // of the left spine iteratively, then close them with their right operands.
        const spine: AST.BinaryExpression[] = [e];
        let left = e.left;
        while (left.type === "BinaryExpression" && constantValue(left, 0) === undefined) {
          spine.push(left);
          left = left.left;
        }
        if (spine.length <= INLINE_CHAIN && this.inlineBinary(e)) return;
        if (spine.length > FLAT_CHAIN) {
          // JavaScript engines cannot parse thousands of nested calls: a long chain becomes a
          // flat sequence through the temporary `$c` (read as an argument before the right
          // operand runs, so a chain inside the right operand may reuse it).
          this.fn.usesChain = true;
          out.write("($c = ");
          this.expression(left);
          for (let i = spine.length - 1; i >= 0; i--) {
            const node = spine[i]!;
            out.write(", $c = ");
            out.mark(node.operatorLoc.start);
            out.write(this.open(BINARY_HELPERS[node.operator]));
            out.write("$c, ");
            this.expression(node.right);
            out.write(")");
          }
          out.write(", $c)");
          return;
        }
        for (const node of spine) {
          out.mark(node.operatorLoc.start);
          out.write(this.open(BINARY_HELPERS[node.operator]));
        }
        this.expression(left);
        for (let i = spine.length - 1; i >= 0; i--) {
          out.write(", ");
          this.expression(spine[i]!.right);
          out.write(")");
        }
        return;
      }
      case "LogicalExpression":
        this.logical(e);
        return;
      case "ConditionalExpression":
        out.write("(");
        this.condition(e.test);
        out.write(" ? ");
        this.expression(e.consequent);
        out.write(" : ");
        this.expression(e.alternate);
        out.write(")");
        return;
      case "CallExpression":
        this.call(e);
        return;
      case "IndexExpression":
        if (this.inlineIndex(e)) return;
        out.mark(e.loc.start);
        out.write(this.open("index"));
        this.expression(e.object);
        out.write(", ");
        this.expression(e.index);
        out.write(")");
        return;
      case "SliceExpression":
        out.mark(e.loc.start);
        out.write(this.open("slice"));
        this.expression(e.object);
        for (const part of [e.start, e.end, e.step]) {
          out.write(", ");
          if (part === null) out.write("null");
          else this.expression(part);
        }
        out.write(")");
        return;
      case "MemberExpression":
        out.mark(e.property.loc.start);
        out.write(this.open("member"));
        this.expression(e.object);
        out.write(this.memberArg(e.property.name, ")"));
        return;
      case "ParenthesizedExpression":
        this.expression(e.expression, nameHint);
        return;
      case "ErrorExpression":
        throw new Error("mljs internal error: an ErrorExpression reached the code generator");
    }
  }

  /**
   * How an operand of an inlinable operator is emitted: a numeric constant (`num`), a read of a
   * variable that certainly has a value and that nothing evaluated meanwhile can change (`var`:
   * it may be written twice), or anything else (`complex`: evaluated once, into `$o`).
   */
  private operand(e: AST.Expression): Operand {
    const value = constantValue(e, 0);
    if (value !== undefined) return { kind: "num", text: numberLiteral(value) };
    const u = unwrap(e);
    switch (u.type) {
      case "StringLiteral":
      case "BooleanLiteral":
      case "NullLiteral":
      case "ArrayLiteral":
      case "ObjectLiteral":
      case "ArrowFunction":
        return { kind: "never" }; // never a number: the number case cannot apply
      default:
        break;
    }
    if (u.type === "Identifier") {
      const i = this.cursor.find(u);
      if (i >= 0 && !this.res.readUncertain[i]) {
        const b = this.res.readBindings[i]!;
        if (b.kind !== "builtin" && !b.nonlocalWrites) return { kind: "var", id: u, js: b.jsName, counter: isCounter(b) };
      }
    }
    return { kind: "complex", expr: e };
  }

  /**
   * Consumes the read of a `var` operand and returns its JavaScript name. The read is marked
   * where the name is written ({@link writeOperand}): a debugger takes the ML name of a variable
   * from the source-map name at its identifier.
   */
  private takeVar(o: VarOperand): string {
    this.take(o.id);
    return o.js;
  }

  /** Writes an operand's text, mapped to the variable with its ML name when it is one. */
  private writeOperand(o: Operand, text: string): void {
    if (o.kind === "var") this.out.mark(o.id.loc.start, o.id.name);
    this.out.write(text);
  }

  /** Writes a parameter list, each name mapped to the ML parameter (a debugger shows ML names). */
  private parameterList(params: readonly AST.Parameter[], jsNames: readonly string[]): void {
    const out = this.out;
    for (let i = 0; i < jsNames.length; i++) {
      if (i > 0) out.write(", ");
      const p = params[i];
      if (p !== undefined) out.mark(p.name.loc.start, p.name.name);
      out.write(jsNames[i]!);
    }
  }

  /**
   * Arithmetic and ordering with the number-number case written inline — exactly what the
   * runtime helper computes for two numbers — and the helper called otherwise:
   * `(typeof i === "number" ? i + 1 : $add(i, 1))`. Inline code costs no inlining budget in the
   * engine, which then goes to the helpers that remain. `==`/`!=` with a primitive literal
   * operand are `===`/`!==`. False when `e` does not qualify.
   */
  private inlineBinary(e: AST.BinaryExpression): boolean {
    const out = this.out;
    const op = e.operator;
    if (op === "==" || op === "!=") {
      if (!isPrimitiveLiteral(e.left) && !isPrimitiveLiteral(e.right)) return false;
      // Structural equality with a primitive is identity (NaN is never a literal).
      out.write("(");
      this.expression(e.left);
      out.write(op === "==" ? " === " : " !== ");
      this.expression(e.right);
      out.write(")");
      return true;
    }
    const js = INLINE_OPERATORS[op];
    if (js === undefined) return false;
    const a = this.operand(e.left);
    const b = this.operand(e.right);
    if (a.kind === "never" || b.kind === "never") return false;
    if (a.kind === "num" && b.kind === "num") return false; // not foldable (e.g. division by zero)
    if (op === "/" && b.kind === "num" && (b.text === "0" || b.text === "(-0)")) return false;
    // Reads are taken in source order, but a complex operand is evaluated first: the other
    // operand is a constant or a variable nothing can change, so the order is unobservable.
    // Two complex operands are evaluated in order into two temporaries.
    const fn = this.fn;
    const base = fn.level;
    const tests: string[] = [];
    let left: string;
    let right: string;
    if (a.kind === "complex" && b.kind === "complex") {
      out.write("(");
      left = this.temp(base);
      out.write(`${left} = `);
      this.expression(a.expr);
      out.write(", ");
      fn.level = base + 1; // `left` is read after the right operand runs
      right = this.temp(base + 1);
      out.write(`typeof (${right} = `);
      this.expression(b.expr);
      out.write(`) === "number"`);
      fn.level = base;
      tests.push("", `typeof ${left} === "number"`);
    } else {
      left = a.kind === "var" ? this.takeVar(a) : a.kind === "num" ? a.text : this.temp(base);
      out.write("(");
      if (a.kind === "complex" || b.kind === "complex") {
        const t = this.temp(base);
        out.write(`typeof (${t} = `);
        this.expression(a.kind === "complex" ? a.expr : (b as ComplexOperand).expr);
        out.write(`) === "number"`);
        tests.push("");
      }
      right = b.kind === "var" ? this.takeVar(b) : b.kind === "num" ? b.text : this.temp(base);
      if (a.kind === "var" && !a.counter) tests.push(`typeof ${left} === "number"`);
      if (b.kind === "var" && !b.counter && !(a.kind === "var" && left === right)) tests.push(`typeof ${right} === "number"`);
    }
    if (op === "/" && b.kind !== "num") tests.push(`${right} !== 0`);
    if (tests.length > 0) {
      for (let i = 0; i < tests.length; i++) {
        if (tests[i] === "") continue;
        out.write(i > 0 ? ` && ${tests[i]}` : tests[i]!);
      }
      out.write(" ? ");
    }
    this.writeOperand(a, left);
    out.write(` ${js} `);
    this.writeOperand(b, right);
    if (tests.length === 0) {
      // Counters and constants only: certainly numbers, no helper needed.
      out.write(")");
      return true;
    }
    out.write(" : ");
    out.mark(e.operatorLoc.start);
    out.write(`${this.open(BINARY_HELPERS[op])}${left}, ${right}))`);
    return true;
  }

  /** The operand temporary of nesting `level` (`$o`, `$o1`, …), recording that it is used. */
  private temp(level: number): string {
    if (level >= this.fn.temps) this.fn.temps = level + 1;
    return level === 0 ? "$o" : `$o${level}`;
  }

  /**
   * `o[i]` with the in-range array read written inline and the runtime helper called for
   * everything else (negative or out-of-range positions, strings, objects, errors):
   * `($isArray($a = o) && typeof i === "number" && (i >>> 0) === i && i < $a.length &&
   * ($e = $a[i]) !== void 0 ? $e : $index($a, i))`. Each load's generated code then has its own
   * type feedback for the read, instead of sharing the helper's with every program in the
   * process. Only when the index is a variable read or a non-negative integer constant, so
   * evaluating it cannot disturb `$a`. False when `e` does not qualify.
   */
  private inlineIndex(e: AST.IndexExpression): boolean {
    const idx = this.operand(e.index);
    let constant = false;
    if (idx.kind === "num") {
      const n = Number(idx.text.replace(/[()]/g, ""));
      if (!(Number.isInteger(n) && n >= 0 && n < 2 ** 31) || Object.is(n, -0)) return false;
      constant = true;
    } else if (idx.kind === "complex") {
      return this.inlineComputedIndex(e, idx.expr);
    } else if (idx.kind !== "var") {
      return false;
    }
    // A constant or a counting loop's variable is a non-negative integer: only the bound is checked.
    const integer = constant || (idx.kind === "var" && idx.counter);
    const out = this.out;
    this.fn.usesIndex = true;
    out.mark(e.loc.start);
    out.write(`(${this.open("isArray")}$a = `);
    this.expression(e.object);
    const i = idx.kind === "var" ? this.takeVar(idx) : idx.text;
    out.write(integer ? ") && " : ") && typeof ");
    this.writeOperand(idx, i);
    out.write(integer ? " < $a.length" : ` === "number" && (${i} >>> 0) === ${i} && ${i} < $a.length`);
    out.write(` && ($e = $a[${i}]) !== void 0 ? $e : `);
    out.mark(e.loc.start);
    out.write(`${this.open("index")}$a, ${i}))`);
    return true;
  }

  /**
   * {@link inlineIndex} for an index that must be evaluated (`a[(lo + hi) // 2]`): the object
   * and then the index go into two temporaries, `($o = a, $o1 = …, $isArray($o) && … ? $e :
   * $index($o, $o1))`.
   */
  private inlineComputedIndex(e: AST.IndexExpression, index: AST.Expression): boolean {
    const out = this.out;
    const fn = this.fn;
    const base = fn.level;
    fn.usesIndex = true;
    const o = this.temp(base);
    out.mark(e.loc.start);
    out.write(`(${o} = `);
    this.expression(e.object);
    out.write(", ");
    fn.level = base + 1; // `o` is read after the index runs
    const i = this.temp(base + 1);
    out.write(`${i} = `);
    this.expression(index);
    fn.level = base;
    out.write(`, ${this.helper("isArray")}(${o}) && typeof ${i} === "number" && (${i} >>> 0) === ${i} && ${i} < ${o}.length`);
    out.write(` && ($e = ${o}[${i}]) !== void 0 ? $e : `);
    out.mark(e.loc.start);
    out.write(`${this.open("index")}${o}, ${i}))`);
    return true;
  }

  /** A variable read, with a `NameError` check when the variable may not have a value yet. */
  private read(id: AST.Identifier): void {
    this.readAt(id, this.take(id));
  }

  /** {@link read} of the resolution's read number `i`. */
  private readAt(id: AST.Identifier, i: number): void {
    const out = this.out;
    const b = this.res.readBindings[i]!;
    // Marked at the identifier itself, with its ML name (what a debugger reads names from).
    if (this.res.readUncertain[i] && b.kind !== "builtin") out.write("(");
    out.mark(id.loc.start, id.name);
    if (b.kind === "builtin") {
      this.builtins.add(b.name);
      out.write(b.jsName);
    } else if (this.res.readUncertain[i]) {
      const js = b.jsName;
      out.write(`${js} !== void 0 ? ${js} : ${this.helper("unbound")}(${this.unboundArgs(b)}))`);
    } else {
      out.write(b.jsName);
    }
  }

  /** The arguments of `unbound` for `b`: its name, and the resolver's note when it has one (ML2012). */
  private unboundArgs(b: Binding): string {
    const note = this.res.unboundNotes.get(b);
    return note === undefined ? JSON.stringify(b.name) : `${JSON.stringify(b.name)}, ${JSON.stringify(note)}`;
  }

  /** The index of the read `id` in the resolution (advancing the cursor). */
  private take(id: AST.Identifier): number {
    const i = this.cursor.take(id);
    if (i < 0) throw new Error(`mljs internal error: unresolved name '${id.name}' reached the code generator`);
    return i;
  }

  /** A call; awaited when the async plan says its result may be a promise (docs/architecture.md, "Async planning"). */
  private call(e: AST.CallExpression): void {
    const awaited = this.options.asyncPlan?.awaited.has(e) === true;
    // A call of an unknown value awaits inside `$ret(await …)`, so `$ret` sees the settled
    // value; the other kinds of call are awaited as a whole.
    const inner = awaited && !this.isValueCall(e);
    if (inner) this.out.write(this.awaitOpen());
    this.callInner(e, awaited);
    if (inner) this.out.write(this.awaitClose());
  }

  /**
   * `$resume(await $awaitable(` … `), $d)`: what is awaited is never a thenable of ML's or the
   * host's, and the code that resumes spends from its own host entry's budget, at its own call
   * depth (runtime/settle.ts, docs/architecture.md, "Async planning").
   */
  private awaitOpen(): string {
    return `${this.helper("resume")}(await ${this.helper("awaitable")}(`;
  }

  private awaitClose(): string {
    return "), $d)";
  }

  /** True when `e` goes through the generic `$ret($callable(f)(…))` path of {@link callInner}. */
  private isValueCall(e: AST.CallExpression): boolean {
    const callee = unwrap(e.callee);
    if (callee.type === "MemberExpression") return false;
    if (callee.type !== "Identifier") return true;
    const read = this.cursor.find(callee);
    const b = read < 0 ? undefined : this.res.readBindings[read];
    return b === undefined || (b.kind !== "builtin" && !isFunctionOnly(b));
  }

  private callInner(e: AST.CallExpression, awaited: boolean): void {
    const out = this.out;
    const callee = unwrap(e.callee);
    out.mark(e.loc.start);
    if (callee.type === "MemberExpression") {
      // `o.m(args)`: no JavaScript method call (no `this`), no bound method materialised.
      out.mark(callee.property.loc.start);
      if (callee.property.name === "append" && e.args.length === 1) {
        // The commonest method call in loops gets a fast path of its own (see `header`).
        out.write(this.open("append"));
        this.expression(callee.object);
        out.write(", ");
        this.expression(e.args[0]!);
        out.write(")");
        return;
      }
      out.write(this.open("invoke"));
      this.expression(callee.object);
      out.write(this.memberArg(callee.property.name, ""));
      for (const a of e.args) {
        out.write(", ");
        this.expression(a);
      }
      out.write(")");
      return;
    }
    let read = -1;
    if (callee.type === "Identifier") {
      read = this.take(callee);
      const b = this.res.readBindings[read]!;
      if (b.kind === "builtin" && b.name === "getattr" && e.args.length === 3) {
        // The commonest object read with a default: a plain object's key without the builtin.
        out.mark(callee.loc.start, callee.name);
        out.write(this.helper("getattr3"));
        this.args(e);
        return;
      }
      if (b.kind === "builtin" && b.name !== BUILTIN_NAMESPACE) {
        this.builtins.add(b.name);
        out.mark(callee.loc.start, callee.name);
        out.write(b.jsName);
        this.args(e);
        return;
      }
      if (isFunctionOnly(b)) {
        // Always an ML function once assigned: a direct call (it checks its own arity).
        if (this.res.readUncertain[read]) {
          out.write("(");
          out.mark(callee.loc.start, callee.name);
          out.write(`${b.jsName} || ${this.helper("unbound")}(${this.unboundArgs(b)}))`);
          out.mark(e.loc.start);
        } else if (this.uncheckedArity.get(b) === e.args.length) {
          // The right count: the twin without the arity check. Not named: it is not the variable
          // (a debugger would show it as a second `f`).
          out.mark(callee.loc.start);
          out.write(`${b.jsName}$`);
        } else {
          out.mark(callee.loc.start, callee.name);
          out.write(b.jsName);
        }
        this.args(e);
        return;
      }
    }
    out.write(`${this.helper("ret")}(${awaited ? this.awaitOpen() : ""}${this.helper("callable")}(`);
    if (read >= 0) this.readAt(callee as AST.Identifier, read);
    else this.expression(e.callee);
    out.write(")");
    out.mark(e.loc.start); // V8 reports a call of a computed callee at its `(`
    this.args(e);
    out.write(awaited ? `${this.awaitClose()})` : ")");
  }

  private args(e: AST.CallExpression): void {
    const out = this.out;
    out.write("(");
    const args = e.args;
    for (let i = 0; i < args.length; i++) {
      if (i > 0) out.write(", ");
      this.expression(args[i]!);
    }
    out.write(")");
  }

  /** `&&` / `||` as a value: the deciding operand itself. */
  private logical(e: AST.LogicalExpression): void {
    const out = this.out;
    const left = unwrap(e.left);
    const and = e.operator === "&&";
    if (left.type === "ArrowFunction") {
      // A function is always true: `f || x` is `f`, `f && x` is `x` (creating `f` has no effect).
      this.expression(and ? e.right : e.left);
      return;
    }
    const leftBool = this.isBoolean(left);
    if (leftBool && this.isBoolean(e.right)) {
      out.write("(");
      this.condition(left);
      out.write(and ? " && " : " || ");
      this.condition(e.right);
      out.write(")");
      return;
    }
    if (leftBool) {
      out.write("(");
      this.condition(left);
      if (and) {
        out.write(" ? ");
        this.expression(e.right);
        out.write(" : false)");
      } else {
        out.write(" ? true : ");
        this.expression(e.right);
        out.write(")");
      }
      return;
    }
    this.fn.usesTemp = true;
    out.write(`(${this.helper("truthy")}($t = `);
    this.expression(left);
    if (and) {
      out.write(") ? ");
      this.expression(e.right);
      out.write(" : $t)");
    } else {
      out.write(") ? $t : ");
      this.expression(e.right);
      out.write(")");
    }
  }

  /** Writes `e` as a JavaScript boolean (ML truthiness), without a helper call when `e` is boolean. */
  private condition(e: AST.Expression): void {
    const out = this.out;
    e = unwrap(e);
    if (e.type === "LogicalExpression") {
      if (++this.depth > MAX_EXPRESSION_DEPTH) throw new RangeError("expression nested too deeply");
      out.write("(");
      this.condition(e.left);
      out.write(e.operator === "&&" ? " && " : " || ");
      this.condition(e.right);
      out.write(")");
      this.depth--;
      return;
    }
    if (this.isBoolean(e)) {
      this.expression(e);
      return;
    }
    out.write(this.open("truthy"));
    this.expression(e);
    out.write(")");
  }

  /** True when `e` certainly evaluates to a boolean (conservatively false for deep expressions). */
  private isBoolean(e: AST.Expression, depth = 0): boolean {
    if (depth > FOLD_DEPTH) return false;
    e = unwrap(e);
    switch (e.type) {
      case "BooleanLiteral":
        return true;
      case "UnaryExpression":
        return e.operator === "!";
      case "BinaryExpression":
        return COMPARISONS.has(e.operator);
      case "LogicalExpression":
        return this.isBoolean(e.left, depth + 1) && this.isBoolean(e.right, depth + 1);
      case "ConditionalExpression":
        return this.isBoolean(e.consequent, depth + 1) && this.isBoolean(e.alternate, depth + 1);
      case "CallExpression": {
        const callee = unwrap(e.callee);
        if (callee.type !== "Identifier") return false;
        const i = this.cursor.find(callee);
        const b = i < 0 ? undefined : this.res.readBindings[i];
        return b !== undefined && b.kind === "builtin" && BOOLEAN_BUILTINS.has(b.name);
      }
      default:
        return false;
    }
  }
}

/** Whether a top-level statement generates code (declarations of capabilities and `nonlocal` do not). */
function emitsCode(s: AST.TopLevel): s is Exclude<AST.TopLevel, AST.CapabilityDeclaration | AST.NonlocalStatement> {
  return s.type !== "CapabilityDeclaration" && s.type !== "NonlocalStatement";
}

/** The generated file's name for the source map: `x.ml` → `x.js`. */
function generatedName(filename: string): string {
  return filename.endsWith(".ml") ? `${filename.slice(0, -3)}.js` : `${filename}.js`;
}

/** The names of the first `n` operand temporaries (`$o`, `$o1`, …). */
function temporaries(n: number): string[] {
  const names: string[] = [];
  for (let i = 0; i < n; i++) names.push(i === 0 ? "$o" : `$o${i}`);
  return names;
}
