/**
 * Which capabilities a program's code can reach (docs/language/reference.md §9, docs/audit.md).
 *
 * The analysis works on the resolved AST of every module of the program:
 *
 * 1. **Values.** A flow-insensitive analysis computes, for every variable, what it may hold:
 *    a stdlib module (`m = math`, `import datetime as d`), a stdlib function
 *    (`f = datetime.now`), a stdlib object whose class the metadata names as a return type
 *    (`p = args.createParser("x")`), an ML function, a user module, a builtin — or something
 *    unknown (a parameter, an element of a collection, a host value). It iterates over every
 *    module until no variable gains a value.
 * 2. **Effects.** A second walk records, per function (and per module body), the capabilities
 *    its own code uses, the functions it may call, and risky constructs:
 *    - calling a stdlib function or method uses the capabilities its metadata lists;
 *    - a stdlib function, method, module or object that *escapes* (is passed to a function,
 *      returned, thrown, stored in an array, object or member) may be called by anyone: its
 *      capabilities count as used where it escapes — for a module, every capability of the
 *      module;
 *    - a method call `x.name(…)` on a value of unknown class counts as a call of every
 *      capability-requiring method `name` of a class of a stdlib module the program imports;
 *    - an ML function is a possible callee wherever it is read (called, passed, returned);
 *    - only `call(f, …)` among the builtins calls a function argument; `getattr(o, "name")` with
 *      a literal name is `o.name`, with a computed name on a module it reaches every capability
 *      of the module (and is reported).
 * 3. **Reachability.** From the audited file's body and the ML functions it exports (the host
 *    may call any of them), through possible calls and `import` statements, into imported user
 *    modules; the capabilities used by reachable code are the reachable capabilities.
 *
 * Names and strings are never matched as text: `file` is the stdlib module only where the
 * resolver binds it to `import file;`, and `"http.get("` is just a string.
 */
import type * as AST from "../compiler/ast.js";
import { BUILTIN_NAMESPACE, BUILTINS, isExported, type Binding, type Scope } from "../compiler/resolver.js";
import { requiresAny, type CallableEntry, type StdlibCatalog } from "./catalog.js";
import { FindingCodes, type AuditSeverity, type Finding } from "./findings.js";
import type { AuditModule, LinkedProgram } from "./program.js";
import { ValueTable, valuesOf, type FunctionNode, type Values } from "./values.js";
import { resourcePatterns, type Definition, type ShapeContext } from "./resources.js";

/** Where a capability is used, and how. */
export interface CapabilitySite {
  file: string;
  loc: AST.SourceLocation;
  /** E.g. `file.read()`, `datetime.now (as a value)`, `module file as a value`. */
  via: string;
  /**
   * For a capability scoped to files, hosts or variables: patterns covering what this use names
   * (`["data/*.csv"]`), or null when the audit cannot know it (a computed path). Absent for
   * unscoped capabilities.
   */
  resources?: readonly string[] | null;
}

/** The result of {@link analyzeReachability}. */
export interface Reachability {
  /** Reachable capability → where it is used (sorted by name; sites by file and position). */
  capabilities: Map<string, CapabilitySite[]>;
  /** Findings about risky constructs in reachable code (AUD007, AUD008, AUD009). */
  findings: Finding[];
}

/** Builtins that only look at their arguments: they neither call them nor hand them back. */
const INSPECTING_BUILTINS: ReadonlySet<string> = new Set([
  "print", "typeof", "isinstance", "str", "repr", "int", "float", "bool", "len", "abs", "round", "chr", "ord",
  "hex", "bin", "oct", "format", "keys", "callable", "hasattr", "help", "methods", "has_module", "module_info",
  "hasCapability", "getCapabilityInfo", "requiredCapabilities",
]);

type Unit = AST.Program | FunctionNode;

interface UnitFacts {
  readonly uses: { capability: string; site: CapabilitySite }[];
  readonly edges: Set<Unit>;
  readonly findings: Finding[];
}

/** Computes the capabilities the entry module of `program` (its first module) can reach. */
export function analyzeReachability(program: LinkedProgram, catalog: StdlibCatalog): Reachability {
  return new Analyzer(program, catalog).run();
}

