/**
 * The ML abstract syntax tree.
 *
 * Every node carries its source span (`loc`). Lines and columns are 1-based and columns count
 * UTF-16 code units, so a span can be shown in a code frame and mapped to a source map (which
 * uses 0-based columns) without re-reading the source. `end` is exclusive: it is the position
 * just after the node's last character.
 *
 * The tree is produced by the parser, annotated by the resolver (scope information is kept in
 * side tables keyed by node, never written into nodes) and consumed by the code generator and
 * the printer.
 */

/** A position in the source: 1-based line and column. `offset` is the 0-based UTF-16 index. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** A source span: `start` inclusive, `end` exclusive. */
export interface SourceLocation {
  start: Position;
  end: Position;
}

interface NodeBase {
  loc: SourceLocation;
}

/** An identifier as written in the source, with its own span. */
export interface Identifier extends NodeBase {
  type: "Identifier";
  name: string;
}

// ---------------------------------------------------------------------------------------------
// Program and top-level declarations
// ---------------------------------------------------------------------------------------------

export interface Program extends NodeBase {
  type: "Program";
  body: TopLevel[];
}

export type TopLevel = Statement | ImportDeclaration | CapabilityDeclaration;

/** `import a.b.c;` or `import a.b as m;` (top level only). */
export interface ImportDeclaration extends NodeBase {
  type: "ImportDeclaration";
  /** The dotted path, at least one segment. */
  path: Identifier[];
  /** `as NAME`, or null. */
  alias: Identifier | null;
}

/** `capability NAME { resource "…"; allow read; allow write "out/**"; allow datetime.now; }` */
export interface CapabilityDeclaration extends NodeBase {
  type: "CapabilityDeclaration";
  name: Identifier;
  items: CapabilityItem[];
}

export type CapabilityItem = CapabilityResource | CapabilityAllow;

export interface CapabilityResource extends NodeBase {
  type: "CapabilityResource";
  pattern: StringLiteral;
}

export interface CapabilityAllow extends NodeBase {
  type: "CapabilityAllow";
  /**
   * The permission as written: a coarse keyword (`read`, `write`, `execute`, `network`,
   * `system`) or a dotted capability name (`datetime.now`, `network.http`).
   */
  permission: string;
  /** Span of the permission words. */
  permissionLoc: SourceLocation;
  /** Optional target pattern restricting this grant. */
  target: StringLiteral | null;
}

// ---------------------------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------------------------

export type Statement =
  | ExpressionStatement
  | AssignmentStatement
  | DestructuringStatement
  | FunctionDeclaration
  | IfStatement
  | WhileStatement
  | ForStatement
  | TryStatement
  | ThrowStatement
  | ReturnStatement
  | BreakStatement
  | ContinueStatement
  | NonlocalStatement;

export interface ExpressionStatement extends NodeBase {
  type: "ExpressionStatement";
  expression: Expression;
}

/** `target = value;` where target is a name, `postfix[expr]` or `postfix.name`. */
export interface AssignmentStatement extends NodeBase {
  type: "AssignmentStatement";
  target: Identifier | IndexExpression | MemberExpression;
  value: Expression;
}

/** `[a, b] = e;` (kind "array") or `{a, b} = e;` (kind "object"). */
export interface DestructuringStatement extends NodeBase {
  type: "DestructuringStatement";
  kind: "array" | "object";
  names: Identifier[];
  value: Expression;
}

export interface Parameter extends NodeBase {
  type: "Parameter";
  name: Identifier;
  /** `x: number` — accepted and ignored by every later phase. */
  annotation: Identifier | null;
}

export interface FunctionDeclaration extends NodeBase {
  type: "FunctionDeclaration";
  name: Identifier;
  params: Parameter[];
  body: Block;
}

export interface Block extends NodeBase {
  type: "Block";
  body: Statement[];
}

export interface IfStatement extends NodeBase {
  type: "IfStatement";
  /** The `if` branch followed by each `elif` branch, in order. */
  branches: { test: Expression; body: Block; loc: SourceLocation }[];
  alternate: Block | null;
}

export interface WhileStatement extends NodeBase {
  type: "WhileStatement";
  test: Expression;
  body: Block;
}

export interface ForStatement extends NodeBase {
  type: "ForStatement";
  variable: Identifier;
  iterable: Expression;
  body: Block;
}

export interface ExceptClause extends NodeBase {
  type: "ExceptClause";
  /** `except (e)` binds `e`; a bare `except` binds nothing. */
  param: Identifier | null;
  body: Block;
}

