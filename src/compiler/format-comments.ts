/**
 * Comments for the formatter: found in the source and attached to the tree.
 *
 * The AST has no comments and the compile path never records them. The formatter finds them
 * afterwards in the gaps between tokens: the lexer skips exactly whitespace and comments between
 * two tokens, so in a gap every `//` starts a line comment (a floor-division `//` is a token, never
 * in a gap) and every `/*` a block comment.
 *
 * Attachment (see docs/formatting.md): a comment between the statements of a block (or of the
 * program, or between the items of a capability declaration) belongs to that list and keeps its
 * own line, or stays at the end of the statement's line when it started there. A comment inside
 * a statement is attached to the nearest node: a line comment trails the node before it (and is
 * printed at the end of that node's line); a block comment stays inline, after the node it
 * directly follows or else before the node after it.
 */
import type * as AST from "./ast.js";
import type { Token } from "./tokens.js";

/** A comment found in the source. */
export interface Comment {
  /** True for `/* … *\/`, false for `// …`. */
  block: boolean;
  /** The comment as written; a line comment without trailing whitespace. */
  text: string;
  start: number;
  end: number;
  /** 1-based lines of its first and last character. */
  line: number;
  endLine: number;
  /** Only whitespace before it on its line. */
  ownLine: boolean;
  /** Only whitespace after it on its line. */
  endOfLine: boolean;
}

/** Finds the comments of `source` in the gaps between `tokens` (which end with EOF). */
export function findComments(source: string, tokens: readonly Token[]): Comment[] {
  const lineStarts = lineStartsOf(source);
  const comments: Comment[] = [];
  let from = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (const t of tokens) {
    scanGap(source, from, t.start.offset, lineStarts, comments);
    from = t.end.offset;
  }
  return comments;
}

function scanGap(source: string, from: number, to: number, lineStarts: number[], out: Comment[]): void {
  let i = from;
  while (i < to) {
    const c = source.charCodeAt(i);
    if (c === 47 /* / */ && source.charCodeAt(i + 1) === 47) {
      let end = i + 2;
      while (end < to && source.charCodeAt(end) !== 10 && source.charCodeAt(end) !== 13) end++;
      out.push(makeComment(source, i, end, false, lineStarts));
      i = end;
    } else if (c === 47 && source.charCodeAt(i + 1) === 42 /* * */) {
      const close = source.indexOf("*/", i + 2);
      const end = close === -1 || close + 2 > to ? to : close + 2;
      out.push(makeComment(source, i, end, true, lineStarts));
      i = end;
    } else {
      i++;
    }
  }
}

function makeComment(source: string, start: number, end: number, block: boolean, lineStarts: number[]): Comment {
  let text = source.slice(start, end);
  if (!block) text = text.replace(/[ \t]+$/, "");
  let before = start - 1;
  while (before >= 0 && isBlank(source.charCodeAt(before))) before--;
  let after = end;
  while (after < source.length && isBlank(source.charCodeAt(after))) after++;
  return {
    block,
    text,
    start,
    end,
    line: lineOf(lineStarts, start),
    endLine: lineOf(lineStarts, end),
    ownLine: before < 0 || isBreak(source.charCodeAt(before)) || (before === 0 && source.charCodeAt(0) === 0xfeff),
    endOfLine: after >= source.length || isBreak(source.charCodeAt(after)),
  };
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}
function isBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** Offsets at which each line starts (`\n`, `\r\n` and `\r` end lines, as in the lexer). */
export function lineStartsOf(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 13 && source.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

/** The 1-based line of `offset`. */
export function lineOf(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Any node the formatter prints and may attach comments to. */
export type FormatNode = AST.Node | AST.Identifier;

/** A statement list whose comments keep their own lines. */
export type ListContainer = AST.Program | AST.Block | AST.CapabilityDeclaration;

/** Where each comment goes. */
export interface Attachment {
  /** Comments between the items of a list container, in source order. */
  list: Map<ListContainer, Comment[]>;
  leading: Map<FormatNode, Comment[]>;
  trailing: Map<FormatNode, Comment[]>;
  /** Comments inside an empty array or object literal, or the parentheses of a call without arguments. */
  inside: Map<AST.ArrayLiteral | AST.ObjectLiteral | AST.CallExpression, Comment[]>;
}

/** The child nodes of `node` in source order, as the formatter prints them. */
export function childrenOf(node: FormatNode): FormatNode[] {
  switch (node.type) {
    case "Program": return node.body;
    case "ImportDeclaration": return node.alias === null ? node.path : [...node.path, node.alias];
    case "CapabilityDeclaration": return [node.name, ...node.items];
    // A capability item is one unit: a comment inside it goes before or after the whole item.
    case "CapabilityResource":
    case "CapabilityAllow": return [];
    case "ExpressionStatement": return [node.expression];
    case "AssignmentStatement": return [node.target, node.value];
    case "DestructuringStatement": return [...node.names, node.value];
    case "FunctionDeclaration": return [node.name, ...node.params, node.body];
    case "Parameter": return node.annotation === null ? [node.name] : [node.name, node.annotation];
    case "Block": return node.body;
    case "IfStatement": {
      const out: FormatNode[] = [];
      for (const b of node.branches) out.push(b.test, b.body);
      if (node.alternate !== null) out.push(node.alternate);
      return out;
    }
    case "WhileStatement": return [node.test, node.body];
    case "ForStatement": return [node.variable, node.iterable, node.body];
    case "TryStatement": {
      const out: FormatNode[] = [node.block, ...node.handlers];
      if (node.finalizer !== null) out.push(node.finalizer);
      return out;
    }
    case "ExceptClause": return node.param === null ? [node.body] : [node.param, node.body];
    case "ThrowStatement": return [node.argument];
    case "ReturnStatement": return node.argument === null ? [] : [node.argument];
    case "NonlocalStatement": return node.names;
    case "ArrayLiteral": return node.elements;
    case "ObjectLiteral": return node.properties;
    case "ObjectProperty": return [node.value];
    case "ArrowFunction": return [...node.params, node.body];
    case "UnaryExpression": return [node.argument];
    case "BinaryExpression":
    case "LogicalExpression": return [node.left, node.right];
    case "ConditionalExpression": return [node.test, node.consequent, node.alternate];
    case "CallExpression": return [node.callee, ...node.args];
    case "IndexExpression": return [node.object, node.index];
    case "SliceExpression": {
      const out: FormatNode[] = [node.object];
      for (const part of [node.start, node.end, node.step]) if (part !== null) out.push(part);
      return out;
    }
    case "MemberExpression": return [node.object, node.property];
    case "ParenthesizedExpression": return [node.expression];
    default: return [];
  }
}

function isListContainer(node: FormatNode): node is ListContainer {
  return node.type === "Program" || node.type === "Block" || node.type === "CapabilityDeclaration";
}

function add<K>(map: Map<K, Comment[]>, key: K, c: Comment): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [c]);
  else list.push(c);
}

