/**
 * Findings about a program's capability declarations (docs/language/reference.md §9): what they declare
 * compared with what the code can reach, and declarations that grant too much or nothing.
 *
 * The program's declared authority is the union of the declarations of all its modules (what
 * the host intersects its grants with); when no module declares anything the program gets what
 * the host grants, and the audit says so.
 */
import type * as AST from "../compiler/ast.js";
import { expandPermission, unionOfManifests, type CapabilityGrant } from "../compiler/manifest.js";
import { CAPABILITY_NAMES, LEGACY_CAPABILITY_NAMES, resourceKindOf, type ResourceKind } from "../capabilities/names.js";
import { FindingCodes, maxSeverity, type AuditSeverity, type Finding } from "./findings.js";
import type { AuditModule } from "./program.js";
import type { CapabilitySite } from "./reachability.js";

/** The comparison of declarations with reachable capabilities. */
export interface DeclarationReport {
  /** The program's declared capabilities (union over modules), or null when none declares any. */
  declared: CapabilityGrant[] | null;
  /** Reachable but not declared (empty when nothing is declared). */
  undeclared: string[];
  /** Declared but not reachable. */
  unused: string[];
  findings: Finding[];
}

/** Capabilities that change state or send data out: granting them broadly is the serious case. */
const MUTATING: ReadonlySet<string> = new Set(["file.write", "file.append", "file.delete", "path.write", "env.write", "network.http"]);

const LEGACY: ReadonlySet<string> = new Set(LEGACY_CAPABILITY_NAMES);

/** How serious an over-broad grant of `capability` is. */
function breadthSeverity(capability: string): AuditSeverity {
  return MUTATING.has(capability) ? "high" : "medium";
}

/**
 * Checks the declarations of every module of a program against what it can reach.
 * @param known every capability name something requires (stdlib and registered extensions)
 */
export function checkDeclarations(
  modules: readonly AuditModule[], reachable: ReadonlyMap<string, CapabilitySite[]>, known: ReadonlySet<string>,
): DeclarationReport {
  const findings: Finding[] = [];
  const declared = unionOfDeclarations(modules);
  const isKnown = (c: string): boolean => known.has(c) || (CAPABILITY_NAMES as readonly string[]).includes(c);

  for (const m of modules) {
    for (const node of m.program.body) {
      if (node.type === "CapabilityDeclaration") findings.push(...checkBlock(m.file, node, reachable, isKnown));
    }
  }

  const undeclared: string[] = [];
  if (declared !== null) {
    const names = new Set(declared.map((g) => g.capability));
    for (const [capability, sites] of reachable) {
      if (names.has(capability)) continue;
      undeclared.push(capability);
      const first = sites[0]!;
      const more = sites.length > 1 ? ` and ${sites.length - 1} more place${sites.length === 2 ? "" : "s"}` : "";
      const allow = suggestedAllows(capability, sites);
      findings.push({
        code: FindingCodes.UndeclaredCapability, severity: "high", file: first.file, loc: first.loc,
        message: `capability '${capability}' is reachable (${first.via}${more}) but the program does not declare it: its calls will be denied`,
        suggestion: `add \`${allow.lines.join(" ")}\` to a capability block, or remove the code that needs it${noteText([allow])}`,
      });
    }
  }
  const unused = declared === null ? [] : declared.map((g) => g.capability).filter((c) => isKnown(c) && !reachable.has(c));

  const entry = modules[0]!;
  if (declared === null && reachable.size > 0) {
    const caps = [...reachable.keys()];
    const allows = [...reachable].map(([capability, sites]) => suggestedAllows(capability, sites));
    findings.push({
      code: FindingCodes.NoManifest, severity: "info", file: entry.file, loc: startOf(entry.program),
      message: `the program declares no capabilities, so it gets whatever the host grants; it can reach ${caps.join(", ")}`,
      suggestion: `declare what it needs: capability ${blockName(entry.file)} { ${allows.flatMap((a) => a.lines).join(" ")} }${noteText(allows)}`,
    });
  }
  return { declared, undeclared, unused, findings };
}

/** The union of every module's declarations, as the host computes it; null when none declares. */
function unionOfDeclarations(modules: readonly AuditModule[]): CapabilityGrant[] | null {
  return unionOfManifests(modules.map((m) => m.manifest));
}

