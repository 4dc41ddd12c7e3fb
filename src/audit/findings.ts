/**
 * Audit findings: stable codes, severities, and the record every finding is reported as.
 * Codes never change meaning once released; docs/audit.md lists them with examples.
 */
import type { SourceLocation } from "../compiler/ast.js";

/** How much a finding matters. `high` findings make `mljs audit` exit with 1. */
export type AuditSeverity = "high" | "medium" | "low" | "info";

/** Severities from most to least serious. */
export const SEVERITIES: readonly AuditSeverity[] = Object.freeze(["high", "medium", "low", "info"]);

/** Every finding code with its short kind name. */
export const FindingCodes = {
  /** A reachable capability the program's manifest does not declare: calls will be denied. */
  UndeclaredCapability: "AUD001",
  /** A declared capability no reachable code uses. */
  UnusedCapability: "AUD002",
  /** A pattern that covers the whole file system, every host or every variable. */
  BroadPattern: "AUD003",
  /** A resource-scoped capability declared without any pattern. */
  UnrestrictedGrant: "AUD004",
  /** `allow execute`: grants nothing, execution is always denied. */
  ExecutePermission: "AUD005",
  /** `allow system` without a pattern: every environment variable and the arguments. */
  SystemWholesale: "AUD006",
  /** `getattr(module, name)` with a computed name: what it reaches cannot be known. */
  DynamicAccess: "AUD007",
  /** `input()`: reads a line from the host's input source. */
  InputUse: "AUD008",
  /** A stdlib module passed around as a value: every capability of it is assumed reachable. */
  ModuleEscapes: "AUD009",
  /** The program declares no capabilities although it reaches some. */
  NoManifest: "AUD010",
  /** A declared capability name nothing requires. */
  UnknownCapability: "AUD011",
  /** A coarse permission (`read`, `write`…) of which only some capabilities are reachable. */
  CoarsePermission: "AUD012",
} as const;

/** One of {@link FindingCodes}. */
export type FindingCode = (typeof FindingCodes)[keyof typeof FindingCodes];

/** One audit finding. */
export interface Finding {
  code: FindingCode;
  severity: AuditSeverity;
  message: string;
  /** Display name of the file the finding points into (an imported module's, possibly). */
  file: string;
  loc: SourceLocation;
  /** What to do about it. */
  suggestion: string;
}

/** Sorts findings by severity, then file and position (stable). */
export function sortFindings(list: readonly Finding[]): Finding[] {
  return [...list].sort(
    (a, b) =>
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.loc.start.line - b.loc.start.line ||
      a.loc.start.column - b.loc.start.column ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

/** Drops findings with the same code, position and message as an earlier one. */
export function dedupeFindings(list: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return list.filter((f) => {
    const key = `${f.code}\0${f.file}\0${f.loc.start.offset}\0${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The more serious of two severities. */
export function maxSeverity(a: AuditSeverity, b: AuditSeverity): AuditSeverity {
  return SEVERITIES.indexOf(a) <= SEVERITIES.indexOf(b) ? a : b;
}
