/**
 * `node:module` for the playground page, which bundles the compiler only: `createRequire` over
 * the source-map library the code generator loads lazily (compiler/codegen/writer.ts).
 */
import * as genMapping from "@jridgewell/gen-mapping";

export function createRequire(_from: string | URL): (id: string) => unknown {
  return (id: string) => {
    if (id === "@jridgewell/gen-mapping") return genMapping;
    throw new Error(`'${id}' is not available in the browser playground`);
  };
}

export default { createRequire };
