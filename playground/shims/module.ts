/**
 * `node:module` for the playground's worker and page: `createRequire` over a fixed table of what
 * the bundled code requires lazily — the source-map libraries (compiler/codegen/writer.ts,
 * host/sourcemap.ts) and the stdlib modules (stdlib/registry.ts `get`). Everything is bundled,
 * so a "require" is a look-up; anything else throws.
 */
import * as genMapping from "@jridgewell/gen-mapping";
import * as traceMapping from "@jridgewell/trace-mapping";
import { STDLIB_TABLE } from "./stdlib-table.js";

const PACKAGES: Readonly<Record<string, unknown>> = {
  "@jridgewell/gen-mapping": genMapping,
  "@jridgewell/trace-mapping": traceMapping,
};

export function createRequire(_from: string | URL): (id: string) => unknown {
  return (id: string) => {
    const pkg = PACKAGES[id];
    if (pkg !== undefined) return pkg;
    const stdlib = /^\.\/([a-z]+)\.js$/.exec(id);
    const ns = stdlib === null ? undefined : STDLIB_TABLE[stdlib[1]!];
    if (ns !== undefined) return ns;
    throw new Error(`'${id}' is not available in the browser playground`);
  };
}

export default { createRequire };
