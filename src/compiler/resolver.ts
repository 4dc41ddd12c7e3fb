/**
 * The resolver (docs/language/reference.md §5, §6, §8, §9): scopes, name resolution, definite assignment and
 * the diagnostics about names, jumps and capability declarations.
 *
 * Scoping is Python's: a function (declared or arrow) is a scope; assigning a name anywhere in it
 * (plain assignment, destructuring, `for` variable, `except (e)` variable, `function` declaration,
 * parameter) makes the name local to the whole function; blocks create no scope; `nonlocal x;`
 * makes assignments reach the nearest enclosing function or module that binds `x`. Reads resolve
 * lexically: local → enclosing functions → module → builtins.
 *
 * Definite assignment decides, for every read, whether the variable certainly has a value there,
 * so the code generator emits a run-time `NameError` check only where one can fail. Variables
 * never lose their value (there is no `del`), so the analysis is a forward "must" analysis over
 * bit sets that only grow; a nested function may rely on what was certain where it was created.
 *
 * All results live in side tables ({@link Resolution}); AST nodes are never modified.
 */
import type * as AST from "./ast.js";
import { DiagnosticCodes, MAX_DIAGNOSTICS, quoted, type Diagnostic, type DiagnosticBag } from "./diagnostics.js";
import { CandidateSet, foreignNameHint, suggest } from "./suggest.js";
import { mangle } from "./mangle.js";

/** The builtins of docs/language/reference.md §6, always in scope unless a user binding shadows them. */
export const BUILTINS: readonly string[] = Object.freeze([
  "print", "input", "typeof", "isinstance", "str", "repr", "int", "float", "bool", "len", "range",
  "enumerate", "zip", "sorted", "reversed", "keys", "values", "min", "max", "abs", "sum", "all",
  "any", "callable", "round", "chr", "ord", "hex", "bin", "oct", "format", "iter", "next",
  "hasattr", "getattr", "call", "help", "methods", "modules", "available_modules", "has_module",
  "module_info", "hasCapability", "getCapabilities", "getCapabilityInfo", "requiredCapabilities",
  // The other spelling of each two-word name (runtime/builtins.ts BUILTIN_ALIASES).
  "availableModules", "hasModule", "moduleInfo", "has_capability", "get_capabilities", "get_capability_info",
  "required_capabilities",
]);

/** The coarse permissions of a capability block (docs/language/reference.md §9). */
export const COARSE_PERMISSIONS: readonly string[] = Object.freeze(["read", "write", "execute", "network", "system"]);

/** A function scope's node. */
export type FunctionNode = AST.FunctionDeclaration | AST.ArrowFunction;

/** What introduced a binding. */
export type BindingKind = "variable" | "parameter" | "import" | "builtin";

/** One variable: a local of a function, a module binding, or a builtin. */
export interface Binding {
  /** The ML name. */
  readonly name: string;
  /** The JavaScript identifier of the generated code (`class$`, or `$b_len` for a builtin). */
  readonly jsName: string;
  readonly kind: BindingKind;
  /** The scope that owns it; null for builtins. */
  readonly scope: Scope | null;
  /** Index of the variable in its scope's definite-assignment bit set. */
  readonly slot: number;
  /**
   * Number of statements assigning it an ML function literal — `function name(…)` declarations
   * and `name = fn(…) => …` — in any scope (through `nonlocal`).
   */
  functionDeclarations: number;
  /** True when anything other than a function declaration assigns it (including parameters). */
  otherAssignments: boolean;
  /** True when an `import` statement binds it. */
  imported: boolean;
  /**
   * True when a nested function assigns it through `nonlocal`: then a call made by the owning
   * scope's code may change it.
   */
  nonlocalWrites: boolean;
  /**
   * True when something other than a counting loop `for (x in range(…))` over the builtin
   * `range`, whose values are non-negative integers, assigns it (parameters included).
   */
  uncounted: boolean;
}

/**
 * True when `b` is a function's variable that only counting loops over non-negative integers
 * assign (`for (k in range(n))`): whenever a read of it has a value, the value is a non-negative
 * integer number, so generated code may index and do arithmetic with it without type checks.
 */
export function isCounter(b: Binding): boolean {
  return !b.uncounted && b.kind === "variable" && b.scope?.kind === "function";
}

/**
 * True when `iterable` is a call `range(…)` whose values are non-negative integers whatever its
 * arguments are at run time: `range(n)`, or a non-negative integer literal start with an omitted
 * or positive integer literal step. Whether `range` is the builtin is for the caller to check.
 */
export function isCountingRange(iterable: AST.Expression): boolean {
  let call = iterable;
  while (call.type === "ParenthesizedExpression") call = call.expression;
  if (call.type !== "CallExpression" || call.callee.type !== "Identifier" || call.callee.name !== "range") return false;
  const args = call.args;
  if (args.length === 1) return true;
  if (args.length > 3 || !isIntegerLiteral(args[0]!, 0)) return false;
  return args.length === 2 || isIntegerLiteral(args[2]!, 1);
}

/** A number literal holding an integer ≥ `min` (and below 2 ** 31). */
function isIntegerLiteral(e: AST.Expression, min: number): boolean {
  return e.type === "NumberLiteral" && Number.isInteger(e.value) && e.value >= min && e.value < 2 ** 31;
}

/**
 * True when every assignment of `b` is a function literal of this module (a `function`
 * declaration or an arrow function): its value, once assigned, is always an ML function.
 */
export function isFunctionOnly(b: Binding): boolean {
  return b.functionDeclarations > 0 && !b.otherAssignments && !b.imported;
}

/** True when a module binding is exported: bound by something other than an `import`. */
export function isExported(b: Binding): boolean {
  return b.functionDeclarations > 0 || b.otherAssignments;
}

