/**
 * One document's analysis for the language server: parse and resolve (no code generation), then
 * one walk over the tree that records every identifier occurrence with the symbol it names, the
 * imports and what they lead to, and the unknown members of imported stdlib modules.
 *
 * Symbols are keyed by strings so that occurrences in different files meet: a module-level
 * binding of the file `uri` is `uri#name` in that file and in every file that reads it as
 * `module.name` after importing it; a function's local is `uri#offset:name` (the offset of the
 * function); a builtin is `builtin:name`, a stdlib member `stdlib:module.name`.
 */
import type * as AST from "../compiler/ast.js";
import { DiagnosticBag, DiagnosticCodes, sortDiagnostics, type Diagnostic } from "../compiler/diagnostics.js";
import { manifestOf, MAX_MANIFEST_ENTRIES } from "../compiler/manifest.js";
import { parse } from "../compiler/parser.js";
import { isExported, resolve, type Binding, type FunctionNode, type Resolution, type Scope } from "../compiler/resolver.js";
import { didYouMean } from "../compiler/suggest.js";
import { UNKNOWN_MODULE_MEMBER } from "../host/check-members.js";
import { isModule, moduleMembers, moduleNames } from "./metadata.js";

/** What an occurrence names. */
export type SymbolKind =
  | "variable" | "function" | "parameter" | "namespace" | "builtin" | "stdlib-member" | "user-member" | "property" | "module-path";

/** One identifier in the source and the symbol it names. */
export interface Occurrence {
  readonly name: string;
  readonly loc: AST.SourceLocation;
  /** The symbol's key (see the module comment), or null for a property of an unknown object. */
  readonly key: string | null;
  readonly kind: SymbolKind;
  /** True where the symbol is declared: a function's name, a parameter, a first assignment. */
  readonly declaration: boolean;
  /** The binding, for names of this file. */
  readonly binding?: Binding;
  /** For members and module paths: the stdlib module, or the user module's URI. */
  readonly module?: { stdlib: string } | { uri: string };
}

/** An `import` statement and where it leads. */
export interface ImportInfo {
  readonly node: AST.ImportDeclaration;
  readonly dotted: string;
  /** A stdlib module name, a user module's URI, or null when it cannot be found. */
  readonly target: { stdlib: string } | { uri: string } | null;
}

/** Finds a user module: the dotted path's segments → its URI, or the module names near the one asked for. */
export type ImportResolver = (segments: readonly string[]) => { uri: string } | { near: readonly string[] };

/** Everything the features need about one document. */
export interface Analysis {
  readonly uri: string;
  readonly text: string;
  readonly program: AST.Program;
  readonly resolution: Resolution;
  /** Syntax, name, declaration and stdlib-member diagnostics, sorted. */
  readonly diagnostics: Diagnostic[];
  /** Every identifier occurrence, in source order. */
  readonly occurrences: Occurrence[];
  readonly imports: ImportInfo[];
  /** Import bindings → the module they hold (when bound by one `import` only). */
  readonly modules: ReadonlyMap<Binding, { stdlib: string } | { uri: string }>;
  /** Bindings assigned by a function declaration → its node (the first one). */
  readonly functions: ReadonlyMap<Binding, AST.FunctionDeclaration | AST.ArrowFunction>;
  /** Function scopes with their nodes, outermost first (for the scope at a position). */
  readonly scopes: readonly Scope[];
  /** Names of the module-level bindings a file importing this one can read as members. */
  readonly exports: ReadonlyMap<string, Binding>;
}

/** Analyses `text`; `resolveImport` finds user modules (ML3001 is reported for those it cannot). */
export function analyze(uri: string, text: string, filename: string, resolveImport: ImportResolver): Analysis {
  const parsed = parse(text, filename);
  const bag = new DiagnosticBag(filename);
  const resolution = resolve(parsed.program, bag);
  const { cutAt } = manifestOf(parsed.program);
  if (cutAt !== null) {
    bag.error(DiagnosticCodes.ManifestTooLarge, `capability declarations expand to more than ${MAX_MANIFEST_ENTRIES} grants`, cutAt,
      "use fewer resource patterns, or wildcards such as data/** instead of many single paths");
  }
  const indexer = new Indexer(uri, filename, parsed.program, resolution, resolveImport);
  indexer.run();
  const exports = new Map<string, Binding>();
  for (const b of resolution.module.locals) if (isExported(b)) exports.set(b.name, b);
  return {
    uri, text, program: parsed.program, resolution,
    diagnostics: sortDiagnostics([...parsed.diagnostics, ...bag.items, ...indexer.importErrors, ...indexer.memberErrors]),
    occurrences: indexer.occurrences.sort((a, b) => a.loc.start.offset - b.loc.start.offset),
    imports: indexer.imports, modules: indexer.modules, functions: indexer.functions,
    scopes: [...resolution.scopes.values()], exports,
  };
}

/** The key of a binding of the file `uri`. */
export function bindingKey(uri: string, b: Binding): string {
  if (b.kind === "builtin" || b.scope === null) return `builtin:${b.name}`;
  if (b.scope.kind === "module") return `${uri}#${b.name}`;
  return `${uri}#${b.scope.node.loc.start.offset}:${b.name}`;
}