/** Decides where every comment goes (each comment lands in exactly one list). */
export function attachComments(program: AST.Program, source: string, comments: readonly Comment[]): Attachment {
  const result: Attachment = { list: new Map(), leading: new Map(), trailing: new Map(), inside: new Map() };
  comments.forEach((c, index) => {
    // The innermost node whose span contains the comment.
    let enclosing: FormatNode = program;
    let children = childrenOf(program);
    for (;;) {
      const i = lastStartingBefore(children, c.start);
      const inner = i >= 0 && c.end <= children[i]!.loc.end.offset ? children[i] : undefined;
      if (inner === undefined) break;
      enclosing = inner;
      children = childrenOf(inner);
    }
    // Children are in source order and do not overlap the comment (it is in none of them).
    const i = lastStartingBefore(children, c.start);
    const preceding: FormatNode | undefined = i >= 0 ? children[i] : undefined;
    const following: FormatNode | undefined = children[i + 1];
    if (isListContainer(enclosing)) {
      // In a capability declaration only the comments after its name are between items.
      if (enclosing.type !== "CapabilityDeclaration" || preceding !== undefined) {
        add(result.list, enclosing, c);
        return;
      }
    }
    // A block comment right after a node (`1 /* one */ + 2`) stays with it.
    const hugsPreceding = preceding !== undefined && c.block && onlyComments(source, comments, index, preceding.loc.end.offset);
    // After the `.` of `o.\n// note\nname` or the `[` of `a[\n// note\ni]`: a comment trailing
    // `o` or `a` would have no line break to end at, so it leads what follows.
    const afterDot = following !== undefined && (enclosing.type === "MemberExpression" ||
      ((enclosing.type === "IndexExpression" || enclosing.type === "SliceExpression") && preceding === enclosing.object));
    const inEmptyCall = enclosing.type === "CallExpression" && enclosing.args.length === 0 && !hugsPreceding &&
      !onlyComments(source, comments, index, enclosing.callee.loc.end.offset);
    if (inEmptyCall) add(result.inside, enclosing as AST.CallExpression, c);
    else if (preceding !== undefined && (!c.block || following === undefined || hugsPreceding) && !afterDot) add(result.trailing, preceding, c);
    else if (following !== undefined) add(result.leading, following, c);
    else if (enclosing.type === "ArrayLiteral" || enclosing.type === "ObjectLiteral") add(result.inside, enclosing, c);
    else if (c.block) add(result.leading, enclosing, c);
    else add(result.trailing, enclosing, c);
  });
  return result;
}

/** True when only whitespace and earlier comments lie between `from` and comment `index`. */
function onlyComments(source: string, comments: readonly Comment[], index: number, from: number): boolean {
  let to = comments[index]!.start;
  for (let i = index - 1; i >= 0 && comments[i]!.end > from; i--) {
    const c = comments[i]!;
    if (source.slice(c.end, to).trim() !== "") return false;
    to = c.start;
  }
  return source.slice(from, to).trim() === "";
}

/** Index of the last of `nodes` (in source order) starting at or before `offset`, or -1. */
function lastStartingBefore(nodes: readonly FormatNode[], offset: number): number {
  let lo = 0;
  let hi = nodes.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (nodes[mid]!.loc.start.offset <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