/** What was certainly assigned in the enclosing scope when a function was created. */
interface OuterState {
  readonly scope: Scope;
  /** null when the function was created in unreachable code. */
  readonly bits: Bits | null;
  readonly parent: OuterState | null;
}

/** A module or function scope. */
export interface Scope {
  readonly kind: "module" | "function";
  readonly node: AST.Program | FunctionNode;
  readonly parent: Scope | null;
  /** Own bindings (parameters first, then in order of first assignment in the source). */
  readonly bindings: Map<string, Binding>;
  readonly params: Binding[];
  /** Own bindings that are not parameters: the generated code declares them with `let`. */
  readonly locals: Binding[];
  /** Names declared `nonlocal` here → the binding they refer to (null when there is none). */
  readonly nonlocals: Map<string, Binding | null>;
  /** Definite-assignment slots of nonlocal targets (after the own bindings' slots). */
  readonly nonlocalSlots: Map<Binding, number>;
  slotCount: number;
  outer: OuterState | null;
  /** Names read or assigned directly in this scope so far (only tracked when it has `nonlocal`s). */
  used: Set<string> | null;
}

/**
 * What the resolver found; consumed by the code generator.
 *
 * Identifier reads are recorded in three parallel arrays, in the order the resolver visits them
 * — the order in which the code generator emits them — so the generator finds each read's
 * binding with a cursor instead of a hash lookup ({@link ReadCursor}).
 */
export interface Resolution {
  readonly module: Scope;
  /** Scope of the program and of every function node. */
  readonly scopes: Map<AST.Program | FunctionNode, Scope>;
  /** Every resolved identifier read, in visiting order. */
  readonly reads: AST.Identifier[];
  /** The binding of `reads[i]`. */
  readonly readBindings: Binding[];
  /** True when `reads[i]` may see a variable without a value (needs a run-time check). */
  readonly readUncertain: boolean[];
  /** Module bindings certainly assigned when the top-level code completes normally. */
  readonly assignedAtEnd: Set<Binding>;
  /**
   * Locals that ML2012 warned about → the note a `NameError` reading one carries at run time
   * (assigning made the name local; `nonlocal` was probably meant).
   */
  readonly unboundNotes: ReadonlyMap<Binding, string>;
}

/**
 * Finds the resolution of identifier reads, expected in the resolver's visiting order: the
 * common case is one pointer comparison; a read out of order (the generator skipped some
 * unreachable code) is found by scanning forward, then through a map built on demand.
 */
export class ReadCursor {
  private next = 0;
  private index: Map<AST.Identifier, number> | null = null;

  constructor(private readonly res: Resolution) {}

  /** Index of `id` in the resolution's read arrays; advances past it. -1 when `id` was not resolved. */
  take(id: AST.Identifier): number {
    const i = this.find(id);
    if (i >= 0 && i >= this.next) this.next = i + 1;
    return i;
  }

  /** Index of `id` without advancing. */
  find(id: AST.Identifier): number {
    const reads = this.res.reads;
    const start = this.next;
    if (reads[start] === id) return start;
    // A short forward scan covers skipped code; beyond that, a map.
    const limit = Math.min(reads.length, start + 256);
    for (let i = start + 1; i < limit; i++) if (reads[i] === id) return i;
    if (this.index === null) {
      this.index = new Map();
      for (let i = 0; i < reads.length; i++) this.index.set(reads[i]!, i);
    }
    return this.index.get(id) ?? -1;
  }
}

/** The binding a read of `id` resolved to, or undefined (for tests and tools; O(n)). */
export function bindingOf(res: Resolution, id: AST.Identifier): Binding | undefined {
  const i = res.reads.indexOf(id);
  return i < 0 ? undefined : res.readBindings[i];
}

/** True when the read `id` needs a run-time check (for tests and tools; O(n)). */
export function isUncertain(res: Resolution, id: AST.Identifier): boolean {
  const i = res.reads.indexOf(id);
  return i >= 0 && res.readUncertain[i]!;
}

/**
 * mlpy's namespace of the builtins (`builtin.len(x)`): an object, not a function, in scope like the
 * builtins (`$rt.builtins.builtin`) and shadowed by a user binding of that name in the same way.
 */
export const BUILTIN_NAMESPACE = "builtin";

const builtinBindings: ReadonlyMap<string, Binding> = new Map(
  [...BUILTINS, BUILTIN_NAMESPACE].map((name) => [name, Object.freeze({
    name, jsName: `$b_${name}`, kind: "builtin", scope: null, slot: -1,
    functionDeclarations: 0, otherAssignments: true, imported: false, nonlocalWrites: false, uncounted: true,
  }) as Binding]),
);

/** True when `name` is one of the builtins of docs/language/reference.md §6. */
export function isBuiltin(name: string): boolean {
  return builtinBindings.has(name);
}

/**
 * Resolves every name of `program`, reporting problems to `bag`.
 *
 * @param program the parsed program (it may contain `ErrorExpression`s, which are skipped)
 * @param bag where diagnostics go (ML2xxx, ML4001, ML4002)
 */
export function resolve(program: AST.Program, bag: DiagnosticBag, predeclared?: readonly string[]): Resolution {
  return new Resolver(bag, predeclared).run(program);
}

/**
 * The JavaScript text of a module binding under incremental compilation (`CompileOptions.incremental`):
 * a property of `$G`, the object `$ctx.globals`, so the binding outlives the input.
 */
export function incrementalName(name: string): string {
  return `$G[${JSON.stringify(name)}]`;
}

// ---------------------------------------------------------------------------------------------
// Bit sets
// ---------------------------------------------------------------------------------------------

