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
 * 1xxx: lexical and syntax; 2xxx: names and scopes; 3xxx: imports; 4xxx: capability declarations.
 */
export const DiagnosticCodes = {
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
  UnresolvedImport: "ML3001",
  ImportCycle: "ML3002",
  InvalidImportPath: "ML3003",
  UnknownPermission: "ML4001",
  DuplicateCapability: "ML4002",
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

/** Sorts diagnostics by position (stable), the order in which they are reported. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) => a.loc.start.line - b.loc.start.line || a.loc.start.column - b.loc.start.column,
  );
}
