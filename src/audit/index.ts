/**
 * `mljs audit`: what an ML program's capability declarations say compared with what its code
 * can reach, over-broad declarations, and risky constructs (docs/audit.md, docs/language/reference.md §9).
 *
 * ```ts
 * import { auditFile } from "mljs-lang";
 * const result = await auditFile("rules/report.ml");
 * for (const f of result.findings) console.log(f.severity, f.code, f.message);
 * ```
 *
 * Static: nothing is compiled to JavaScript or run. The analysis and its rules are described in
 * `reachability.ts` and in docs/audit.md.
 */
import { readSource } from "../host/resolve.js";
import type { Diagnostic } from "../compiler/diagnostics.js";
import type { CapabilityGrant, Manifest } from "../compiler/manifest.js";
import { loadCatalog } from "./catalog.js";
import { checkDeclarations } from "./declarations.js";
import { dedupeFindings, sortFindings, type Finding } from "./findings.js";
import { readProgram, type AuditInput } from "./program.js";
import { analyzeReachability, type CapabilitySite } from "./reachability.js";

export { FindingCodes, SEVERITIES, type AuditSeverity, type Finding, type FindingCode } from "./findings.js";
export type { AuditInput } from "./program.js";
export type { CapabilitySite } from "./reachability.js";

/** Options of {@link auditSource} and {@link auditFile}. */
export interface AuditOptions {
  /** Extra directories imported `.ml` modules are looked for in, as `load`'s `importPaths`. */
  importPaths?: readonly string[];
}

/** One reachable capability and the places that use it. */
export interface ReachableCapability {
  capability: string;
  sites: CapabilitySite[];
}

/** The audit of one program (an entry file and the user modules it imports). */
export interface AuditResult {
  /** The audited file's name as given (`<input>` for inline source without a name). */
  file: string;
  /** False when a module has compile errors: then only `diagnostics` and `manifest` are filled in. */
  ok: boolean;
  /** Compile errors and warnings of every module (only when `ok` is false). */
  diagnostics: Diagnostic[];
  /** Display names of the program's modules, the audited file first. */
  modules: string[];
  /** The audited file's own declarations (`compile(source).manifest`). */
  manifest: Manifest;
  /**
   * What the whole program declares (the union over its modules, which the host intersects its
   * grants with); null when no module declares anything.
   */
  declared: CapabilityGrant[] | null;
  /** Capabilities reachable code can use, sorted by name. */
  reachable: ReachableCapability[];
  /** Reachable but not declared (only when something is declared). */
  undeclared: string[];
  /** Declared but not reachable. */
  unused: string[];
  /** Every finding, most serious first. */
  findings: Finding[];
  /** Display name → source text of every module read, for code frames. */
  sources: ReadonlyMap<string, string>;
}

/** Audits inline source (imports resolve next to `filename`, when given, and in the import paths). */
export async function auditSource(input: AuditInput, options: AuditOptions = {}): Promise<AuditResult> {
  const catalog = await loadCatalog();
  const linked = readProgram(input, options.importPaths ?? [], (name) => catalog.isModule(name), catalog.moduleNames());
  const entry = linked.modules[0]!;
  const base = { file: entry.file, modules: linked.modules.map((m) => m.file), manifest: entry.manifest, sources: linked.sources };
  if (linked.diagnostics.some((d) => d.severity === "error")) {
    return { ...base, ok: false, diagnostics: [...linked.diagnostics], declared: null, reachable: [], undeclared: [], unused: [], findings: [] };
  }
  const reach = analyzeReachability(linked, catalog);
  const decl = checkDeclarations(linked.modules, reach.capabilities, catalog.knownCapabilities());
  return {
    ...base,
    ok: true,
    diagnostics: [],
    declared: decl.declared,
    reachable: [...reach.capabilities].map(([capability, sites]) => ({ capability, sites })),
    undeclared: decl.undeclared,
    unused: decl.unused,
    findings: sortFindings(dedupeFindings([...decl.findings, ...reach.findings])),
  };
}

/**
 * Audits the program whose entry is the file at `path`.
 * @throws Error `cannot read ML file '…'` when the file cannot be read
 */
export async function auditFile(path: string, options: AuditOptions = {}): Promise<AuditResult> {
  return auditSource({ source: readSource(path), filename: path }, options);
}
