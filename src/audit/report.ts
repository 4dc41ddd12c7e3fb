/**
 * How audit results are shown: readable text grouped per audited file, with code frames, or one
 * JSON document of a stable shape (documented on {@link AuditJSON} and in docs/audit.md).
 */
import type { SourceLocation } from "../compiler/ast.js";
import { formatCodeFrame } from "../compiler/codeframe.js";
import type { CapabilityGrant } from "../compiler/manifest.js";
import { paint } from "../cli/terminal.js";
import { SEVERITIES, type AuditSeverity, type Finding } from "./findings.js";
import type { AuditResult } from "./index.js";

/** Number of findings per severity. */
export type SeverityCounts = Record<AuditSeverity, number>;

/** A position in the JSON document: 1-based line and column (UTF-16 code units). */
export interface JSONPosition {
  file: string;
  line: number;
  column: number;
}

/**
 * The JSON document `mljs audit --json` prints. The shape is stable: fields may be added, never
 * renamed or removed (`version` changes if that ever has to happen).
 *
 * ```json
 * { "version": 1,
 *   "files": [{ "file": "main.ml", "ok": true, "modules": ["main.ml"], "diagnostics": [],
 *               "manifest": { "declared": true, "blocks": [{ "name": "Files", "line": 1, "column": 1,
 *                             "grants": [{ "capability": "file.read", "patterns": ["**"] }] }],
 *                             "capabilities": [{ "capability": "file.read", "patterns": ["**"] }] },
 *               "declared": [{ "capability": "file.read", "patterns": ["**"] }],
 *               "reachable": [{ "capability": "file.read",
 *                               "sites": [{ "file": "main.ml", "line": 3, "column": 7, "via": "file.read()" }] }],
 *               "undeclared": [], "unused": [],
 *               "findings": [{ "code": "AUD003", "severity": "medium", "message": "…", "file": "main.ml",
 *                              "line": 1, "column": 36, "endLine": 1, "endColumn": 40, "suggestion": "…" }],
 *               "summary": { "high": 0, "medium": 1, "low": 0, "info": 0 } }],
 *   "summary": { "files": 1, "failed": 0, "high": 0, "medium": 1, "low": 0, "info": 0 } }
 * ```
 *
 * `ok: false` marks a file with compile errors: `diagnostics` lists them and the analysis fields
 * are empty. `declared` is null when no module of the program declares capabilities.
 */
export interface AuditJSON {
  version: 1;
  files: AuditFileJSON[];
  /** Totals over every file; `failed` counts files with compile errors. */
  summary: SeverityCounts & { files: number; failed: number };
}

/** One audited file in {@link AuditJSON}. */
export interface AuditFileJSON {
  file: string;
  ok: boolean;
  modules: string[];
  diagnostics: (JSONPosition & { severity: string; code: string; message: string; suggestion?: string })[];
  manifest: {
    declared: boolean;
    blocks: { name: string; line: number; column: number; grants: CapabilityGrant[] }[];
    capabilities: CapabilityGrant[];
  };
  declared: CapabilityGrant[] | null;
  /** `resources`: patterns covering what a use names (null: computed, unknown); absent for unscoped capabilities. */
  reachable: { capability: string; sites: (JSONPosition & { via: string; resources?: string[] | null })[] }[];
  undeclared: string[];
  unused: string[];
  findings: (JSONPosition & { code: string; severity: AuditSeverity; message: string; endLine: number; endColumn: number; suggestion: string })[];
  summary: SeverityCounts;
}

