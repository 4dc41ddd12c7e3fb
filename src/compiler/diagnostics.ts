/**
 * Compile-time diagnostics: stable codes, severities, positions and code frames.
 * Pure (no Node APIs) so the compiler runs in a browser too.
 */
import type { SourceLocation } from "./ast.js";

export type Severity = "error" | "warning";

/** One problem found by the compiler (or the module loader, for imports). */
export interface Diagnostic {
  /** Stable identifier, e.g. `ML2001`; see {@link DiagnosticCodes}. */
  code: string;
  severity: Severity;
  message: string;
  /** The file name given to the compiler (`<input>` when none). */
  file: string;
  loc: SourceLocation;
  /** A hint for fixing it ("did you mean 'count'?"), when one exists. */
  suggestion?: string;
}

/**
 * Every diagnostic code the compiler emits. Codes never change meaning once released.
 * 0xxx: compiler limits; 1xxx: lexical and syntax; 2xxx: names and scopes; 3xxx: imports;
 * 4xxx: capability declarations.
 */
export const DiagnosticCodes = {
  SourceTooLong: "ML0001",
  TooManyDiagnostics: "ML0002",
  UnexpectedCharacter: "ML1001",
  UnterminatedString: "ML1002",
  UnterminatedComment: "ML1003",
  InvalidNumber: "ML1004",
  InvalidEscape: "ML1005",
  UnexpectedToken: "ML1010",
  FloorDivisionNotComment: "ML1011",
  ImportNotTopLevel: "ML1012",
  CapabilityNotTopLevel: "ML1013",
  InvalidAssignmentTarget: "ML1014",
  UnknownName: "ML2001",
  NonlocalWithoutBinding: "ML2002",
  NonlocalAtModuleLevel: "ML2003",
  ReturnOutsideFunction: "ML2004",
  BreakOutsideLoop: "ML2005",
  ContinueOutsideLoop: "ML2006",
  DuplicateParameter: "ML2007",
  UnreachableExcept: "ML2008",
  NonlocalAfterUse: "ML2009",
  NonlocalParameter: "ML2010",
  DuplicateDestructuringName: "ML2011",
  LocalReadBeforeAssignment: "ML2012",
  UnresolvedImport: "ML3001",
  ImportCycle: "ML3002",
  InvalidImportPath: "ML3003",
  UnknownPermission: "ML4001",
  DuplicateCapability: "ML4002",
  ManifestTooLarge: "ML4003",
} as const;

export type DiagnosticCode = (typeof DiagnosticCodes)[keyof typeof DiagnosticCodes];

/** Collects diagnostics for one file in source order. */
export class DiagnosticBag {
  readonly items: Diagnostic[] = [];
  constructor(readonly file: string) {}

  error(code: DiagnosticCode, message: string, loc: SourceLocation, suggestion?: string): void {
    this.push("error", code, message, loc, suggestion);
  }

  warning(code: DiagnosticCode, message: string, loc: SourceLocation, suggestion?: string): void {
    this.push("warning", code, message, loc, suggestion);
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === "error");
  }

  private push(
    severity: Severity,
    code: DiagnosticCode,
    message: string,
    loc: SourceLocation,
    suggestion: string | undefined,
  ): void {
    const d: Diagnostic = { code, severity, message, file: this.file, loc };
    if (suggestion !== undefined) d.suggestion = suggestion;
    this.items.push(d);
  }
}

/** Longest name or literal quoted whole in a message; longer ones are cut with `…`. */
const MAX_QUOTED = 64;

/** `text` as quoted in a message: cut when long (the diagnostic's span still covers all of it). */
export function quoted(text: string): string {
  return text.length <= MAX_QUOTED ? text : `${text.slice(0, MAX_QUOTED - 16)}…`;
}

/**
 * Diagnostics reported per file: past this many, one ML0002 diagnostic says how many more there
 * are. It also bounds the "did you mean" searches made per file.
 */
export const MAX_DIAGNOSTICS = 100;

/**
 * The first {@link MAX_DIAGNOSTICS} of `sorted` (already in reporting order), followed by an
 * ML0002 diagnostic counting the rest when there are more. The ML0002 diagnostic is an error when
 * any of those left out is one, so truncation never turns a failing compilation into a passing
 * one.
 */
export function limitDiagnostics(sorted: Diagnostic[]): Diagnostic[] {
  if (sorted.length <= MAX_DIAGNOSTICS) return sorted;
  const rest = sorted.slice(MAX_DIAGNOSTICS);
  const first = rest[0]!;
  const errors = rest.some((d) => d.severity === "error");
  const kept = sorted.slice(0, MAX_DIAGNOSTICS);
  kept.push({
    code: DiagnosticCodes.TooManyDiagnostics,
    severity: errors ? "error" : "warning",
    message: `too many ${errors ? "errors" : "warnings"}: ${rest.length} more not reported (at most ${MAX_DIAGNOSTICS} are)`,
    file: first.file,
    loc: first.loc,
    suggestion: "fix the problems reported first and compile again",
  });
  return kept;
}

/** Sorts diagnostics by position (stable), the order in which they are reported. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) => a.loc.start.line - b.loc.start.line || a.loc.start.column - b.loc.start.column,
  );
}