/** The occurrence covering `offset` (its end included, so a cursor just after a name finds it). */
export function occurrenceAt(a: Analysis, offset: number): Occurrence | undefined {
  const list = a.occurrences;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const o = list[mid]!;
    if (o.loc.end.offset < offset) lo = mid + 1;
    else if (o.loc.start.offset > offset) hi = mid - 1;
    else return o;
  }
  return undefined;
}

/** The innermost scope whose function contains `offset` (the module scope outside functions). */
export function scopeAt(a: Analysis, offset: number): Scope {
  let best = a.resolution.module;
  let size = Infinity;
  for (const s of a.scopes) {
    if (s.kind !== "function") continue;
    const loc = s.node.loc;
    const span = loc.end.offset - loc.start.offset;
    if (loc.start.offset <= offset && offset <= loc.end.offset && span < size) {
      best = s;
      size = span;
    }
  }
  return best;
}

/** The binding `name` refers to from `scope` (locals, enclosing functions, module), or undefined. */
export function lookupName(scope: Scope, name: string): Binding | undefined {
  for (let s: Scope | null = scope; s !== null; s = s.parent) {
    const b = s.bindings.get(name) ?? s.nonlocals.get(name);
    if (b !== undefined && b !== null) return b;
  }
  return undefined;
}

/** The symbol kind of a binding. */
function kindOf(b: Binding): SymbolKind {
  if (b.kind === "builtin") return "builtin";
  if (b.kind === "parameter") return "parameter";
  if (b.kind === "import" && !b.otherAssignments && b.functionDeclarations === 0) return "namespace";
  if (b.functionDeclarations > 0 && !b.otherAssignments && !b.imported) return "function";
  return "variable";
}

class Indexer {
  readonly occurrences: Occurrence[] = [];
  readonly imports: ImportInfo[] = [];
  readonly modules = new Map<Binding, { stdlib: string } | { uri: string }>();
  readonly functions = new Map<Binding, AST.FunctionDeclaration | AST.ArrowFunction>();
  readonly importErrors: Diagnostic[] = [];
  readonly memberErrors: Diagnostic[] = [];
  private readonly reads = new Map<AST.Identifier, Binding>();
  private readonly declared = new Set<Binding>();
  private scope: Scope;

  constructor(
    private readonly uri: string,
    private readonly file: string,
    private readonly program: AST.Program,
    private readonly res: Resolution,
    private readonly resolveImport: ImportResolver,
  ) {
    this.scope = res.module;
    res.reads.forEach((id, i) => this.reads.set(id, res.readBindings[i]!));
  }

  run(): void {
    for (const s of this.program.body) if (s.type === "ImportDeclaration") this.importDeclaration(s);
    for (const s of this.program.body) {
      try {
        this.statement(s);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e; // a pathologically deep statement: its names are not indexed
        this.scope = this.res.module;
      }
    }
  }

  private importDeclaration(s: AST.ImportDeclaration): void {
    const segments = s.path.map((p) => p.name);
    if (segments.length === 0 || segments.some((p) => p === "")) return;
    const dotted = segments.join(".");
    let target: ImportInfo["target"] = null;
    if (segments.length === 1 && isModule(dotted)) target = { stdlib: dotted };
    else {
      const found = this.resolveImport(segments);
      if ("uri" in found) target = found;
      else {
        const near = didYouMean(dotted, [...found.near, ...moduleNames()]);
        const span = { start: s.path[0]!.loc.start, end: s.path[s.path.length - 1]!.loc.end };
        this.importErrors.push({
          code: DiagnosticCodes.UnresolvedImport, severity: "error", file: this.file, loc: span,
          message: `cannot find module '${dotted}'`,
          suggestion: near !== undefined ? `did you mean '${near}'?` : "user modules are '.ml' files next to the importing file",
        });
      }
    }
    this.imports.push({ node: s, dotted, target });
    const bound = s.alias ?? s.path[0]!;
    const b = this.res.module.bindings.get(bound.name);
    if (b !== undefined && target !== null && (s.alias !== null || segments.length === 1) && !b.otherAssignments && b.functionDeclarations === 0) {
      this.modules.set(b, target);
    }
    // `import m;` declares `m` with its one segment; a dotted path's segments name the module.
    const pathBinds = s.alias === null && segments.length === 1;
    if (target !== null && !pathBinds) {
      s.path.forEach((p, i) => {
        const key = i < s.path.length - 1 ? null : "stdlib" in target ? `stdlib:${dotted}` : `module:${target.uri}`;
        this.occurrences.push({ name: p.name, loc: p.loc, key, kind: "module-path", declaration: false, module: target });
      });
    }
    if (b !== undefined && (s.alias !== null || pathBinds)) this.write(bound, b);
  }

