/**
 * Which functions compile to asynchronous JavaScript (docs/architecture.md, "Async planning").
 *
 * ML has no `async`/`await`. Some stdlib functions (HTTP requests) return promises; an ML
 * function that can reach one — directly or through a function value — is compiled `async` and
 * awaits the calls that may produce a promise. Everything else stays plain synchronous code, and
 * a module that imports nothing asynchronous is not touched at all (so pure programs pay nothing).
 *
 * In a module that imports something asynchronous ("async mode"), a call may produce a promise
 * when its callee is:
 * - a member of an asynchronous module (`http.get`), or any member of a user module that is
 *   itself in async mode;
 * - a function declared in this module that is asynchronous (found by a fixpoint over names);
 * - anything not known statically: a parameter, a variable, an object's key, a method of an
 *   unknown value, the `call` builtin.
 * Builtins other than `call`, and members of synchronous modules, never do. A function containing
 * a call that may produce a promise is asynchronous. The module body is asynchronous in async mode,
 * and its `import` statements are awaited.
 */
import type * as AST from "./ast.js";
import type { Binding, Resolution } from "./resolver.js";
import { ReadCursor } from "./resolver.js";
import { unwrap } from "./codegen/expressions.js";

/**
 * Modules whose members may return promises: dotted import path → the names of the
 * asynchronous members, or `"all"` (every member may be asynchronous: a user module in async mode).
 */
export type AsyncImports = ReadonlyMap<string, ReadonlySet<string> | "all">;

/** The stdlib's asynchronous functions (checked against the stdlib metadata by a test). */
export const STDLIB_ASYNC: AsyncImports = new Map([
  ["http", new Set(["get", "post", "put", "patch", "delete", "head", "request"])],
]);

/** The result of the analysis for a module in async mode. */
export interface AsyncPlan {
  /** Function nodes compiled `async`. */
  readonly functions: ReadonlySet<AST.FunctionDeclaration | AST.ArrowFunction>;
  /** Calls whose result is awaited. */
  readonly awaited: ReadonlySet<AST.CallExpression>;
}

type FunctionNode = AST.FunctionDeclaration | AST.ArrowFunction;

/** One function body's calls: those that may be asynchronous, and those that depend on a name. */
interface BodyCalls {
  readonly maybe: AST.CallExpression[];
  readonly byName: Map<string, AST.CallExpression[]>;
}

/**
 * Plans async code for `program`, or returns null when the module imports nothing asynchronous
 * and `asyncValues` is off (then the generated code is exactly the synchronous code).
 */