function checkBlock(
  file: string, node: AST.CapabilityDeclaration, reachable: ReadonlyMap<string, CapabilitySite[]>, isKnown: (c: string) => boolean,
): Finding[] {
  const out: Finding[] = [];
  const add = (code: Finding["code"], severity: AuditSeverity, loc: AST.SourceLocation, message: string, suggestion: string): void => {
    out.push({ code, severity, file, loc, message, suggestion });
  };
  const resources = node.items.filter((i): i is AST.CapabilityResource => i.type === "CapabilityResource").map((i) => i.pattern);
  // Scoped capabilities that the block's `resource` lines restrict (grants without their own target).
  const restrictedByResources: string[] = [];

  for (const item of node.items) {
    if (item.type !== "CapabilityAllow") continue;
    const permission = item.permission;
    if (permission === "execute") {
      add(FindingCodes.ExecutePermission, "low", item.loc, "'allow execute' grants nothing: executing programs is always denied",
        "remove the line; ML programs cannot start processes");
      continue;
    }
    const caps = expandPermission(permission);
    if (caps.length === 0) continue; // an invalid permission is a compile error (ML4001)
    const unknown = caps.filter((c) => !isKnown(c));
    for (const c of unknown) {
      add(FindingCodes.UnknownCapability, LEGACY.has(c) ? "info" : "low", item.permissionLoc,
        LEGACY.has(c) ? `'${c}' is a legacy capability name that nothing requires` : `no function requires a capability named '${c}': this line grants nothing`,
        "remove the line, or check the spelling against the capabilities listed by help() and docs/capabilities.md");
    }
    const scoped = caps.filter((c) => resourceKindOf(c) !== undefined);
    if (item.target === null) {
      restrictedByResources.push(...scoped);
      if (scoped.length > 0 && resources.length === 0) {
        if (permission === "system") {
          add(FindingCodes.SystemWholesale, "medium", item.loc,
            "'allow system' without a pattern reads every environment variable (env.read) and the program's arguments (args.read)",
            "name what is needed: 'allow env.read \"APP_*\";' and, if used, 'allow args.read;'");
        } else {
          const severity = scoped.map(breadthSeverity).reduce(maxSeverity);
          add(FindingCodes.UnrestrictedGrant, severity, item.loc,
            `'allow ${permission}' has no pattern: it covers ${describeAll(scoped)}`,
            `restrict it, e.g. 'allow ${permission} "${exampleFor(scoped, reachable)}";' or a 'resource' line in the block`);
        }
      }
    } else {
      broadPattern(item.target, scoped, reachable, add);
    }
    const known = caps.filter(isKnown);
    const used = known.filter((c) => reachable.has(c));
    if (known.length > 0 && used.length === 0) {
      add(FindingCodes.UnusedCapability, "low", item.loc,
        `'allow ${permission}' is declared but no reachable code uses ${known.length === 1 ? known[0] : `any of ${known.join(", ")}`}`,
        "remove the line: a program should declare only what it uses");
    } else if (used.length < known.length && caps.length > 1) {
      add(FindingCodes.CoarsePermission, "info", item.permissionLoc,
        `'allow ${permission}' grants ${known.join(", ")} but only ${used.join(", ")} ${used.length === 1 ? "is" : "are"} reachable`,
        `declare just what is used: ${used.map((c) => `'allow ${c}${item.target === null ? "" : ` ${item.target.raw}`};'`).join(" ")}`);
    }
  }
  for (const pattern of resources) broadPattern(pattern, restrictedByResources, reachable, add);
  return out;
}

/** Reports `pattern` when it is broad for any of `capabilities`. */
function broadPattern(
  pattern: AST.StringLiteral, capabilities: readonly string[], reachable: ReadonlyMap<string, CapabilitySite[]>,
  add: (code: Finding["code"], severity: AuditSeverity, loc: AST.SourceLocation, message: string, suggestion: string) => void,
): void {
  const broadFor = capabilities.filter((c) => isBroadPattern(resourceKindOf(c)!, pattern.value));
  if (broadFor.length === 0) return;
  add(FindingCodes.BroadPattern, broadFor.map(breadthSeverity).reduce(maxSeverity), pattern.loc,
    `pattern ${pattern.raw} is as good as no restriction: it covers ${describeAll(broadFor)}`,
    `name the files, hosts or variables the program needs, e.g. "${exampleFor(broadFor, reachable)}"`);
}

/** A pattern the program's own calls name for one of `capabilities`, else a generic example. */
function exampleFor(capabilities: readonly string[], reachable: ReadonlyMap<string, CapabilitySite[]>): string {
  for (const c of capabilities) {
    for (const site of reachable.get(c) ?? []) {
      const first = site.resources?.[0];
      if (first !== undefined) return first;
    }
  }
  return examplePattern(resourceKindOf(capabilities[0]!)!);
}