class Analyzer {
  private readonly table = new ValueTable();
  private readonly unknown: Values;
  private readonly plain: Values;
  private readonly empty: Values = new Set();
  /** Variable → the keys of the values it may hold. */
  private readonly variables = new Map<Binding, Set<string>>();
  private readonly facts = new Map<Unit, UnitFacts>();
  /** Stdlib modules imported anywhere in the program (their classes are the ones values may have). */
  private readonly stdlibModules = new Set<string>();
  private collecting = false;
  private changed = false;
  /** Variable → where it gets its values (for the resources a call names). */
  private readonly definitions = new Map<Binding, Definition[]>();
  /** Nodes whose definition is recorded (passes repeat). */
  private readonly defined = new Set<object>();
  private readonly shapeContext: ShapeContext = {
    definitions: (id, context) => this.definitionsOf(id, context as AuditModule),
    calleeLabel: (callee, context) => this.calleeLabel(callee, context as AuditModule),
  };
  private module: AuditModule;
  private unit: Unit;
  private scope: Scope;

  constructor(private readonly program: LinkedProgram, private readonly catalog: StdlibCatalog) {
    this.unknown = this.table.of({ kind: "unknown" });
    this.plain = this.table.of({ kind: "plain" });
    for (const m of program.modules) for (const s of m.stdlibImports) this.stdlibModules.add(s);
    const entry = program.modules[0]!;
    this.module = entry;
    this.unit = entry.program;
    this.scope = entry.resolution.module;
  }

  run(): Reachability {
    do {
      this.changed = false;
      this.pass();
    } while (this.changed);
    this.collecting = true;
    this.pass();
    return this.reach();
  }

  private pass(): void {
    for (const m of this.program.modules) {
      this.module = m;
      this.enter(m.program, m.resolution.module);
      for (const s of m.program.body) this.statement(s);
    }
  }