/** Counts findings per severity. */
export function countSeverities(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { high: 0, medium: 0, low: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** The JSON document for a list of results. */
export function auditToJSON(results: readonly AuditResult[]): AuditJSON {
  const files = results.map(fileToJSON);
  const summary = { files: results.length, failed: results.filter((r) => !r.ok).length, high: 0, medium: 0, low: 0, info: 0 };
  for (const f of files) for (const s of SEVERITIES) summary[s] += f.summary[s];
  return { version: 1, files, summary };
}

function fileToJSON(r: AuditResult): AuditFileJSON {
  const at = (file: string, loc: SourceLocation): JSONPosition => ({ file, line: loc.start.line, column: loc.start.column });
  return {
    file: r.file,
    ok: r.ok,
    modules: [...r.modules],
    diagnostics: r.diagnostics.map((d) => ({
      ...at(d.file, d.loc), severity: d.severity, code: d.code, message: d.message,
      ...(d.suggestion !== undefined ? { suggestion: d.suggestion } : {}),
    })),
    manifest: {
      declared: r.manifest.declared,
      blocks: r.manifest.blocks.map((b) => ({ name: b.name, line: b.loc.start.line, column: b.loc.start.column, grants: b.grants.map(copyGrant) })),
      capabilities: r.manifest.capabilities.map(copyGrant),
    },
    declared: r.declared === null ? null : r.declared.map(copyGrant),
    reachable: r.reachable.map((c) => ({ capability: c.capability, sites: c.sites.map((s) => ({
      ...at(s.file, s.loc), via: s.via, ...(s.resources === undefined ? {} : { resources: s.resources === null ? null : [...s.resources] }),
    })) })),
    undeclared: [...r.undeclared],
    unused: [...r.unused],
    findings: r.findings.map((f) => ({
      code: f.code, severity: f.severity, message: f.message, ...at(f.file, f.loc),
      endLine: f.loc.end.line, endColumn: f.loc.end.column, suggestion: f.suggestion,
    })),
    summary: countSeverities(r.findings),
  };
}

function copyGrant(g: CapabilityGrant): CapabilityGrant {
  return { capability: g.capability, patterns: [...g.patterns] };
}

/** Sites listed per capability in text output before "and N more". */
const SITES_SHOWN = 3;

const TINT: Record<AuditSeverity, (s: string, on: boolean) => string> = {
  high: paint.red,
  medium: paint.yellow,
  low: (s) => s,
  info: paint.dim,
};

/**
 * Readable text for the results that were analysed (`ok`): per file, what is declared, what is
 * reachable and where, then each finding with a code frame, then counts.
 */
export function renderAuditText(results: readonly AuditResult[], color: boolean): string {
  const parts: string[] = [];
  const total: SeverityCounts = { high: 0, medium: 0, low: 0, info: 0 };
  const analysed = results.filter((r) => r.ok);
  for (const r of analysed) {
    parts.push(renderFile(r, color));
    const counts = countSeverities(r.findings);
    for (const s of SEVERITIES) total[s] += counts[s];
  }
  if (analysed.length > 1) parts.push(`${paint.bold("total", color)}: ${analysed.length} files, ${describeCounts(total, color)}\n`);
  return parts.join("\n");
}

function renderFile(r: AuditResult, color: boolean): string {
  const lines: string[] = [];
  const imports = r.modules.slice(1);
  lines.push(paint.bold(`== ${r.file}${imports.length > 0 ? ` (imports ${imports.join(", ")})` : ""}`, color));
  lines.push(`declared:   ${r.declared === null ? "nothing (no capability block: the host's grant alone decides)" : r.declared.length === 0 ? "nothing usable" : r.declared.map(showGrant).join(", ")}`);
  if (r.reachable.length === 0) {
    lines.push("reachable:  nothing (the code needs no capability)");
  } else {
    lines.push("reachable:");
    const width = Math.max(...r.reachable.map((c) => c.capability.length));
    for (const c of r.reachable) {
      c.sites.slice(0, SITES_SHOWN).forEach((s, i) => {
        const name = i === 0 ? c.capability.padEnd(width) : " ".repeat(width);
        const names = s.resources === undefined ? "" : s.resources === null ? "  (computed)" : `  ${s.resources.map((p) => JSON.stringify(p)).join(", ")}`;
        lines.push(`  ${name}  ${s.file}:${s.loc.start.line}:${s.loc.start.column}  ${s.via}${names}`);
      });
      if (c.sites.length > SITES_SHOWN) lines.push(`  ${" ".repeat(width)}  … and ${c.sites.length - SITES_SHOWN} more`);
    }
  }
  if (r.undeclared.length > 0) lines.push(`undeclared: ${r.undeclared.join(", ")}`);
  if (r.unused.length > 0) lines.push(`unused:     ${r.unused.join(", ")}`);
  lines.push("");
  for (const f of r.findings) lines.push(renderFinding(f, r.sources.get(f.file), color), "");
  lines.push(`${r.file}: ${r.findings.length === 0 ? "no findings" : describeCounts(countSeverities(r.findings), color)}`);
  return lines.join("\n") + "\n";
}

function renderFinding(f: Finding, source: string | undefined, color: boolean): string {
  const out = [
    `${paint.bold(TINT[f.severity](`${f.severity}[${f.code}]`, color), color)}${paint.bold(`: ${f.message}`, color)}`,
    `  --> ${f.file}:${f.loc.start.line}:${f.loc.start.column}`,
  ];
  if (source !== undefined) out.push(formatCodeFrame(source, f.loc, { color, contextLines: 0 }));
  out.push(`  = help: ${f.suggestion}`);
  return out.join("\n");
}

function showGrant(g: CapabilityGrant): string {
  return g.patterns.length === 0 ? `${g.capability} (unrestricted)` : `${g.capability} [${g.patterns.map((p) => JSON.stringify(p)).join(", ")}]`;
}

function describeCounts(counts: SeverityCounts, color: boolean): string {
  return SEVERITIES.map((s) => {
    const text = `${counts[s]} ${s}`;
    return counts[s] > 0 ? TINT[s](text, color) : text;
  }).join(", ");
}