export interface TryStatement extends NodeBase {
  type: "TryStatement";
  block: Block;
  handlers: ExceptClause[];
  finalizer: Block | null;
}

export interface ThrowStatement extends NodeBase {
  type: "ThrowStatement";
  argument: Expression;
}

export interface ReturnStatement extends NodeBase {
  type: "ReturnStatement";
  argument: Expression | null;
}

export interface BreakStatement extends NodeBase {
  type: "BreakStatement";
}

export interface ContinueStatement extends NodeBase {
  type: "ContinueStatement";
}

export interface NonlocalStatement extends NodeBase {
  type: "NonlocalStatement";
  names: Identifier[];
}

// ---------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------

export type Expression =
  | NumberLiteral
  | StringLiteral
  | BooleanLiteral
  | NullLiteral
  | Identifier
  | ArrayLiteral
  | ObjectLiteral
  | ArrowFunction
  | UnaryExpression
  | BinaryExpression
  | LogicalExpression
  | ConditionalExpression
  | CallExpression
  | IndexExpression
  | SliceExpression
  | MemberExpression
  | ParenthesizedExpression
  | ErrorExpression;

export interface NumberLiteral extends NodeBase {
  type: "NumberLiteral";
  value: number;
  /** The literal as written (`0xff`, `2.5e-3`). */
  raw: string;
}

export interface StringLiteral extends NodeBase {
  type: "StringLiteral";
  /** The value after escape processing (docs/language/reference.md §1). */
  value: string;
  /** The literal as written, quotes included. */
  raw: string;
}

export interface BooleanLiteral extends NodeBase {
  type: "BooleanLiteral";
  value: boolean;
}

export interface NullLiteral extends NodeBase {
  type: "NullLiteral";
}

export interface ArrayLiteral extends NodeBase {
  type: "ArrayLiteral";
  elements: Expression[];
}

export interface ObjectProperty extends NodeBase {
  type: "ObjectProperty";
  /** The key as a string (a NAME key and a STRING key are the same thing). */
  key: string;
  keyLoc: SourceLocation;
  /** True when the key was written as a string literal (kept for faithful printing). */
  quoted: boolean;
  value: Expression;
}

export interface ObjectLiteral extends NodeBase {
  type: "ObjectLiteral";
  properties: ObjectProperty[];
}

/** `fn(a, b) => expr` or `fn(a) => { statements }`. */
export interface ArrowFunction extends NodeBase {
  type: "ArrowFunction";
  params: Parameter[];
  body: Expression | Block;
}

export type UnaryOperator = "!" | "-";

export interface UnaryExpression extends NodeBase {
  type: "UnaryExpression";
  operator: UnaryOperator;
  argument: Expression;
}

export type BinaryOperator =
  | "+" | "-" | "*" | "/" | "//" | "%"
  | "==" | "!=" | "<" | ">" | "<=" | ">=";

export interface BinaryExpression extends NodeBase {
  type: "BinaryExpression";
  operator: BinaryOperator;
  left: Expression;
  right: Expression;
  /** Span of the operator token (error positions point here). */
  operatorLoc: SourceLocation;
}

export interface LogicalExpression extends NodeBase {
  type: "LogicalExpression";
  operator: "&&" | "||";
  left: Expression;
  right: Expression;
}

export interface ConditionalExpression extends NodeBase {
  type: "ConditionalExpression";
  test: Expression;
  consequent: Expression;
  alternate: Expression;
}

export interface CallExpression extends NodeBase {
  type: "CallExpression";
  callee: Expression;
  args: Expression[];
}

/** `object[index]` */
export interface IndexExpression extends NodeBase {
  type: "IndexExpression";
  object: Expression;
  index: Expression;
}

/** `object[start:end:step]`, each part optional. */
export interface SliceExpression extends NodeBase {
  type: "SliceExpression";
  object: Expression;
  start: Expression | null;
  end: Expression | null;
  step: Expression | null;
}

/** `object.name` — `name` may be a reserved word (`o.if`). */
export interface MemberExpression extends NodeBase {
  type: "MemberExpression";
  object: Expression;
  property: Identifier;
}

/** `( expr )` — kept so that printing and error spans follow the source exactly. */
export interface ParenthesizedExpression extends NodeBase {
  type: "ParenthesizedExpression";
  expression: Expression;
}

/** Placeholder produced by error recovery; never reaches the code generator. */
export interface ErrorExpression extends NodeBase {
  type: "ErrorExpression";
}

export type Node =
  | Program
  | TopLevel
  | Block
  | Parameter
  | ExceptClause
  | CapabilityItem
  | Expression
  | ObjectProperty;