  /** Breadth-first from the entry's body over possible calls; collects what reachable code uses. */
  private reach(): Reachability {
    const start = this.program.modules[0]!.program;
    const seen = new Set<Unit>([start]);
    const queue: Unit[] = [start];
    const capabilities = new Map<string, CapabilitySite[]>();
    const findings: Finding[] = [];
    const siteKeys = new Set<string>();
    while (queue.length > 0) {
      const facts = this.facts.get(queue.shift()!);
      if (facts === undefined) continue;
      for (const { capability, site } of facts.uses) {
        const key = `${capability}\0${site.file}\0${site.loc.start.offset}\0${site.via}`;
        if (siteKeys.has(key)) continue;
        siteKeys.add(key);
        const list = capabilities.get(capability) ?? [];
        list.push(site);
        capabilities.set(capability, list);
      }
      findings.push(...facts.findings);
      for (const next of facts.edges) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
    const order = new Map(this.program.modules.map((m) => [m.file, m.index]));
    const sorted = new Map([...capabilities].sort(([a], [b]) => (a < b ? -1 : 1)));
    for (const sites of sorted.values()) {
      sites.sort((a, b) => order.get(a.file)! - order.get(b.file)! || a.loc.start.offset - b.loc.start.offset);
    }
    return { capabilities: sorted, findings };
  }

  // --- recording (second pass only) ---

  private enter(unit: Unit, scope: Scope): void {
    this.unit = unit;
    this.scope = scope;
    if (this.collecting && !this.facts.has(unit)) this.facts.set(unit, { uses: [], edges: new Set(), findings: [] });
  }

  private use(capability: string, loc: AST.SourceLocation, via: string, resources?: readonly string[] | null): void {
    if (!this.collecting) return;
    const site: CapabilitySite = { file: this.module.file, loc, via };
    if (resources !== undefined) site.resources = resources;
    this.facts.get(this.unit)!.uses.push({ capability, site });
  }

  // --- definitions, for resources ---

  /** Records that `b` gets its value from `def` (once per `node`). */
  private define(b: Binding | undefined, node: object, def: Definition): void {
    if (b === undefined || b.kind === "builtin" || this.defined.has(node)) return;
    this.defined.add(node);
    const list = this.definitions.get(b);
    if (list === undefined) this.definitions.set(b, [def]);
    else list.push(def);
  }

  private definitionsOf(id: AST.Identifier, module: AuditModule): readonly Definition[] | null {
    const b = module.reads.get(id);
    if (b === undefined || b.kind === "builtin") return null;
    return this.definitions.get(b) ?? null;
  }

  /** `path.join` or `builtin:sorted` when `callee` can only be that stdlib function or builtin. */
  private calleeLabel(callee: AST.Expression, module: AuditModule): string | null {
    const values = this.valuesIn(unwrap(callee), module);
    if (values === null) return null;
    let label: string | null = null;
    for (const v of valuesOf(this.table, values)) {
      const l = v.kind === "function" ? this.catalog.module(v.module).functions.get(v.name)!.label
        : v.kind === "builtin" ? `builtin:${v.name}`
        : null;
      if (l === null || (label !== null && l !== label)) return null;
      label = l;
    }
    return label;
  }

  /** What a name or a member chain may hold, without recording anything. */
  private valuesIn(e: AST.Expression, module: AuditModule): Values | null {
    if (e.type === "Identifier") {
      const b = module.reads.get(e);
      if (b === undefined) return null;
      if (b.kind === "builtin") return this.table.of({ kind: "builtin", name: b.name });
      return this.variables.get(b) ?? null;
    }
    if (e.type === "MemberExpression") {
      const object = this.valuesIn(unwrap(e.object), module);
      return object === null ? null : this.member(object, e.property.name);
    }
    return null;
  }

  private edge(target: Unit): void {
    if (this.collecting) this.facts.get(this.unit)!.edges.add(target);
  }

  private finding(code: Finding["code"], severity: AuditSeverity, loc: AST.SourceLocation, message: string, suggestion: string): void {
    if (this.collecting) this.facts.get(this.unit)!.findings.push({ code, severity, message, file: this.module.file, loc, suggestion });
  }

  // --- variables ---

  private bind(b: Binding | undefined, values: Values): void {
    if (b === undefined || b.kind === "builtin") return;
    let set = this.variables.get(b);
    if (set === undefined) {
      set = new Set();
      this.variables.set(b, set);
    }
    for (const k of values) {
      if (set.has(k)) continue;
      set.add(k);
      this.changed = true;
    }
  }

  private read(id: AST.Identifier): Values {
    const b = this.module.reads.get(id);
    if (b === undefined) return this.empty;
    if (b.kind === "builtin") return this.table.of({ kind: "builtin", name: b.name });
    return this.variables.get(b) ?? this.empty;
  }

  /** The variable an assignment to `name` in the current scope writes (through `nonlocal` too). */
  private assigned(name: string): Binding | undefined {
    return this.scope.bindings.get(name) ?? this.scope.nonlocals.get(name) ?? undefined;
  }

  /** True for a top-level binding of the audited file that the host can read as an export. */
  private isEntryExport(b: Binding | undefined): boolean {
    return b !== undefined && this.module.index === 0 && b.scope === this.module.resolution.module && isExported(b);
  }

  // --- statements ---

  private statement(s: AST.TopLevel): void {
    switch (s.type) {
      case "ImportDeclaration":
        this.importDeclaration(s);
        return;
      case "CapabilityDeclaration":
        return;
      case "ExpressionStatement":
        this.expr(s.expression, false);
        return;
      case "AssignmentStatement": {
        const t = s.target;
        if (t.type === "Identifier") {
          const b = this.assigned(t.name);
          const values = this.expr(s.value, false);
          this.bind(b, values);
          this.define(b, s, { kind: "value", expr: s.value, context: this.module });
          if (this.isEntryExport(b)) this.exported(values, new Set());
        } else {
          // Stored in an object or array: out of sight from here on.
          this.expr(s.value, true);
          this.expr(t.object, false);
          if (t.type === "IndexExpression") this.expr(t.index, false);
        }
        return;
      }
      case "DestructuringStatement":
        this.expr(s.value, true);
        for (const n of s.names) {
          this.bind(this.assigned(n.name), this.unknown);
          this.define(this.assigned(n.name), n, { kind: "unknown" });
        }
        return;
      case "FunctionDeclaration": {
        const b = this.assigned(s.name.name);
        this.bind(b, this.table.of({ kind: "ml", node: s, module: this.module }));
        this.define(b, s, { kind: "unknown" });
        if (this.isEntryExport(b)) this.edge(s);
        this.functionBody(s);
        return;
      }
      case "IfStatement":
        for (const branch of s.branches) {
          this.expr(branch.test, false);
          this.block(branch.body);
        }
        if (s.alternate !== null) this.block(s.alternate);
        return;
      case "WhileStatement":
        this.expr(s.test, false);
        this.block(s.body);
        return;
      case "ForStatement":
        this.expr(s.iterable, false);
        this.bind(this.assigned(s.variable.name), this.unknown);
        this.define(this.assigned(s.variable.name), s, { kind: "element", expr: s.iterable, context: this.module });
        this.block(s.body);
        return;
      case "TryStatement":
        this.block(s.block);
        for (const h of s.handlers) {
          if (h.param !== null) {
            this.bind(this.assigned(h.param.name), this.unknown);
            this.define(this.assigned(h.param.name), h.param, { kind: "unknown" });
          }
          this.block(h.body);
        }
        if (s.finalizer !== null) this.block(s.finalizer);
        return;
      case "ThrowStatement":
        this.expr(s.argument, true);
        return;
      case "ReturnStatement":
        if (s.argument !== null) this.expr(s.argument, true);
        return;
      default:
        return;
    }
  }

  private block(b: AST.Block): void {
    for (const s of b.body) this.statement(s);
  }

  private importDeclaration(s: AST.ImportDeclaration): void {
    const segments = s.path.map((p) => p.name);
    const dotted = segments.join(".");
    const b = this.assigned((s.alias ?? s.path[0]!).name);
    this.define(b, s, { kind: "unknown" });
    if (this.module.stdlibImports.has(dotted)) {
      this.bind(b, this.table.of({ kind: "module", name: dotted }));
      return;
    }
    const target = this.module.userImports.get(dotted);
    if (target === undefined) return;
    // Importing runs the module's body.
    this.edge(target.program);
    this.bind(b, this.table.of(
      s.alias !== null || segments.length === 1
        ? { kind: "user", module: target }
        : { kind: "namespace", module: target, segments, depth: 1 },
    ));
  }

  private functionBody(node: FunctionNode): void {
    const outer = { unit: this.unit, scope: this.scope };
    this.enter(node, this.module.resolution.scopes.get(node)!);
    for (const p of this.scope.params) {
      this.bind(p, this.unknown);
      this.define(p, p, { kind: "unknown" });
    }
    if (node.body.type === "Block") this.block(node.body);
    else this.expr(node.body, true);
    this.unit = outer.unit;
    this.scope = outer.scope;
  }

  // --- expressions ---

  /**
   * The values `e` may have. `escapes`: the value leaves the analysis' sight (passed, returned,
   * stored, exported), so whatever it can do counts as done here.
   */
  private expr(e: AST.Expression, escapes: boolean): Values {
    switch (e.type) {
      case "NumberLiteral":
      case "StringLiteral":
      case "BooleanLiteral":
      case "NullLiteral":
        return this.plain;
      case "ErrorExpression":
        return this.empty;
      case "Identifier":
        return this.escape(this.read(e), e.loc, escapes);
      case "ArrayLiteral":
        for (const x of e.elements) this.expr(x, true);
        return this.plain;
      case "ObjectLiteral":
        for (const p of e.properties) this.expr(p.value, true);
        return this.plain;
      case "ArrowFunction":
        this.functionBody(e);
        if (escapes) this.edge(e);
        return this.table.of({ kind: "ml", node: e, module: this.module });
      case "UnaryExpression":
        this.expr(e.argument, false);
        return this.plain;
      case "BinaryExpression": {
        // Operator chains nest to the left and can be long: walk the spine iteratively.
        let left: AST.Expression = e;
        while (left.type === "BinaryExpression") {
          this.expr(left.right, false);
          left = left.left;
        }
        this.expr(left, false);
        return this.plain;
      }
      case "LogicalExpression": {
        // `a || b` is one of its operands.
        const out = new Set<string>();
        let left: AST.Expression = e;
        while (left.type === "LogicalExpression") {
          addAll(out, this.expr(left.right, escapes));
          left = left.left;
        }
        addAll(out, this.expr(left, escapes));
        return out;
      }
      case "ConditionalExpression": {
        this.expr(e.test, false);
        const out = new Set(this.expr(e.consequent, escapes));
        addAll(out, this.expr(e.alternate, escapes));
        return out;
      }
      case "CallExpression":
        return this.escape(this.call(e), e.loc, escapes);
      case "IndexExpression":
        this.expr(e.object, false);
        this.expr(e.index, false);
        return this.unknown;
      case "SliceExpression":
        this.expr(e.object, false);
        for (const part of [e.start, e.end, e.step]) if (part !== null) this.expr(part, false);
        return this.unknown;
      case "MemberExpression":
        return this.escape(this.member(this.expr(e.object, false), e.property.name), e.loc, escapes);
      case "ParenthesizedExpression":
        return this.expr(e.expression, escapes);
    }
  }

  /**
   * `values` is exported by the audited file: the host may call the ML functions among them
   * (they run with the program's authority). Stdlib values it exports are the host's to use as
   * it could anyway, so they count as nothing.
   */
  private exported(values: Values, seen: Set<number>): void {
    for (const v of valuesOf(this.table, values)) {
      if (v.kind === "ml") this.edge(v.node);
      else if ((v.kind === "user" || v.kind === "namespace") && !seen.has(v.module.index)) {
        seen.add(v.module.index);
        for (const b of v.module.resolution.module.bindings.values()) {
          if (isExported(b)) this.exported(this.variables.get(b) ?? this.empty, seen);
        }
      }
    }
  }

  /** `values` leaves the analysis' sight at `loc` (when `escapes`); returns `values`. */
  private escape(values: Values, loc: AST.SourceLocation, escapes: boolean, seen = new Set<number>()): Values {
    if (!escapes) return values;
    for (const v of valuesOf(this.table, values)) {
      switch (v.kind) {
        case "function": {
          const entry = this.catalog.module(v.module).functions.get(v.name)!;
          this.useCallable(entry, null, loc, `${entry.label} (as a value)`);
          break;
        }
        case "method": {
          const entry = this.catalog.module(v.module).classes.get(v.className)!.get(v.name)!;
          this.useCallable(entry, null, loc, `${entry.label} (as a value)`);
          break;
        }
        case "ml":
          this.edge(v.node);
          break;
        case "module":
          this.moduleEscapes(v.name, loc);
          break;
        case "object":
          this.objectEscapes(v.module, v.className, loc);
          break;
        case "user":
        case "namespace":
          this.userModuleEscapes(v.module, loc, seen);
          break;
        case "builtin":
          // The `builtin` namespace holds `input` too.
          if (v.name === "input" || v.name === BUILTIN_NAMESPACE) this.inputUse(loc);
          break;
        default:
          break;
      }
    }
    return values;
  }

  private call(e: AST.CallExpression): Values {
    const callee = unwrap(e.callee);
    const functions = callee.type === "MemberExpression"
      ? this.member(this.expr(callee.object, false), callee.property.name)
      : this.expr(callee, false);
    const args = e.args.map((a, i) => this.expr(a, this.argumentEscapes(functions, i)));
    return this.apply(functions, e.args, args, e.loc);
  }

  /** Whether argument `i` of a call of `functions` may be kept or called by the callee. */
  private argumentEscapes(functions: Values, i: number): boolean {
    for (const v of valuesOf(this.table, functions)) {
      if (v.kind === "builtin") {
        if (INSPECTING_BUILTINS.has(v.name)) continue;
        // `getattr(o, name, default)` hands back the default; `call(f, …)` calls f (applied below).
        if (v.name === "getattr" ? i < 2 : v.name === "call" && i === 0) continue;
        return true;
      }
      if (v.kind === "module" || v.kind === "object" || v.kind === "plain" || v.kind === "user" || v.kind === "namespace") continue;
      return true;
    }
    return false;
  }

  /** A call of any of `functions` with argument expressions `args` (values `argValues`). */
  private apply(functions: Values, args: readonly AST.Expression[], argValues: readonly Values[], loc: AST.SourceLocation): Values {
    const out = new Set<string>();
    for (const v of valuesOf(this.table, functions)) {
      switch (v.kind) {
        case "function": {
          const entry = this.catalog.module(v.module).functions.get(v.name)!;
          this.useCallable(entry, args, loc, `${entry.label}()`);
          addAll(out, this.returnsOf(entry));
          break;
        }
        case "method": {
          const entry = this.catalog.module(v.module).classes.get(v.className)!.get(v.name)!;
          this.useCallable(entry, args, loc, `${entry.label}()`);
          addAll(out, this.returnsOf(entry));
          break;
        }
        case "anyMethod":
          for (const c of this.catalog.methodCandidates(v.name, this.stdlibModules)) {
            this.useCallable(c.method, args, loc, `.${v.name}() on a value of unknown type (may be a ${c.module}.${c.className})`);
            addAll(out, this.returnsOf(c.method));
          }
          addAll(out, this.unknown);
          break;
        case "ml":
          this.edge(v.node);
          addAll(out, this.unknown);
          break;
        case "builtin":
          addAll(out, this.builtin(v.name, args, argValues, loc));
          break;
        case "unknown":
          addAll(out, this.unknown);
          break;
        default:
          // Calling a module, an object or plain data is a TypeError.
          break;
      }
    }
    return out;
  }

  private builtin(name: string, args: readonly AST.Expression[], argValues: readonly Values[], loc: AST.SourceLocation): Values {
    switch (name) {
      case "input":
        this.inputUse(loc);
        return this.plain;
      case "call":
        return args.length === 0 ? this.empty : this.apply(argValues[0]!, args.slice(1), argValues.slice(1), loc);
      case "getattr":
        return this.getattr(args, argValues, loc);
      default:
        return INSPECTING_BUILTINS.has(name) ? this.plain : this.unknown;
    }
  }

  /** `getattr(o, name, default?)`: a member read when `name` is a literal, else unknowable. */
  private getattr(args: readonly AST.Expression[], argValues: readonly Values[], loc: AST.SourceLocation): Values {
    if (args.length < 2) return this.empty;
    const out = new Set<string>(argValues[2] ?? this.empty);
    const nameExpr = unwrap(args[1]!);
    if (nameExpr.type === "StringLiteral") {
      addAll(out, this.member(argValues[0]!, nameExpr.value));
      return out;
    }
    for (const v of valuesOf(this.table, argValues[0]!)) {
      if (v.kind === "module") {
        const caps = this.moduleCapabilities(v.name);
        for (const [capability, via] of caps) this.use(capability, loc, `getattr(${v.name}, …) reaching ${via}`);
        const list = [...new Set(caps.map(([c]) => c))].sort();
        this.finding(FindingCodes.DynamicAccess, list.length > 0 ? "medium" : "info", loc,
          list.length > 0
            ? `getattr(${v.name}, …) with a computed name may reach any function of '${v.name}': ${list.join(", ")} counted as reachable`
            : `getattr(${v.name}, …) with a computed name: which function is used cannot be known (none of '${v.name}' needs a capability)`,
          `call the functions of '${v.name}' by name, or choose among them with an explicit table such as {"a": ${v.name}.a}`);
      } else if (v.kind === "user" || v.kind === "namespace") {
        this.userModuleEscapes(v.module, loc, new Set());
        this.finding(FindingCodes.DynamicAccess, "info", loc,
          `getattr on module '${v.module.file}' with a computed name may reach any of its exports: all of them are counted as reachable`,
          "call the module's functions by name so that the audit can follow them");
      } else if (v.kind === "object") {
        this.objectEscapes(v.module, v.className, loc);
      }
    }
    addAll(out, this.unknown);
    return out;
  }

  /** `o.name` for every value `o` may have. */
  private member(objects: Values, name: string): Values {
    const out = new Set<string>();
    for (const v of valuesOf(this.table, objects)) {
      switch (v.kind) {
        case "module": {
          const m = this.catalog.module(v.name);
          if (m.functions.has(name)) out.add(this.table.key({ kind: "function", module: v.name, name }));
          else if (m.constants.has(name)) addAll(out, this.plain);
          break;
        }
        case "object": {
          const member = this.catalog.module(v.module).classes.get(v.className)?.get(name);
          if (member === undefined) break;
          if (member.kind === "method") out.add(this.table.key({ kind: "method", module: v.module, className: v.className, name }));
          else addAll(out, this.returnsOf(member));
          break;
        }
        case "user": {
          const b = v.module.resolution.module.bindings.get(name);
          if (b !== undefined && isExported(b)) addAll(out, this.variables.get(b) ?? this.empty);
          break;
        }
        case "namespace":
          if (v.segments[v.depth] !== name) break;
          out.add(this.table.key(v.depth + 1 === v.segments.length
            ? { kind: "user", module: v.module }
            : { kind: "namespace", module: v.module, segments: v.segments, depth: v.depth + 1 }));
          break;
        case "builtin":
          // `builtin.len`: the namespace's members are the builtins.
          if (v.name === BUILTIN_NAMESPACE && BUILTINS.includes(name)) out.add(this.table.key({ kind: "builtin", name }));
          break;
        case "unknown":
        case "anyMethod":
          out.add(this.table.key({ kind: "anyMethod", name }));
          break;
        case "plain":
          // An object's key: whatever was stored there escaped when it was stored.
          addAll(out, this.unknown);
          break;
        default:
          // Functions and builtins have no members (AttributeError).
          break;
      }
    }
    return out;
  }

  // --- capability uses ---

  /**
   * A call of `entry` (`args` null: a call the analysis cannot see, with any arguments) uses its
   * capabilities; a conditional one when the optional argument is left out or `null`.
   */
  private useCallable(entry: CallableEntry, args: readonly AST.Expression[] | null, loc: AST.SourceLocation, via: string): void {
    for (const c of entry.capabilities) {
      this.use(c, loc, via, this.collecting ? resourcePatterns(entry.label, c, args, this.module, this.shapeContext) : undefined);
    }
    const cond = entry.conditional;
    if (cond === null) return;
    const omitted = args === null || args.length < cond.argsBelow || unwrap(args[cond.argsBelow - 1]!).type === "NullLiteral";
    if (omitted) this.use(cond.capability, loc, args === null ? via : `${via} without its optional argument`);
  }

  private returnsOf(entry: CallableEntry): Values {
    if (entry.returnsClasses.length === 0) return entry.returnsPlain ? this.plain : this.unknown;
    return new Set(entry.returnsClasses.map((q) => {
      const dot = q.indexOf(".");
      return this.table.key({ kind: "object", module: q.slice(0, dot), className: q.slice(dot + 1) });
    }));
  }

  /** Every capability a function or method of module `name` may require, with the function's label. */
  private moduleCapabilities(name: string): [string, string][] {
    const m = this.catalog.module(name);
    const out: [string, string][] = [];
    const add = (entry: CallableEntry): void => {
      for (const c of entry.capabilities) out.push([c, entry.label]);
      if (entry.conditional !== null) out.push([entry.conditional.capability, entry.label]);
    };
    for (const f of new Set(m.functions.values())) add(f);
    for (const members of m.classes.values()) for (const member of new Set(members.values())) add(member);
    return out;
  }

  private moduleEscapes(name: string, loc: AST.SourceLocation): void {
    const caps = this.moduleCapabilities(name);
    if (caps.length === 0) return;
    for (const [capability, via] of caps) this.use(capability, loc, `module ${name} as a value (${via})`);
    const list = [...new Set(caps.map(([c]) => c))].sort();
    this.finding(FindingCodes.ModuleEscapes, "info", loc,
      `module '${name}' is used as a value: every capability it can require (${list.join(", ")}) is counted as reachable`,
      `call the functions of '${name}' directly (${name}.f(…)) so that the audit sees which ones are used`);
  }

  private objectEscapes(module: string, className: string, loc: AST.SourceLocation): void {
    const members = this.catalog.module(module).classes.get(className);
    if (members === undefined) return;
    for (const member of new Set(members.values())) {
      if (member.kind === "method" && requiresAny(member)) this.useCallable(member, null, loc, `${module}.${className} passed on (its ${member.label}() may be called)`);
    }
  }

  private userModuleEscapes(module: AuditModule, loc: AST.SourceLocation, seen: Set<number>): void {
    if (seen.has(module.index)) return;
    seen.add(module.index);
    for (const b of module.resolution.module.bindings.values()) {
      if (isExported(b)) this.escape(this.variables.get(b) ?? this.empty, loc, true, seen);
    }
  }

  private inputUse(loc: AST.SourceLocation): void {
    this.finding(FindingCodes.InputUse, "low", loc,
      "input() reads a line from the host's input source: its content is untrusted",
      "validate what input() returns before using it as a path, URL or pattern");
  }
}

function unwrap(e: AST.Expression): AST.Expression {
  while (e.type === "ParenthesizedExpression") e = e.expression;
  return e;
}

function addAll(into: Set<string>, from: Values): void {
  for (const k of from) into.add(k);
}