export function planAsync(program: AST.Program, res: Resolution, asyncImports: AsyncImports, asyncValues = false): AsyncPlan | null {
  // Import bindings (by name) and whether each may reach asynchronous code.
  const importsByName = new Map<string, string[]>();
  // With `asyncValues`, function values may be asynchronous host functions: async mode always.
  let asyncMode = asyncValues;
  for (const node of program.body) {
    if (node.type !== "ImportDeclaration") continue;
    const bound = (node.alias ?? node.path[0]!).name;
    const full = node.path.map((p) => p.name).join(".");
    const list = importsByName.get(bound) ?? [];
    list.push(full);
    importsByName.set(bound, list);
    if (asyncImports.has(full)) asyncMode = true;
  }
  if (!asyncMode) return null;

  const cursor = new ReadCursor(res);
  const bindingOf = (id: AST.Identifier): Binding | undefined => {
    const i = cursor.find(id);
    return i < 0 ? undefined : res.readBindings[i];
  };
  const importOnly = (b: Binding): boolean => b.imported && !b.otherAssignments && b.functionDeclarations === 0;

  /** Whether `o.m(…)` on an import binding may be asynchronous. */
  const memberCallMayBeAsync = (root: AST.Identifier, direct: boolean, member: string): boolean => {
    const paths = importsByName.get(root.name) ?? [];
    for (const p of paths) {
      for (const [dotted, members] of asyncImports) {
        if (dotted !== p && !dotted.startsWith(`${p}.`) && !p.startsWith(`${dotted}.`)) continue;
        // `o.m(…)` directly on the async module itself: only its async members are.
        if (!(direct && dotted === p && members !== "all" && !members.has(member))) return true;
      }
    }
    return false;
  };

  const bodies = new Map<FunctionNode | AST.Program, BodyCalls>();
  const namedFunctions = new Map<string, FunctionNode[]>();
  const pending: (FunctionNode | AST.Program)[] = [program];

  const classify = (call: AST.CallExpression, into: BodyCalls): void => {
    const callee = unwrap(call.callee);
    if (callee.type === "Identifier") {
      const b = bindingOf(callee);
      if (b !== undefined && b.kind === "builtin") {
        if (b.name === "call") into.maybe.push(call);
        return;
      }
      if (b !== undefined && b.functionDeclarations > 0 && !b.otherAssignments && !b.imported) {
        const list = into.byName.get(b.name) ?? [];
        list.push(call);
        into.byName.set(b.name, list);
        return;
      }
      into.maybe.push(call);
      return;
    }
    if (callee.type === "MemberExpression") {
      let root: AST.Expression = unwrap(callee.object);
      const direct = root.type === "Identifier";
      while (root.type === "MemberExpression") root = unwrap(root.object);
      if (root.type === "Identifier") {
        const b = bindingOf(root);
        if (b !== undefined && importOnly(b)) {
          if (memberCallMayBeAsync(root, direct, callee.property.name)) into.maybe.push(call);
          return;
        }
      }
    }
    into.maybe.push(call);
  };

  while (pending.length > 0) {
    const fn = pending.pop()!;
    const calls: BodyCalls = { maybe: [], byName: new Map() };
    bodies.set(fn, calls);
    const visitExpr = (e: AST.Expression | null): void => {
      if (e === null) return;
      switch (e.type) {
        case "CallExpression":
          classify(e, calls);
          visitExpr(e.callee);
          e.args.forEach(visitExpr);
          return;
        case "ArrowFunction":
          pending.push(e);
          return;
        case "ArrayLiteral":
          e.elements.forEach(visitExpr);
          return;
        case "ObjectLiteral":
          for (const p of e.properties) visitExpr(p.value);
          return;
        case "UnaryExpression":
          visitExpr(e.argument);
          return;
        case "BinaryExpression":
        case "LogicalExpression":
          visitExpr(e.left);
          visitExpr(e.right);
          return;
        case "ConditionalExpression":
          visitExpr(e.test);
          visitExpr(e.consequent);
          visitExpr(e.alternate);
          return;
        case "IndexExpression":
          visitExpr(e.object);
          visitExpr(e.index);
          return;
        case "SliceExpression":
          visitExpr(e.object);
          visitExpr(e.start);
          visitExpr(e.end);
          visitExpr(e.step);
          return;
        case "MemberExpression":
          visitExpr(e.object);
          return;
        case "ParenthesizedExpression":
          visitExpr(e.expression);
          return;
        default:
          return;
      }
    };
    const visitBlock = (list: readonly AST.Statement[]): void => list.forEach(visitStmt);
    const visitStmt = (s: AST.Statement | AST.TopLevel): void => {
      switch (s.type) {
        case "ExpressionStatement":
          visitExpr(s.expression);
          return;
        case "AssignmentStatement":
          if (s.target.type === "Identifier" && unwrap(s.value).type === "ArrowFunction") {
            addName(s.target.name, unwrap(s.value) as AST.ArrowFunction);
          }
          if (s.target.type === "IndexExpression") {
            visitExpr(s.target.object);
            visitExpr(s.target.index);
          } else if (s.target.type === "MemberExpression") {
            visitExpr(s.target.object);
          }
          visitExpr(s.value);
          return;
        case "DestructuringStatement":
        case "ThrowStatement":
          visitExpr(s.type === "ThrowStatement" ? s.argument : s.value);
          return;
        case "ReturnStatement":
          visitExpr(s.argument);
          return;
        case "FunctionDeclaration":
          addName(s.name.name, s);
          pending.push(s);
          return;
        case "IfStatement":
          for (const b of s.branches) {
            visitExpr(b.test);
            visitBlock(b.body.body);
          }
          if (s.alternate !== null) visitBlock(s.alternate.body);
          return;
        case "WhileStatement":
          visitExpr(s.test);
          visitBlock(s.body.body);
          return;
        case "ForStatement":
          visitExpr(s.iterable);
          visitBlock(s.body.body);
          return;
        case "TryStatement":
          visitBlock(s.block.body);
          for (const h of s.handlers) visitBlock(h.body.body);
          if (s.finalizer !== null) visitBlock(s.finalizer.body);
          return;
        default:
          return;
      }
    };
    const addName = (name: string, f: FunctionNode): void => {
      const list = namedFunctions.get(name) ?? [];
      list.push(f);
      namedFunctions.set(name, list);
    };
    if (fn.type === "Program") fn.body.forEach(visitStmt);
    else if (fn.body.type === "Block") visitBlock(fn.body.body);
    else visitExpr(fn.body);
  }

  // A function is async when it has a possibly-async call, or calls by name a function that is
  // async. Propagated from each function that becomes async to the callers of its names, each
  // name once: linear in the calls (sweeping every body until nothing changed was quadratic
  // for a long chain of calls).
  const asyncFunctions = new Set<FunctionNode | AST.Program>();
  const awaited = new Set<AST.CallExpression>();
  const callers = new Map<string, [FunctionNode | AST.Program, AST.CallExpression[]][]>();
  for (const [fn, calls] of bodies) {
    for (const [name, list] of calls.byName) {
      const known = callers.get(name);
      if (known === undefined) callers.set(name, [[fn, list]]);
      else known.push([fn, list]);
    }
  }
  const namesOf = new Map<FunctionNode | AST.Program, string[]>();
  for (const [name, fns] of namedFunctions) {
    for (const f of fns) {
      const names = namesOf.get(f);
      if (names === undefined) namesOf.set(f, [name]);
      else names.push(name);
    }
  }
  const work: (FunctionNode | AST.Program)[] = [];
  const becomesAsync = (fn: FunctionNode | AST.Program): void => {
    if (asyncFunctions.has(fn)) return;
    asyncFunctions.add(fn);
    work.push(fn);
  };
  for (const [fn, calls] of bodies) {
    calls.maybe.forEach((c) => awaited.add(c));
    if (calls.maybe.length > 0) becomesAsync(fn);
  }
  const propagated = new Set<string>();
  while (work.length > 0) {
    for (const name of namesOf.get(work.pop()!) ?? []) {
      if (propagated.has(name)) continue;
      propagated.add(name);
      for (const [fn, list] of callers.get(name) ?? []) {
        for (const c of list) awaited.add(c);
        becomesAsync(fn);
      }
    }
  }
  asyncFunctions.delete(program);
  return { functions: asyncFunctions as Set<FunctionNode>, awaited };
}
