/**
 * The capability manifest (docs/language/reference.md §9): what a program's `capability` declarations say it
 * intends to use. A declaration never grants anything by itself; the host intersects the
 * manifest with what it grants.
 */
import type * as AST from "./ast.js";
import { isValidPermission } from "./resolver.js";

/** One capability with the patterns restricting it (`[]` = unrestricted). */
export interface CapabilityGrant {
  capability: string;
  patterns: string[];
}

/** One `capability Name { … }` block. */
export interface ManifestBlock {
  name: string;
  loc: AST.SourceLocation;
  /**
   * The block's grants, one per stdlib capability. `allow execute;` is recorded with
   * `capability: "execute"`: it names no stdlib capability and so grants nothing.
   */
  grants: CapabilityGrant[];
}

/** The manifest of one module. */
export interface Manifest {
  /** True when the module has at least one capability declaration. */
  declared: boolean;
  blocks: ManifestBlock[];
  /**
   * The union over all blocks, one entry per capability in order of first appearance;
   * `patterns: []` when any grant of it is unrestricted. `execute` is not listed (it grants nothing).
   */
  capabilities: CapabilityGrant[];
}

/** Coarse permission → the stdlib capabilities it stands for. */
const COARSE: ReadonlyMap<string, readonly string[]> = new Map([
  ["read", ["file.read", "path.read"]],
  ["write", ["file.write", "file.append", "file.delete", "path.write"]],
  ["network", ["network.http"]],
  ["system", ["env.read", "args.read"]],
  ["execute", ["execute"]],
]);

/** The capability that never grants anything (recorded in blocks, left out of the union). */
const EXECUTE = "execute";

/**
 * The stdlib capabilities a permission of an `allow` line stands for: the coarse mapping, or the
 * dotted name itself; `[]` for an invalid permission (reported by the resolver as ML4001).
 */
export function expandPermission(permission: string): readonly string[] {
  const coarse = COARSE.get(permission);
  if (coarse !== undefined) return coarse;
  return isValidPermission(permission) ? [permission] : [];
}

/**
 * Most entries a module's manifest may hold: each grant counts its patterns (1 when it has
 * none). Every `allow` line takes all of its block's `resource` patterns, so declarations could
 * otherwise make a manifest quadratic in their length; past this the manifest is cut and the
 * compiler reports ML4003.
 */
export const MAX_MANIFEST_ENTRIES = 10_000;

/** Builds the manifest from the program's capability declarations (cut as {@link manifestOf} says). */
export function buildManifest(program: AST.Program): Manifest {
  return manifestOf(program).manifest;
}

/**
 * The manifest of the program's capability declarations, and the `allow` line at which it was
 * cut for holding more than {@link MAX_MANIFEST_ENTRIES} entries (null when it was not).
 */
export function manifestOf(program: AST.Program): { manifest: Manifest; cutAt: AST.SourceLocation | null } {
  const blocks: ManifestBlock[] = [];
  let entries = 0;
  let cutAt: AST.SourceLocation | null = null;
  for (const node of program.body) {
    if (node.type !== "CapabilityDeclaration" || cutAt !== null) continue;
    // `resource` lines restrict every grant of the block that has no target of its own.
    const resources = new Set<string>();
    for (const item of node.items) if (item.type === "CapabilityResource") resources.add(item.pattern.value);
    const grants: CapabilityGrant[] = [];
    for (const item of node.items) {
      if (item.type !== "CapabilityAllow") continue;
      const capabilities = expandPermission(item.permission);
      // An unknown permission grants nothing (ML4001): its line must not cost the block's patterns.
      if (capabilities.length === 0) continue;
      const patterns = item.target !== null ? [item.target.value] : [...resources];
      entries += capabilities.length * Math.max(1, patterns.length);
      if (entries > MAX_MANIFEST_ENTRIES) {
        cutAt = item.loc;
        break;
      }
      for (const capability of capabilities) grants.push({ capability, patterns: [...patterns] });
    }
    blocks.push({ name: node.name.name, loc: node.loc, grants });
  }
  const manifest = { declared: blocks.length > 0, blocks, capabilities: unionOfGrants(blocks.flatMap((b) => b.grants)) };
  return { manifest, cutAt };
}

/**
 * One grant per capability: the patterns of its grants merged, an unrestricted grant (no
 * patterns) absorbing the others; `execute` (no capability of its own) left out.
 */
export function unionOfGrants(grants: Iterable<CapabilityGrant>): CapabilityGrant[] {
  // Capability → its patterns so far (null: unrestricted), in order of first appearance.
  const byName = new Map<string, Set<string> | null>();
  for (const grant of grants) {
    if (grant.capability === EXECUTE) continue;
    const existing = byName.get(grant.capability);
    if (existing === undefined) {
      byName.set(grant.capability, grant.patterns.length === 0 ? null : new Set(grant.patterns));
    } else if (existing !== null) {
      if (grant.patterns.length === 0) byName.set(grant.capability, null);
      else for (const p of grant.patterns) existing.add(p);
    }
  }
  return [...byName].map(([capability, patterns]) => ({ capability, patterns: patterns === null ? [] : [...patterns] }));
}

/**
 * A program's declared authority (docs/language/reference.md §9): the union of its modules' declarations, or
 * null when no module declares anything (the host's grant alone then decides).
 */
export function unionOfManifests(manifests: readonly Manifest[]): CapabilityGrant[] | null {
  const declaring = manifests.filter((m) => m.declared);
  return declaring.length === 0 ? null : unionOfGrants(declaring.flatMap((m) => m.capabilities));
}
