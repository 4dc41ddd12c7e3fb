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
      findings.push({
        code: FindingCodes.UndeclaredCapability, severity: "high", file: first.file, loc: first.loc,
        message: `capability '${capability}' is reachable (${first.via}${more}) but the program does not declare it: its calls will be denied`,
        suggestion: `add \`${allowLine(capability)}\` to a capability block, or remove the code that needs it`,
      });
    }
  }
  const unused = declared === null ? [] : declared.map((g) => g.capability).filter((c) => isKnown(c) && !reachable.has(c));

  const entry = modules[0]!;
  if (declared === null && reachable.size > 0) {
    const caps = [...reachable.keys()];
    findings.push({
      code: FindingCodes.NoManifest, severity: "info", file: entry.file, loc: startOf(entry.program),
      message: `the program declares no capabilities, so it gets whatever the host grants; it can reach ${caps.join(", ")}`,
      suggestion: `declare what it needs: capability ${blockName(entry.file)} { ${caps.map(allowLine).join(" ")} }`,
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
            `restrict it, e.g. 'allow ${permission} "${examplePattern(resourceKindOf(scoped[0]!)!)}";' or a 'resource' line in the block`);
        }
      }
    } else {
      broadPattern(item.target, scoped, add);
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
  for (const pattern of resources) broadPattern(pattern, restrictedByResources, add);
  return out;
}

/** Reports `pattern` when it is broad for any of `capabilities`. */
function broadPattern(
  pattern: AST.StringLiteral, capabilities: readonly string[],
  add: (code: Finding["code"], severity: AuditSeverity, loc: AST.SourceLocation, message: string, suggestion: string) => void,
): void {
  const broadFor = capabilities.filter((c) => isBroadPattern(resourceKindOf(c)!, pattern.value));
  if (broadFor.length === 0) return;
  const kind = resourceKindOf(broadFor[0]!)!;
  add(FindingCodes.BroadPattern, broadFor.map(breadthSeverity).reduce(maxSeverity), pattern.loc,
    `pattern ${pattern.raw} is as good as no restriction: it covers ${describeAll(broadFor)}`,
    `name the files, hosts or variables the program needs, e.g. "${examplePattern(kind)}"`);
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

function allowLine(capability: string): string {
  const kind = resourceKindOf(capability);
  return kind === undefined ? `allow ${capability};` : `allow ${capability} "${examplePattern(kind)}";`;
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