  private statement(s: AST.TopLevel): void {
    switch (s.type) {
      case "ExpressionStatement":
        this.expression(s.expression);
        break;
      case "AssignmentStatement":
        this.expression(s.value);
        if (s.target.type === "Identifier") this.assign(s.target);
        else this.expression(s.target);
        break;
      case "DestructuringStatement":
        this.expression(s.value);
        for (const n of s.names) this.assign(n);
        break;
      case "FunctionDeclaration": {
        const b = this.assign(s.name, true);
        if (b !== undefined && !this.functions.has(b)) this.functions.set(b, s);
        this.fn(s, s.params, s.body);
        break;
      }
      case "IfStatement":
        for (const br of s.branches) {
          this.expression(br.test);
          this.block(br.body);
        }
        if (s.alternate) this.block(s.alternate);
        break;
      case "WhileStatement":
        this.expression(s.test);
        this.block(s.body);
        break;
      case "ForStatement":
        this.assign(s.variable);
        this.expression(s.iterable);
        this.block(s.body);
        break;
      case "TryStatement":
        this.block(s.block);
        for (const h of s.handlers) {
          if (h.param) this.assign(h.param);
          this.block(h.body);
        }
        if (s.finalizer) this.block(s.finalizer);
        break;
      case "ThrowStatement":
        this.expression(s.argument);
        break;
      case "ReturnStatement":
        if (s.argument) this.expression(s.argument);
        break;
      case "NonlocalStatement":
        for (const n of s.names) {
          const b = this.scope.nonlocals.get(n.name);
          if (b) this.add(n, b, false);
        }
        break;
      default:
        break;
    }
  }

  private block(b: AST.Block): void {
    for (const s of b.body) this.statement(s);
  }

  /** An assignment of `id` in the current scope; returns its binding. */
  private assign(id: AST.Identifier, fnDeclaration = false): Binding | undefined {
    const b = this.scope.bindings.get(id.name) ?? this.scope.nonlocals.get(id.name) ?? undefined;
    if (b === undefined) return undefined;
    this.write(id, b, fnDeclaration);
    return b;
  }

  private write(id: AST.Identifier, b: Binding, fnDeclaration = false): void {
    const first = !this.declared.has(b) && b.scope === this.scope;
    if (first) this.declared.add(b);
    this.add(id, b, fnDeclaration || first);
  }

  private add(id: AST.Identifier, b: Binding, declaration: boolean): void {
    const module = this.modules.get(b);
    const o: Occurrence = { name: id.name, loc: id.loc, key: bindingKey(this.uri, b), kind: kindOf(b), declaration, binding: b };
    this.occurrences.push(module === undefined ? o : { ...o, module });
  }

  private fn(node: FunctionNode, params: readonly AST.Parameter[], body: AST.Block | AST.Expression): void {
    const saved = this.scope;
    this.scope = this.res.scopes.get(node) ?? saved;
    for (const p of params) {
      const b = this.scope.bindings.get(p.name.name);
      if (b !== undefined) this.write(p.name, b);
    }
    if (body.type === "Block") this.block(body);
    else this.expression(body);
    this.scope = saved;
  }

  private expression(e: AST.Expression): void {
    if (e.type === "Identifier") {
      const b = this.reads.get(e);
      if (b !== undefined) this.add(e, b, false);
      return;
    }
    if (e.type === "ArrowFunction") return this.fn(e, e.params, e.body);
    if (e.type === "MemberExpression") {
      this.expression(e.object);
      return this.member(e);
    }
    // Any other expression: its sub-expressions (object properties' values included).
    for (const child of Object.values(e) as unknown[]) {
      if (Array.isArray(child)) for (const c of child) this.child(c);
      else this.child(child);
    }
  }

  private child(v: unknown): void {
    if (typeof v !== "object" || v === null || typeof (v as { type?: unknown }).type !== "string") return;
    const node = v as AST.Expression | AST.ObjectProperty;
    this.expression(node.type === "ObjectProperty" ? node.value : node);
  }

  /** `object.name`: a module member when `object` is an import binding. */
  private member(e: AST.MemberExpression): void {
    const p = e.property;
    if (p.name === "") return;
    const b = e.object.type === "Identifier" ? this.reads.get(e.object) : undefined;
    const module = b === undefined ? undefined : this.modules.get(b);
    if (module === undefined) {
      this.occurrences.push({ name: p.name, loc: p.loc, key: null, kind: "property", declaration: false });
    } else if ("stdlib" in module) {
      const members = moduleMembers(module.stdlib);
      if (!members.some((m) => m.name === p.name)) {
        const close = didYouMean(p.name, members.map((m) => m.name));
        this.memberErrors.push({
          code: UNKNOWN_MODULE_MEMBER, severity: "error", file: this.file, loc: p.loc,
          message: `module '${module.stdlib}' has no member '${p.name}'`,
          suggestion: close !== undefined ? `did you mean '${close}'?` : `see help(${(e.object as AST.Identifier).name}) for its members`,
        });
      }
      this.occurrences.push({ name: p.name, loc: p.loc, key: `stdlib:${module.stdlib}.${p.name}`, kind: "stdlib-member", declaration: false, module });
    } else {
      this.occurrences.push({ name: p.name, loc: p.loc, key: `${module.uri}#${p.name}`, kind: "user-member", declaration: false, module });
    }
  }
}