/*
 * Definite-assignment states are persistent sets of slots: a trie of 32-way inner nodes over
 * leaves of 32 words (30 bits each, to stay small ints), whose subtrees are shared between
 * copies. Copying is O(1); a write copies the path to its leaf once per state (a state writes in
 * place the nodes it owns); meet and join skip shared subtrees. So branching costs in proportion
 * to what the branches assign, not to the number of variables in the scope: a module of n
 * statements and n variables resolves in O(n), where copying flat bit sets took O(n²).
 */

/** Slots per word and per leaf. */
const WORD_BITS = 30;
const LEAF_SLOTS = WORD_BITS * 32;

/** A trie node; `owner` is the only state allowed to change it in place. */
interface BitNode {
  owner: number;
  /** A leaf's words, or null for an inner node. */
  readonly words: number[] | null;
  /** An inner node's 32 children (null: no slot set below), or null for a leaf. */
  readonly kids: (BitNode | null)[] | null;
}

/** One definite-assignment state. */
interface Bits {
  root: BitNode | null;
  /** 0: the root is a leaf; h: h levels of inner nodes above the leaves. */
  readonly height: number;
  /** Words of a leaf (fewer than 32 when the root is the only leaf). */
  readonly leafWords: number;
  owner: number;
}

let lastOwner = 0;

/**
 * Entries (words and child pointers) of the trie nodes allocated so far: the work of copying
 * states. Tests read it to show that it grows linearly with the program; nothing else does.
 */
export const definiteAssignmentStats = { allocated: 0 };

function newBits(slots: number): Bits {
  let height = 0;
  for (let capacity = LEAF_SLOTS; capacity < slots; capacity *= 32) height++;
  const leafWords = height === 0 ? Math.max(1, Math.ceil(slots / WORD_BITS)) : 32;
  return { root: null, height, leafWords, owner: ++lastOwner };
}

/** A copy sharing all nodes: from now on neither state writes them in place. */
function copyBits(b: Bits | null): Bits | null {
  if (b === null) return null;
  b.owner = ++lastOwner;
  return { root: b.root, height: b.height, leafWords: b.leafWords, owner: ++lastOwner };
}

function ownLeaf(n: BitNode | null, owner: number, words: number): BitNode {
  if (n !== null && n.owner === owner) return n;
  definiteAssignmentStats.allocated += n === null ? words : n.words!.length;
  return { owner, words: n === null ? new Array<number>(words).fill(0) : n.words!.slice(), kids: null };
}

function ownInner(n: BitNode | null, owner: number): BitNode {
  if (n !== null && n.owner === owner) return n;
  definiteAssignmentStats.allocated += 32;
  return { owner, words: null, kids: n === null ? new Array<BitNode | null>(32).fill(null) : n.kids!.slice() };
}

function setBit(b: Bits | null, slot: number): void {
  if (b === null) return;
  const leaf = (slot / LEAF_SLOTS) | 0;
  const inLeaf = slot - leaf * LEAF_SLOTS;
  let node: BitNode;
  if (b.height === 0) {
    node = b.root = ownLeaf(b.root, b.owner, b.leafWords);
  } else {
    let parent = (b.root = ownInner(b.root, b.owner));
    for (let level = b.height; level > 1; level--) {
      const i = (leaf >>> (5 * (level - 1))) & 31;
      parent = parent.kids![i] = ownInner(parent.kids![i], b.owner);
    }
    node = parent.kids![leaf & 31] = ownLeaf(parent.kids![leaf & 31], b.owner, b.leafWords);
  }
  node.words![(inLeaf / WORD_BITS) | 0]! |= 1 << inLeaf % WORD_BITS;
}

function hasBit(b: Bits, slot: number): boolean {
  const leaf = (slot / LEAF_SLOTS) | 0;
  const inLeaf = slot - leaf * LEAF_SLOTS;
  let node = b.root;
  for (let level = b.height; level > 0 && node !== null; level--) node = node.kids![(leaf >>> (5 * (level - 1))) & 31];
  return node !== null && (node.words![(inLeaf / WORD_BITS) | 0]! & (1 << inLeaf % WORD_BITS)) !== 0;
}

/** Intersection (what is assigned on both paths); `null` (unreachable) is the identity. `a` is reused. */
function meet(a: Bits | null, b: Bits | null): Bits | null {
  if (a === null) return copyBits(b);
  if (b === null) return a;
  a.root = combine(a.root, b.root, a.height, a.owner, true);
  return a;
}

/** Union, for assignments that happen on every path (`finally`). `a` is reused; `b` shares nodes with it. */
function join(a: Bits, b: Bits): Bits {
  a.root = combine(a.root, b.root, a.height, a.owner, false);
  b.owner = ++lastOwner;
  return a;
}

