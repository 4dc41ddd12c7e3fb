/**
 * One document's analysis for the language server. On every change: parse and resolve (no code
 * generation), find where the imports lead (ML3001 for those that lead nowhere), and check the
 * members read from imported stdlib modules (ML3004) — everything diagnostics need. The index of
 * every name (symbol-index.ts), which the other features use, is built on first use.
 *
 * Symbols are keyed by strings so that occurrences in different files meet: a module-level
 * binding of the file `uri` is `uri#name` in that file and in every file that reads it as
 * `module.name` after importing it; a function's local is `uri#offset:name` (the offset of the
 * function); a builtin is `builtin:name`, a stdlib member `stdlib:module.name`.
 */
import type * as AST from "../compiler/ast.js";
import { DiagnosticBag, DiagnosticCodes, limitDiagnostics, sortDiagnostics, type Diagnostic } from "../compiler/diagnostics.js";
import { check, DEFAULT_MAX_SOURCE_LENGTH } from "../compiler/index.js";
import { parseAndResolve } from "../compiler/analyze.js";
import { parse } from "../compiler/parser.js";
import { isExported, resolve, type Binding, type Resolution, type Scope } from "../compiler/resolver.js";
import { didYouMean } from "../compiler/suggest.js";
import { unknownMemberDiagnostic } from "../host/check-members.js";
import { buildIndex, type FunctionNodeOf, type Occurrence } from "./symbol-index.js";
import { isModule, moduleMember, moduleMembers, moduleNames } from "./metadata.js";

export type { Occurrence, SymbolKind } from "./symbol-index.js";

/** A stdlib module by name, or a user module by URI. */
export type ModuleRef = { stdlib: string } | { uri: string };

/** An `import` statement and where it leads. */
export interface ImportInfo {
  readonly node: AST.ImportDeclaration;
  readonly dotted: string;
  /** Where it leads, or null when it cannot be found. */
  readonly target: ModuleRef | null;
}

/** Finds a user module: the dotted path's segments → its URI, or the module names near the one asked for. */
export type ImportResolver = (segments: readonly string[]) => { uri: string } | { near: readonly string[] };

/** Everything the features need about one document. */
export class Analysis {
  /**
   * Syntax, name, declaration, import and stdlib-member diagnostics, sorted: the first
   * `MAX_DIAGNOSTICS` (100) of them, then one counting the rest, as the compiler reports them.
   */
  readonly diagnostics: Diagnostic[];
  /** The `import` statements, in source order, and where each leads. */
  readonly imports: ImportInfo[] = [];
  /** Import bindings → the module they hold (when bound by one `import` only). */
  readonly modules = new Map<Binding, ModuleRef>();
  /** Names of the module-level bindings a file importing this one can read as members. */
  readonly exports = new Map<string, Binding>();
  private index: ReturnType<typeof buildIndex> | null = null;

  constructor(
    readonly uri: string,
    readonly text: string,
    readonly program: AST.Program,
    readonly resolution: Resolution,
    compilerDiagnostics: Diagnostic[],
    file: string,
    resolveImport: ImportResolver,
  ) {
    const importErrors = this.readImports(file, resolveImport);
    for (const b of resolution.module.locals) if (isExported(b)) this.exports.set(b.name, b);
    this.diagnostics = limitDiagnostics(sortDiagnostics([...compilerDiagnostics, ...importErrors, ...this.memberErrors(file)]));
  }

  /** Every name in the source with the symbol it names, in source order. */
  get occurrences(): readonly Occurrence[] {
    return (this.index ??= buildIndex(this)).occurrences;
  }

  /** Bindings assigned a function by a declaration (or an arrow function) → its node, the first one. */
  get functions(): ReadonlyMap<Binding, FunctionNodeOf> {
    return (this.index ??= buildIndex(this)).functions;
  }

  /** Function scopes and the module's. */
  get scopes(): IterableIterator<Scope> {
    return this.resolution.scopes.values();
  }

