/**
 * The index of a document's names, built from its analysis on first use: every identifier with
 * the symbol it names (see analysis.ts for the keys), whether it declares it, and the function
 * each function binding holds. Definition, references, rename, hover, symbols and semantic
 * tokens read it.
 */
import type * as AST from "../compiler/ast.js";
import type { Binding, FunctionNode, Resolution, Scope } from "../compiler/resolver.js";
import { lookupName, type Analysis, type ModuleRef } from "./analysis.js";

/** What an occurrence names. */
export type SymbolKind =
  | "variable" | "function" | "parameter" | "namespace" | "builtin" | "stdlib-member" | "user-member" | "property" | "module-path";

/** One identifier in the source and the symbol it names. */
export interface Occurrence {
  readonly name: string;
  readonly loc: AST.SourceLocation;
  /** The symbol's key, or null for a property of an unknown object. */
  readonly key: string | null;
  readonly kind: SymbolKind;
  /** True where the symbol is declared: a function's name, a parameter, a first assignment. */
  readonly declaration: boolean;
  /** The binding, for names of this file. */
  readonly binding?: Binding;
  /** For module names, members and import paths: the stdlib module, or the user module's URI. */
  readonly module?: ModuleRef;
}

/** A function declaration or an arrow function. */
export type FunctionNodeOf = AST.FunctionDeclaration | AST.ArrowFunction;

/** The index of the analysed document. */
export function buildIndex(a: Analysis): { occurrences: Occurrence[]; functions: Map<Binding, FunctionNodeOf> } {
  const indexer = new Indexer(a);
  indexer.run();
  return { occurrences: indexer.occurrences.sort((x, y) => x.loc.start.offset - y.loc.start.offset), functions: indexer.functions };
}

/** The key of a binding of the file `uri`. */
export function bindingKey(uri: string, b: Binding): string {
  if (b.kind === "builtin" || b.scope === null) return `builtin:${b.name}`;
  if (b.scope.kind === "module") return `${uri}#${b.name}`;
  return `${uri}#${b.scope.node.loc.start.offset}:${b.name}`;
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
  readonly functions = new Map<Binding, FunctionNodeOf>();
  private readonly declared = new Set<Binding>();
  /** Each binding's key, made once. */
  private readonly keys = new Map<Binding, string>();
  private readonly res: Resolution;
  private scope: Scope;

  constructor(private readonly a: Analysis) {
    this.res = a.resolution;
    this.scope = a.resolution.module;
  }

  run(): void {
    for (const imp of this.a.imports) this.importDeclaration(imp.node, imp.target);
    for (const s of this.a.program.body) {
      try {
        this.statement(s);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e; // a pathologically deep statement: its declarations are not indexed
        this.scope = this.res.module;
      }
    }
    // Every read the resolver resolved, with its binding.
    const { reads, readBindings } = this.res;
    for (let i = 0; i < reads.length; i++) this.add(reads[i]!, readBindings[i]!, false);
  }

  private importDeclaration(s: AST.ImportDeclaration, target: ModuleRef | null): void {
    const b = this.res.module.bindings.get((s.alias ?? s.path[0]!).name);
    // `import m;` declares `m` with its one segment; a dotted path's segments name the module.
    const pathBinds = s.alias === null && s.path.length === 1;
    if (target !== null && !pathBinds) {
      const last = s.path.length - 1;
      const key = "stdlib" in target ? `stdlib:${target.stdlib}` : `module:${target.uri}`;
      s.path.forEach((p, i) => {
        this.occurrences.push({ name: p.name, loc: p.loc, key: i < last ? null : key, kind: "module-path", declaration: false, module: target });
      });
    }
    if (b !== undefined && (s.alias !== null || pathBinds)) this.write(s.alias ?? s.path[0]!, b);
  }

  private statement(s: AST.TopLevel): void {
    switch (s.type) {
      case "ExpressionStatement":
        this.expression(s.expression);
        break;
      case "AssignmentStatement":
        this.expression(s.value);
        if (s.target.type !== "Identifier") this.expression(s.target);
        else {
          const b = this.assign(s.target);
          if (b !== undefined && s.value.type === "ArrowFunction" && !this.functions.has(b)) this.functions.set(b, s.value);
        }
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
    const module = this.a.modules.get(b);
    let key = this.keys.get(b);
    if (key === undefined) this.keys.set(b, (key = bindingKey(this.a.uri, b)));
    this.occurrences.push(module === undefined ? { name: id.name, loc: id.loc, key, kind: kindOf(b), declaration, binding: b }
      : { name: id.name, loc: id.loc, key, kind: kindOf(b), declaration, binding: b, module });
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
    if (e.type === "Identifier") return; // reads: added from the resolver's table (run)
    if (e.type === "ArrowFunction") return this.fn(e, e.params, e.body);
    if (e.type === "MemberExpression") {
      this.expression(e.object);
      return this.member(e);
    }
    // Any other expression: its sub-expressions (object properties' values included).
    const fields = e as unknown as Record<string, unknown>;
    for (const key in fields) {
      const child = fields[key];
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
    const b = e.object.type === "Identifier" ? lookupName(this.scope, e.object.name) : undefined;
    const module = b === undefined ? undefined : this.a.modules.get(b);
    if (module === undefined) {
      this.occurrences.push({ name: p.name, loc: p.loc, key: null, kind: "property", declaration: false });
    } else if ("stdlib" in module) {
      this.occurrences.push({ name: p.name, loc: p.loc, key: `stdlib:${module.stdlib}.${p.name}`, kind: "stdlib-member", declaration: false, module });
    } else {
      this.occurrences.push({ name: p.name, loc: p.loc, key: `${module.uri}#${p.name}`, kind: "user-member", declaration: false, module });
    }
  }
}