/** `x ∩ y` (`and`) or `x ∪ y` of two subtrees at `level`, reusing `x` and whatever they share. */
function combine(x: BitNode | null, y: BitNode | null, level: number, owner: number, and: boolean): BitNode | null {
  if (x === y) return x;
  if (x === null || y === null) return and ? null : x ?? y;
  if (level === 0) {
    const xw = x.words!;
    const yw = y.words!;
    let i = 0;
    while (i < xw.length && (and ? xw[i]! & yw[i]! : xw[i]! | yw[i]!) === xw[i]) i++;
    if (i === xw.length) return x;
    const n = ownLeaf(x, owner, 0);
    const words = n.words!;
    for (; i < words.length; i++) words[i] = and ? words[i]! & yw[i]! : words[i]! | yw[i]!;
    return n;
  }
  let out = x;
  for (let i = 0; i < 32; i++) {
    const kid = combine(x.kids![i], y.kids![i], level - 1, owner, and);
    if (kid === out.kids![i]) continue;
    out = ownInner(out, owner);
    out.kids![i] = kid;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Scan: the names a scope binds
// ---------------------------------------------------------------------------------------------

/** One assignment found by the scan: a `function` declaration, an import, a counting loop, or other. */
interface Assigned {
  name: string;
  fn: boolean;
  imported: boolean;
  /** A `for` loop over `range(…)` of non-negative integers (if `range` is the builtin). */
  counter?: boolean;
}

/** Names a function body assigns and declares nonlocal, found without looking into expressions. */
interface ScanResult {
  /** Assigned names in source order, with whether the assignment is a `function` declaration. */
  assigned: Assigned[];
  nonlocal: Set<string>;
}

function scanStatements(list: readonly AST.TopLevel[], out: ScanResult): void {
  for (const s of list) scanStatement(s, out);
}

function scanStatement(s: AST.TopLevel, out: ScanResult): void {
  switch (s.type) {
    case "AssignmentStatement":
      if (s.target.type === "Identifier") {
        // `f = fn(…) => …` always assigns an ML function, like a `function` declaration.
        out.assigned.push({ name: s.target.name, fn: isArrow(s.value), imported: false });
      }
      break;
    case "DestructuringStatement":
      for (const n of s.names) out.assigned.push({ name: n.name, fn: false, imported: false });
      break;
    case "FunctionDeclaration":
      out.assigned.push({ name: s.name.name, fn: true, imported: false });
      break;
    case "IfStatement":
      for (const b of s.branches) scanStatements(b.body.body, out);
      if (s.alternate) scanStatements(s.alternate.body, out);
      break;
    case "WhileStatement":
      scanStatements(s.body.body, out);
      break;
    case "ForStatement":
      out.assigned.push({ name: s.variable.name, fn: false, imported: false, counter: isCountingRange(s.iterable) });
      scanStatements(s.body.body, out);
      break;
    case "TryStatement":
      scanStatements(s.block.body, out);
      for (const h of s.handlers) {
        if (h.param) out.assigned.push({ name: h.param.name, fn: false, imported: false });
        scanStatements(h.body.body, out);
      }
      if (s.finalizer) scanStatements(s.finalizer.body, out);
      break;
    case "NonlocalStatement":
      for (const n of s.names) out.nonlocal.add(n.name);
      break;
    case "ImportDeclaration": {
      const bound = s.alias ?? s.path[0];
      if (bound) out.assigned.push({ name: bound.name, fn: false, imported: true });
      break;
    }
    default:
      break;
  }
}

// ---------------------------------------------------------------------------------------------
// The resolver
// ---------------------------------------------------------------------------------------------

/** Candidate names of one scope, for suggestions. */
interface ScopeCandidates {
  readonly bindings: CandidateSet;
  readonly nonlocals: CandidateSet;
}

const BUILTIN_CANDIDATES = new CandidateSet(BUILTINS);

/** Lines of an unknown name's other uses listed in the hint of its one error. */
const MAX_LISTED_USES = 5;
const COARSE_CANDIDATES = new CandidateSet(COARSE_PERMISSIONS);

interface LoopContext {
  /** `while (true)`: the states at each `break`, whose meet is the state after the loop. */
  readonly breaks: (Bits | null)[] | null;
}

class Resolver {
  private readonly scopes = new Map<AST.Program | FunctionNode, Scope>();
  private readonly reads: AST.Identifier[] = [];
  private readonly readBindings: Binding[] = [];
  private readonly readUncertain: boolean[] = [];
  private scope!: Scope;
  /** Definite-assignment state of the current scope; null in unreachable code. */
  private da: Bits | null = null;
  private loops: LoopContext[] = [];
  private readonly capabilityNames = new Set<string>();
  /** Suggestion searches left (see {@link suggestion}). */
  private searchesLeft = MAX_DIAGNOSTICS;
  private readonly candidates = new Map<Scope, ScopeCandidates>();
  private readonly nameSuggestions = new Map<Scope, Map<string, string | undefined>>();
  private readonly outerSuggestions = new Map<Scope, Map<string, string | undefined>>();
  private readonly permissionSuggestions = new Map<Scope, Map<string, string | undefined>>();
  /** Local bindings an assignment visited so far assigns (the walk follows the source's order). */
  private readonly assignedSeen = new Set<Binding>();
  /** Unknown names → their one error, the other lines using them (a few) and how many other uses. */
  private readonly unknownNames = new Map<string, { diagnostic: Diagnostic; lines: number[]; more: number }>();
  /** Local bindings already checked for ML2012. */
  private readonly readWarned = new Set<Binding>();
  private readonly unboundNotes = new Map<Binding, string>();

  /**
   * `predeclared`: incremental compilation (the REPL): module bindings live in `$ctx.globals`,
   * and these names, assigned by earlier inputs, are module bindings certainly assigned.
   */
  constructor(private readonly bag: DiagnosticBag, private readonly predeclared?: readonly string[]) {}

  run(program: AST.Program): Resolution {
    const module = this.createScope("module", program, null, [], program.body);
    this.scope = module;
    if (this.predeclared !== undefined) this.predeclare(module, this.predeclared);
    this.da = newBits(module.slotCount);
    if (this.predeclared !== undefined) for (const name of this.predeclared) setBit(this.da, module.bindings.get(name)!.slot);
    for (const s of program.body) {
      try {
        this.statement(s);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        // The JavaScript stack overflowed on a pathologically nested statement. The program
        // cannot compile: which reads need run-time checks no longer matters.
        this.scope = module;
        this.da = null;
        this.loops = [];
        this.bag.error(DiagnosticCodes.UnexpectedToken, "this statement is nested too deeply to compile", s.loc,
          "split it into smaller statements or functions");
      }
    }
    this.listUnknownUses();
    const end = this.da;
    const assignedAtEnd = new Set<Binding>();
    for (const b of module.bindings.values()) if (end === null || hasBit(end, b.slot)) assignedAtEnd.add(b);
    return {
      module, scopes: this.scopes, reads: this.reads, readBindings: this.readBindings,
      readUncertain: this.readUncertain, assignedAtEnd, unboundNotes: this.unboundNotes,
    };
  }

  /** Adds the lines of an unknown name's other uses to the hint of its one error. */
  private listUnknownUses(): void {
    for (const u of this.unknownNames.values()) {
      if (u.more === 0) continue;
      const shown = u.lines.map(String);
      const rest = u.more - shown.length;
      const where = shown.length === 0 ? `${u.more} more time${u.more > 1 ? "s" : ""} on this line`
        : rest > 0 ? `on lines ${shown.join(", ")} and ${rest} more time${rest > 1 ? "s" : ""}`
        : shown.length > 1 ? `on lines ${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}` : `on line ${shown[0]}`;
      const also = `also used ${where}`;
      u.diagnostic.suggestion = u.diagnostic.suggestion === undefined ? also : `${u.diagnostic.suggestion} (${also})`;
    }
  }

  // --- scopes ---

  private createScope(
    kind: "module" | "function",
    node: AST.Program | FunctionNode,
    parent: Scope | null,
    params: readonly AST.Parameter[],
    body: readonly AST.TopLevel[],
  ): Scope {
    const scan: ScanResult = { assigned: [], nonlocal: new Set() };
    scanStatements(body, scan);
    const scope: Scope = {
      kind, node, parent,
      bindings: new Map(), params: [], locals: [], nonlocals: new Map(), nonlocalSlots: new Map(),
      slotCount: 0, outer: null, used: null,
    };
    for (const p of params) {
      const name = p.name.name;
      if (scope.bindings.has(name)) continue; // duplicate parameter: reported by the walk
      const b = this.newBinding(scope, name, "parameter");
      b.otherAssignments = true;
      b.uncounted = true;
      scope.params.push(b);
    }
    if (kind === "function") {
      for (const name of scan.nonlocal) {
        if (scope.bindings.has(name)) continue; // a parameter: ML2010, stays local
        const target = findNonlocalTarget(parent, name);
        scope.nonlocals.set(name, target);
        if (target !== null && !scope.nonlocalSlots.has(target)) scope.nonlocalSlots.set(target, -1);
      }
      if (scan.nonlocal.size > 0) scope.used = new Set();
    }
    for (const a of scan.assigned) {
      let b = scope.bindings.get(a.name);
      if (b === undefined) {
        if (scope.nonlocals.has(a.name)) {
          const target = scope.nonlocals.get(a.name);
          if (target) {
            markAssignment(target, a);
            target.nonlocalWrites = true;
          }
          continue;
        }
        b = this.newBinding(scope, a.name, a.imported ? "import" : "variable");
        scope.locals.push(b);
      }
      markAssignment(b, a);
    }
    // Nonlocal targets get slots after the own bindings.
    for (const target of scope.nonlocalSlots.keys()) scope.nonlocalSlots.set(target, scope.slotCount++);
    this.scopes.set(node, scope);
    return scope;
  }

  /**
   * Incremental compilation: adds the names earlier inputs assigned to the module scope, and
   * treats every module binding as reassignable (a later input may assign anything), so no call
   * of one is compiled as a direct call of a known ML function.
   */
  private predeclare(module: Scope, names: readonly string[]): void {
    for (const name of names) {
      if (module.bindings.has(name)) continue;
      module.locals.push(this.newBinding(module, name, "variable"));
    }
    for (const b of module.bindings.values()) {
      if (!b.imported) b.otherAssignments = true;
      b.uncounted = true;
    }
  }

  private newBinding(scope: Scope, name: string, kind: BindingKind): Binding {
    const incremental = this.predeclared !== undefined && scope.kind === "module";
    const b: Binding = {
      name, jsName: incremental ? incrementalName(name) : mangle(name), kind, scope, slot: scope.slotCount++,
      functionDeclarations: 0, otherAssignments: false, imported: false, nonlocalWrites: false, uncounted: false,
    };
    scope.bindings.set(name, b);
    return b;
  }

  /** The binding a read of `name` refers to from the current scope, or undefined. */
  private lookup(name: string): Binding | null | undefined {
    for (let s: Scope | null = this.scope; s !== null; s = s.parent) {
      const b = s.bindings.get(name);
      if (b !== undefined) return b;
      const n = s.nonlocals.get(name);
      if (n !== undefined) return n; // null: an unresolved nonlocal, already reported
    }
    return builtinBindings.get(name);
  }

  // --- suggestions ---

  /**
   * A "did you mean" for `name` (undefined: none). Searches are memoised per scope and name, and
   * only the first {@link MAX_DIAGNOSTICS} searches run: later diagnostics are not reported
   * anyway (see compile), so many distinct unknown names cost linear time.
   */
  private suggestion(memo: Map<Scope, Map<string, string | undefined>>, name: string, sets: () => CandidateSet[]): string | undefined {
    let known = memo.get(this.scope);
    if (known?.has(name)) return known.get(name);
    if (this.searchesLeft === 0) return undefined;
    this.searchesLeft--;
    const near = suggest(name, sets());
    if (known === undefined) memo.set(this.scope, (known = new Map()));
    known.set(name, near);
    return near;
  }

  /** The names a scope binds and those it declares nonlocal (with a target), built once. */
  private candidatesOf(s: Scope): ScopeCandidates {
    let c = this.candidates.get(s);
    if (c === undefined) {
      const nonlocals: string[] = [];
      for (const [n, b] of s.nonlocals) if (b !== null) nonlocals.push(n);
      c = { bindings: new CandidateSet(s.bindings.keys()), nonlocals: new CandidateSet(nonlocals) };
      this.candidates.set(s, c);
    }
    return c;
  }

  /** Names visible from the current scope, innermost first, then the builtins. */
  private visibleNames(): CandidateSet[] {
    const sets: CandidateSet[] = [];
    for (let s: Scope | null = this.scope; s !== null; s = s.parent) {
      const c = this.candidatesOf(s);
      sets.push(c.bindings, c.nonlocals);
    }
    sets.push(BUILTIN_CANDIDATES);
    return sets;
  }

  // --- definite assignment ---

  /** True when `b` certainly has a value at the current point. */
  private isCertain(b: Binding): boolean {
    if (b.kind === "builtin") return true;
    const da = this.da;
    if (da === null) return true; // unreachable code never runs
    const scope = this.scope;
    if (b.scope === scope) return hasBit(da, b.slot);
    const own = scope.nonlocalSlots.get(b);
    if (own !== undefined && hasBit(da, own)) return true;
    for (let st = scope.outer; st !== null; st = st.parent) {
      if (st.bits === null) return true;
      if (b.scope === st.scope) return hasBit(st.bits, b.slot);
      const slot = st.scope.nonlocalSlots.get(b);
      if (slot !== undefined && hasBit(st.bits, slot)) return true;
    }
    return false;
  }

  /** Records that `id` is assigned here. */
  private assign(id: AST.Identifier): void {
    const scope = this.scope;
    if (scope.used !== null) scope.used.add(id.name);
    const b = scope.bindings.get(id.name);
    if (b !== undefined) {
      setBit(this.da, b.slot);
      this.assignedSeen.add(b);
      return;
    }
    const target = scope.nonlocals.get(id.name);
    if (target) {
      const slot = scope.nonlocalSlots.get(target);
      if (slot !== undefined) setBit(this.da, slot);
    }
  }

  // --- statements ---

  private block(list: readonly AST.Statement[]): void {
    for (const s of list) this.statement(s);
  }

  private statement(s: AST.TopLevel): void {
    switch (s.type) {
      case "ExpressionStatement":
        this.expression(s.expression);
        break;
      case "AssignmentStatement": {
        // As in Python, the value is evaluated before the target's object and index.
        const t = s.target;
        if (t.type === "Identifier") {
          if (isArrow(s.value)) {
            // The function cannot run before it is assigned: inside it, the name is certain.
            this.assign(t);
            this.expression(s.value);
          } else {
            this.expression(s.value);
            this.assign(t);
          }
        } else if (t.type === "IndexExpression") {
          this.expression(s.value);
          this.expression(t.object);
          this.expression(t.index);
        } else {
          this.expression(s.value);
          this.expression(t.object);
        }
        break;
      }
      case "DestructuringStatement": {
        this.expression(s.value);
        const seen = new Set<string>();
        for (const n of s.names) {
          if (seen.has(n.name)) {
            this.bag.error(DiagnosticCodes.DuplicateDestructuringName,
              `duplicate name '${quoted(n.name)}' in destructuring pattern`, n.loc, "use a different name for each value");
          }
          seen.add(n.name);
          this.assign(n);
        }
        break;
      }
      case "FunctionDeclaration":
        this.assign(s.name);
        this.fn(s, s.params, s.body);
        break;
      case "IfStatement":
        this.ifStatement(s);
        break;
      case "WhileStatement":
        this.whileStatement(s);
        break;
      case "ForStatement": {
        this.expression(s.iterable);
        const before = this.da;
        this.da = copyBits(before);
        this.assign(s.variable);
        if (isCountingRange(s.iterable) && this.lookup("range")?.kind !== "builtin") {
          // A user's `range`: the loop's values can be anything.
          const b = this.lookup(s.variable.name);
          if (b) b.uncounted = true;
        }
        this.loops.push({ breaks: null });
        this.block(s.body.body);
        this.loops.pop();
        this.da = before; // the body may not run
        break;
      }
      case "TryStatement":
        this.tryStatement(s);
        break;
      case "ThrowStatement":
        this.expression(s.argument);
        this.da = null;
        break;
      case "ReturnStatement":
        if (this.scope.kind === "module") {
          this.bag.error(DiagnosticCodes.ReturnOutsideFunction, "'return' outside function", s.loc,
            "only a function body may return a value");
        }
        if (s.argument) this.expression(s.argument);
        this.da = null;
        break;
      case "BreakStatement": {
        const loop = this.loops[this.loops.length - 1];
        if (loop === undefined) {
          this.bag.error(DiagnosticCodes.BreakOutsideLoop, "'break' outside loop", s.loc);
        } else if (loop.breaks !== null) {
          loop.breaks.push(copyBits(this.da));
        }
        this.da = null;
        break;
      }
      case "ContinueStatement":
        if (this.loops.length === 0) {
          this.bag.error(DiagnosticCodes.ContinueOutsideLoop, "'continue' outside loop", s.loc);
        }
        this.da = null;
        break;
      case "NonlocalStatement":
        this.nonlocalStatement(s);
        break;
      case "ImportDeclaration": {
        const bound = s.alias ?? s.path[0];
        if (bound) this.assign(bound);
        break;
      }
      case "CapabilityDeclaration":
        this.capability(s);
        break;
    }
  }

  private ifStatement(s: AST.IfStatement): void {
    const base = this.da;
    let out: Bits | null = null;
    let first = true;
    for (const branch of s.branches) {
      this.da = base;
      this.expression(branch.test);
      this.da = copyBits(base);
      this.block(branch.body.body);
      out = first ? this.da : meet(out, this.da);
      first = false;
    }
    if (s.alternate) {
      this.da = copyBits(base);
      this.block(s.alternate.body);
      out = meet(out, this.da);
    } else {
      out = meet(out, copyBits(base));
    }
    this.da = out;
  }

  private whileStatement(s: AST.WhileStatement): void {
    this.expression(s.test);
    const before = this.da;
    const infinite = isTrueLiteral(s.test);
    const loop: LoopContext = { breaks: infinite ? [] : null };
    this.loops.push(loop);
    this.da = copyBits(before);
    this.block(s.body.body);
    this.loops.pop();
    if (infinite) {
      // Only a `break` leaves `while (true)`: after it, what every `break` had assigned.
      let out: Bits | null = null;
      for (const b of loop.breaks!) out = meet(out, b);
      this.da = before === null ? null : out;
    } else {
      this.da = before;
    }
  }

  private tryStatement(s: AST.TryStatement): void {
    const base = this.da;
    this.da = copyBits(base);
    this.block(s.block.body);
    let normal = this.da;
    s.handlers.forEach((h, i) => {
      if (i > 0) {
        this.bag.warning(DiagnosticCodes.UnreachableExcept,
          "unreachable except clause: the first except clause catches every error", h.loc,
          "merge the handlers into the first except clause");
      }
      this.da = copyBits(base);
      if (h.param) this.assign(h.param);
      this.block(h.body.body);
      if (i === 0) normal = meet(normal, this.da);
    });
    if (s.finalizer) {
      this.da = copyBits(base);
      this.block(s.finalizer.body);
      const fin = this.da;
      this.da = normal === null || fin === null ? null : join(normal, fin);
    } else {
      this.da = normal;
    }
  }

  private nonlocalStatement(s: AST.NonlocalStatement): void {
    const scope = this.scope;
    if (scope.kind === "module") {
      this.bag.error(DiagnosticCodes.NonlocalAtModuleLevel, "nonlocal declaration not allowed at module level", s.loc,
        "module-level names are already assigned directly at the top level");
      return;
    }
    for (const n of s.names) {
      const name = n.name;
      const b = scope.bindings.get(name);
      if (b !== undefined && b.kind === "parameter") {
        this.bag.error(DiagnosticCodes.NonlocalParameter, `'${quoted(name)}' is a parameter and cannot be declared nonlocal`, n.loc);
        continue;
      }
      if (scope.used !== null && scope.used.has(name)) {
        this.bag.error(DiagnosticCodes.NonlocalAfterUse, `name '${quoted(name)}' is used prior to nonlocal declaration`, n.loc,
          "move the nonlocal declaration to the top of the function");
      }
      if (scope.nonlocals.get(name) === null) {
        const near = this.suggestion(this.outerSuggestions, name, () => this.outerBindingNames());
        this.bag.error(DiagnosticCodes.NonlocalWithoutBinding, `no binding for nonlocal '${quoted(name)}' found`, n.loc,
          near !== undefined ? `did you mean '${near}'?` : "assign the variable in an enclosing function or at the top level first");
      }
    }
  }

  /** Names bound in the scopes enclosing the current function. */
  private outerBindingNames(): CandidateSet[] {
    const sets: CandidateSet[] = [];
    for (let s = this.scope.parent; s !== null; s = s.parent) sets.push(this.candidatesOf(s).bindings);
    return sets;
  }

  private capability(s: AST.CapabilityDeclaration): void {
    const name = s.name.name;
    if (name !== "") {
      if (this.capabilityNames.has(name)) {
        this.bag.error(DiagnosticCodes.DuplicateCapability, `duplicate capability block '${quoted(name)}'`, s.name.loc,
          "give each capability block its own name, or merge them");
      }
      this.capabilityNames.add(name);
    }
    for (const item of s.items) {
      if (item.type !== "CapabilityAllow" || isValidPermission(item.permission)) continue;
      const near = this.suggestion(this.permissionSuggestions, item.permission, () => [COARSE_CANDIDATES]);
      this.bag.error(DiagnosticCodes.UnknownPermission, `unknown permission '${quoted(item.permission)}'`, item.permissionLoc,
        near !== undefined
          ? `did you mean '${near}'?`
          : "use read, write, execute, network, system or a capability name such as datetime.now");
    }
  }

  // --- functions ---

  private fn(node: FunctionNode, params: readonly AST.Parameter[], body: AST.Block | AST.Expression): void {
    const seen = new Set<string>();
    for (const p of params) {
      if (seen.has(p.name.name)) {
        this.bag.error(DiagnosticCodes.DuplicateParameter, `duplicate parameter '${quoted(p.name.name)}'`, p.name.loc,
          "give each parameter its own name");
      }
      seen.add(p.name.name);
    }
    const outerScope = this.scope;
    const outerDa = this.da;
    const outerLoops = this.loops;
    const statements = body.type === "Block" ? body.body : [];
    const scope = this.createScope("function", node, outerScope, params, statements);
    scope.outer = { scope: outerScope, bits: copyBits(outerDa), parent: outerScope.outer };
    this.scope = scope;
    this.loops = []; // a function body inside a loop is not in the loop
    const da = newBits(scope.slotCount);
    for (const p of scope.params) setBit(da, p.slot);
    this.da = da;
    if (body.type === "Block") this.block(body.body);
    else this.expression(body);
    this.scope = outerScope;
    this.da = outerDa;
    this.loops = outerLoops;
  }

  // --- expressions ---

  private expression(e: AST.Expression): void {
    switch (e.type) {
      case "Identifier":
        this.read(e);
        break;
      case "NumberLiteral":
      case "StringLiteral":
      case "BooleanLiteral":
      case "NullLiteral":
      case "ErrorExpression":
        break;
      case "ArrayLiteral":
        for (const x of e.elements) this.expression(x);
        break;
      case "ObjectLiteral":
        for (const p of e.properties) this.expression(p.value);
        break;
      case "ArrowFunction":
        this.fn(e, e.params, e.body);
        break;
      case "UnaryExpression":
        this.expression(e.argument);
        break;
      case "BinaryExpression":
      case "LogicalExpression": {
        // Operator chains nest to the left (`a + b + c + …`) and can be thousands deep:
        // walk the left spine iteratively, then the right operands innermost first.
        const rights: AST.Expression[] = [];
        let left: AST.Expression = e;
        while (left.type === "BinaryExpression" || left.type === "LogicalExpression") {
          rights.push(left.right);
          left = left.left;
        }
        this.expression(left);
        for (let i = rights.length - 1; i >= 0; i--) this.expression(rights[i]!);
        break;
      }
      case "ConditionalExpression":
        this.expression(e.test);
        this.expression(e.consequent);
        this.expression(e.alternate);
        break;
      case "CallExpression":
        this.expression(e.callee);
        for (const a of e.args) this.expression(a);
        break;
      case "IndexExpression":
        this.expression(e.object);
        this.expression(e.index);
        break;
      case "SliceExpression":
        this.expression(e.object);
        if (e.start) this.expression(e.start);
        if (e.end) this.expression(e.end);
        if (e.step) this.expression(e.step);
        break;
      case "MemberExpression":
        this.expression(e.object);
        break;
      case "ParenthesizedExpression":
        this.expression(e.expression);
        break;
    }
  }

  private read(id: AST.Identifier): void {
    const scope = this.scope;
    if (scope.used !== null) scope.used.add(id.name);
    const b = this.lookup(id.name);
    if (b === undefined) {
      // One error per unknown name: its other uses are listed in the hint (see run).
      const seen = this.unknownNames.get(id.name);
      if (seen !== undefined) {
        if (seen.lines.length < MAX_LISTED_USES && !seen.lines.includes(id.loc.start.line) && seen.diagnostic.loc.start.line !== id.loc.start.line) {
          seen.lines.push(id.loc.start.line);
        }
        seen.more++;
        return;
      }
      // Another language's word (`True`, `this`, `Math`) gets its own hint, never a look-alike;
      // a global function of another language (`floor`) gets one unless a program's name is close.
      const foreign = foreignNameHint(id.name);
      let hint = foreign?.hint;
      if (foreign === undefined || foreign.weak) {
        const near = this.suggestion(this.nameSuggestions, id.name, () => this.visibleNames());
        if (near !== undefined && (foreign === undefined || !isBuiltin(near))) hint = `did you mean '${near}'?`;
      }
      this.bag.error(DiagnosticCodes.UnknownName, `unknown name '${quoted(id.name)}'`, id.loc, hint);
      this.unknownNames.set(id.name, { diagnostic: this.bag.items[this.bag.items.length - 1]!, lines: [], more: 0 });
      return;
    }
    if (b === null) return; // unresolved nonlocal, reported at the declaration
    const uncertain = !this.isCertain(b);
    if (uncertain && b.scope === scope && scope.kind === "function") this.readBeforeAssignment(id, b);
    this.reads.push(id);
    this.readBindings.push(b);
    this.readUncertain.push(uncertain);
  }

  /**
   * ML2012: a local read before anything in its function assigned it, while an enclosing scope
   * (or the builtins) has a variable of that name: the assignment made the name local, and
   * `nonlocal` was probably forgotten (`count = count + 1;`). Warned once per variable.
   */
  private readBeforeAssignment(id: AST.Identifier, b: Binding): void {
    if (this.assignedSeen.has(b) || this.readWarned.has(b)) return;
    this.readWarned.add(b);
    const name = quoted(b.name);
    let outer = false;
    for (let s = this.scope.parent; s !== null && !outer; s = s.parent) outer = s.bindings.has(b.name);
    const hint = outer
      ? `assigning makes '${name}' local to this function; add 'nonlocal ${name};' at its top to assign the outer variable`
      : isBuiltin(b.name) ? `assigning makes '${name}' local to this function, hiding the builtin; give the variable another name` : null;
    if (hint === null) return;
    this.bag.warning(DiagnosticCodes.LocalReadBeforeAssignment, `'${name}' is read before this function assigns it`, id.loc, hint);
    this.unboundNotes.set(b, hint);
  }
}

function markAssignment(b: Binding, a: Assigned): void {
  if (a.counter !== true) b.uncounted = true;
  if (a.fn) b.functionDeclarations++;
  else if (a.imported) b.imported = true;
  else b.otherAssignments = true;
}

/** The binding `nonlocal name` refers to from a function whose enclosing scope is `parent`. */
function findNonlocalTarget(parent: Scope | null, name: string): Binding | null {
  for (let s = parent; s !== null; s = s.parent) {
    const b = s.bindings.get(name);
    if (b !== undefined) return b;
    const n = s.nonlocals.get(name);
    if (n !== undefined) return n;
  }
  return null;
}

function isArrow(e: AST.Expression): boolean {
  while (e.type === "ParenthesizedExpression") e = e.expression;
  return e.type === "ArrowFunction";
}

function isTrueLiteral(e: AST.Expression): boolean {
  while (e.type === "ParenthesizedExpression") e = e.expression;
  return e.type === "BooleanLiteral" && e.value;
}

/** A coarse permission, or a dotted capability name of at least two segments. */
export function isValidPermission(permission: string): boolean {
  if (COARSE_PERMISSIONS.includes(permission)) return true;
  const parts = permission.split(".");
  return parts.length >= 2 && parts.every((p) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(p));
}
