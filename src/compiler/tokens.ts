/**
 * Token kinds produced by the lexer.
 *
 * A token's `kind` is the text of the keyword or punctuator itself (`"if"`, `"//"`, `"=>"`), or
 * one of `Name`, `Number`, `String`, `EOF`. Keywords are lowercase and punctuators are symbols,
 * so the capitalised kinds never clash with them. String kinds keep parser code and test
 * expectations readable, and V8 compares these interned constants by pointer.
 */
import type { Position } from "./ast.js";
import { quoted } from "./diagnostics.js";

/** The reserved words of docs/language/reference.md §1. */
export type Keyword =
  | "function" | "if" | "elif" | "else" | "while" | "for" | "in" | "try" | "except"
  | "finally" | "throw" | "return" | "break" | "continue" | "nonlocal" | "import" | "as"
  | "capability" | "fn" | "true" | "false" | "null";

export type Punctuator =
  | "+" | "-" | "*" | "/" | "//" | "%"
  | "==" | "!=" | "<" | ">" | "<=" | ">="
  | "&&" | "||" | "!" | "?" | ":" | "=" | "." | "," | ";"
  | "(" | ")" | "[" | "]" | "{" | "}" | "=>";

export type TokenKind = "Name" | "Number" | "String" | "EOF" | Keyword | Punctuator;

export interface Token {
  kind: TokenKind;
  /**
   * `Name`: the identifier. `String`: the value after escape processing. `Number`: the literal as
   * written. Keywords and punctuators: their text. `EOF`: the empty string.
   */
  value: string;
  /** The numeric value of a `Number` token (0 for an invalid literal); NaN for other kinds. */
  number: number;
  start: Position;
  /** Exclusive end. */
  end: Position;
  /** True when a line break separates this token from the previous one (or it is the first on its line). */
  newlineBefore: boolean;
}

/** All reserved words, for lookups and for generators in tests. */
export const KEYWORDS: readonly Keyword[] = [
  "function", "if", "elif", "else", "while", "for", "in", "try", "except", "finally", "throw",
  "return", "break", "continue", "nonlocal", "import", "as", "capability", "fn", "true", "false",
  "null",
];

const keywordSet: ReadonlySet<string> = new Set(KEYWORDS);

/** True when `word` is a reserved word (and so cannot be a variable name). */
export function isKeyword(word: string): boolean {
  return keywordSet.has(word);
}

/**
 * The coarse permissions of docs/language/reference.md §9 (`allow read;`). Like `resource` and `allow`, they are
 * keywords only inside a `capability { … }` block, so the lexer returns them as names.
 */
export const COARSE_PERMISSIONS: readonly string[] = ["read", "write", "execute", "network", "system"];

/** True when a token of this kind may be used as a member name after `.` or as an object key. */
export function isWordKind(kind: TokenKind): boolean {
  return kind === "Name" || keywordSet.has(kind);
}

/** A short human description of a token for error messages: `name 'x'`, `'+'`, `end of input`. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case "EOF":
      return "end of input";
    case "Name":
      return `name '${quoted(token.value)}'`;
    case "Number":
      return `number ${quoted(token.value)}`;
    case "String": {
      const v = token.value.length > 20 ? `${token.value.slice(0, 20)}…` : token.value;
      return `string ${JSON.stringify(v)}`;
    }
    default:
      return keywordSet.has(token.kind) ? `keyword '${token.kind}'` : `'${token.kind}'`;
  }
}