  private readImports(file: string, resolveImport: ImportResolver): Diagnostic[] {
    const errors: Diagnostic[] = [];
    for (const s of this.program.body) {
      if (s.type !== "ImportDeclaration") continue;
      const segments = s.path.map((p) => p.name);
      if (segments.length === 0 || segments.some((p) => p === "")) continue;
      const dotted = segments.join(".");
      let target: ModuleRef | null = null;
      if (segments.length === 1 && isModule(dotted)) target = { stdlib: dotted };
      else {
        const found = resolveImport(segments);
        if ("uri" in found) target = { uri: found.uri };
        else {
          const near = didYouMean(dotted, [...found.near, ...moduleNames()]);
          errors.push({
            code: DiagnosticCodes.UnresolvedImport, severity: "error", file,
            loc: { start: s.path[0]!.loc.start, end: s.path[s.path.length - 1]!.loc.end },
            message: `cannot find module '${dotted}'`,
            suggestion: near !== undefined ? `did you mean '${near}'?` : "user modules are '.ml' files next to the importing file",
          });
        }
      }
      this.imports.push({ node: s, dotted, target });
      const b = this.resolution.module.bindings.get((s.alias ?? s.path[0]!).name);
      if (b !== undefined && target !== null && (s.alias !== null || segments.length === 1) && !b.otherAssignments && b.functionDeclarations === 0) {
        this.modules.set(b, target);
      }
    }
    return errors;
  }

  /**
   * ML3004 for `m.name` where `m` holds a stdlib module that has no member `name`. Found from the
   * resolver's reads of `m` and the text right after them, without walking the tree.
   */
  private memberErrors(file: string): Diagnostic[] {
    const out: Diagnostic[] = [];
    if (this.modules.size === 0) return out;
    const { reads, readBindings } = this.resolution;
    for (let i = 0; i < reads.length; i++) {
      const m = this.modules.get(readBindings[i]!);
      if (m === undefined || !("stdlib" in m)) continue;
      const id = reads[i]!;
      const member = memberAfter(this.text, id.loc.end);
      // (No metadata for the module: nothing is known to be missing.)
      if (member === null || moduleMember(m.stdlib, member.name) !== undefined || moduleMembers(m.stdlib).length === 0) continue;
      out.push(unknownMemberDiagnostic(file, member.loc, m.stdlib, member.name, id.name, moduleMembers(m.stdlib).map((x) => x.name)));
    }
    return out;
  }
}

const SPACE = /[ \t\r\n]/;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/** `.name` right after `end` (spaces and line breaks allowed around the dot), or null. */
function memberAfter(text: string, end: AST.Position): { name: string; loc: AST.SourceLocation } | null {
  let i = end.offset;
  let line = end.line;
  let lineStart = end.offset - (end.column - 1);
  let dot = false;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (c === "." && !dot) dot = true;
    else if (!SPACE.test(c)) break;
    else if (c === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  if (!dot) return null;
  NAME.lastIndex = i;
  const m = NAME.exec(text);
  if (m === null) return null;
  const column = i - lineStart + 1;
  return {
    name: m[0],
    loc: { start: { line, column, offset: i }, end: { line, column: column + m[0].length, offset: i + m[0].length } },
  };
}

/**
 * Analyses `text`; `resolveImport` finds user modules. A text longer than the compiler accepts
 * (its default maxSourceLength) is not parsed: its analysis is an empty program with the
 * compiler's ML0001, so an editor sending a huge file gets an answer at once.
 */
export function analyze(uri: string, text: string, filename: string, resolveImport: ImportResolver): Analysis {
  if (text.length > DEFAULT_MAX_SOURCE_LENGTH) {
    const empty = parse("", filename);
    const resolution = resolve(empty.program, new DiagnosticBag(filename));
    return new Analysis(uri, "", empty.program, resolution, check(text, { filename }), filename, resolveImport);
  }
  const { program, resolution, diagnostics } = parseAndResolve(text, filename);
  return new Analysis(uri, text, program, resolution, diagnostics, filename, resolveImport);
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