/**
 * Whether `pattern` covers everything of its kind: `*`, `**`, a pattern starting with `**`,
 * for paths the root (`/`, `/**`, `C:\**`), for URLs any host (`https://*`, `*.com`).
 */
export function isBroadPattern(kind: ResourceKind, pattern: string): boolean {
  const p = pattern.trim();
  if (p === "*" || p.startsWith("**")) return true;
  switch (kind) {
    case "path": {
      const rest = p.replace(/^[A-Za-z]:/, "");
      if (!/^[\\/]/.test(rest)) return false;
      return rest.split(/[\\/]/).every((segment) => segment === "" || /^[*?]+$/.test(segment));
    }
    case "url": {
      const host = p.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, "").split("/")[0]!.replace(/:[^:]*$/, "");
      if (host === "" || /^[*.?]+$/.test(host)) return true;
      // `*.com`: every host under a top-level domain.
      return host.startsWith("*.") && !host.slice(2).includes(".");
    }
    case "env":
      return /^[*?]+$/.test(p);
  }
}

function describeAll(capabilities: readonly string[]): string {
  const kinds = new Set(capabilities.map((c) => resourceKindOf(c)));
  const what = [...kinds].map((k) => (k === "path" ? "every file" : k === "url" ? "every host" : "every environment variable")).join(" and ");
  return `${what} (${capabilities.join(", ")})`;
}

function examplePattern(kind: ResourceKind): string {
  return kind === "path" ? "data/**/*.csv" : kind === "url" ? "api.example.com" : "APP_*";
}

/** The `allow` lines a program needs for `capability`, used at `sites`, and what the audit could not know. */
interface SuggestedAllows {
  lines: string[];
  /** Sites whose resource is computed: the pattern suggested for them is a guess to narrow. */
  unknown: CapabilitySite[];
  capability: string;
}

/**
 * `allow` lines that let the program use `capability` where it does: one per file, host or
 * variable pattern its calls name (`allow file.write "out/report.csv";`). A use whose resource
 * cannot be known statically gets the pattern covering everything of its kind relative to the
 * program (`"**"` for paths — the program's directory tree — `"*"` otherwise): broad, so the
 * suggestion says where to narrow it.
 */
export function suggestedAllows(capability: string, sites: readonly CapabilitySite[]): SuggestedAllows {
  const kind = resourceKindOf(capability);
  if (kind === undefined) return { lines: [`allow ${capability};`], unknown: [], capability };
  const patterns = new Set<string>();
  const unknown: CapabilitySite[] = [];
  for (const site of sites) {
    if (site.resources === undefined || site.resources === null) unknown.push(site);
    else for (const p of site.resources) patterns.add(p);
  }
  const all = unknown.length > 0 ? [kind === "path" ? "**" : "*"] : [...patterns].sort();
  return { lines: all.map((p) => `allow ${capability} ${JSON.stringify(p)};`), unknown, capability };
}

/** ` (the path at main.ml:3:7 is computed: narrow "**" to what it can be)`, or "". */
function noteText(allows: readonly SuggestedAllows[]): string {
  const notes = allows.filter((a) => a.unknown.length > 0).map((a) => {
    const at = a.unknown.slice(0, 3).map((s) => `${s.file}:${s.loc.start.line}:${s.loc.start.column}`).join(", ");
    const what = resourceKindOf(a.capability) === "path" ? "path" : resourceKindOf(a.capability) === "url" ? "URL" : "variable name";
    return `the ${what} ${a.capability} uses at ${at}${a.unknown.length > 3 ? "…" : ""} is computed: narrow its pattern to what it can be`;
  });
  return notes.length === 0 ? "" : ` (${notes.join("; ")})`;
}

/** A capability-block name derived from the file name (`report-job.ml` → `ReportJob`). */
function blockName(file: string): string {
  const base = file.replace(/^.*[\\/]/, "").replace(/\.ml$/, "");
  const words = base.split(/[^A-Za-z0-9]+/).filter((w) => w !== "");
  const name = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
  return /^[A-Za-z]/.test(name) ? name : "Program";
}

/** Where a program-wide finding points: the first statement (usually an import), else 1:1. */
function startOf(program: AST.Program): AST.SourceLocation {
  const first = program.body[0];
  if (first !== undefined) return first.loc;
  const start = { line: 1, column: 1, offset: 0 };
  return { start, end: start };
}
