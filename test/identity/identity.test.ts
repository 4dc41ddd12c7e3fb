/**
 * One module, one instance (HOST.md §2): each case runs a real Node process against the built
 * package, installed into a scratch `node_modules` — once for the host and, for the two-copies
 * case, a second time inside a dependency's own `node_modules`.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
// Inside the repository, so the copies find their dependencies in the repository's node_modules.
const scratch = join(repo, "test", "identity", ".scratch");

function install(into: string): void {
  mkdirSync(into, { recursive: true });
  cpSync(join(repo, "package.json"), join(into, "package.json"));
  cpSync(join(repo, "dist"), join(into, "dist"), { recursive: true });
}

/** Runs an ES module script in the scratch project and returns what it printed, parsed as JSON. */
function node(script: string, file = "main.mjs"): unknown {
  writeFileSync(join(scratch, file), script);
  const out = execFileSync(process.execPath, [join(scratch, file)], { cwd: scratch, encoding: "utf8", timeout: 20_000, stdio: ["ignore", "pipe", "pipe"] });
  return JSON.parse(out);
}

beforeAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  install(join(scratch, "node_modules", "mljs-lang"));
  // A dependency that bundles its own copy of mljs.
  const dep = join(scratch, "node_modules", "rules-engine");
  install(join(dep, "node_modules", "mljs-lang"));
  writeFileSync(join(dep, "package.json"), JSON.stringify({ name: "rules-engine", type: "module", main: "index.js" }));
  writeFileSync(
    join(dep, "index.js"),
    `import * as mljs from "mljs-lang";
export { mljs };
export async function stamp(y) {
  const p = await mljs.load({ source: "import datetime; function stamp(y) { return datetime.create(y, 1, 2); }" });
  return p.exports.stamp(y);
}
export async function roll() {
  const { stdout } = await mljs.run({ source: "import math; print(hasCapability('random.generate'), math.random() < 1);" });
  return stdout.trim();
}
`,
  );
}, 60_000);

describe("one module, one instance", () => {
  it("host imports the stdlib module first, then ML imports it", () => {
    const r = node(`
const ns = await import("mljs-lang/stdlib/datetime");
const { registry, load } = await import("mljs-lang");
const p = await load({ source: "import datetime; function f() { return datetime.create(2024, 3, 15, 14, 30, 45); }" });
const v = p.exports.f();
console.log(JSON.stringify({ same: registry.get("datetime") === ns, inst: v instanceof ns.DateTime, json: JSON.stringify({ at: v }) }));
`);
    expect(r).toEqual({ same: true, inst: true, json: '{"at":"2024-03-15T14:30:45"}' });
  });

  it("ML imports the stdlib module first, then the host imports it", () => {
    const r = node(`
const { registry, load } = await import("mljs-lang");
const p = await load({ source: "import datetime; function f() { return datetime.create(2024, 1, 2); }" });
const v = p.exports.f();
const ns = await import("mljs-lang/stdlib/datetime");
console.log(JSON.stringify({ same: registry.get("datetime") === ns, inst: v instanceof ns.DateTime }));
`);
    expect(r).toEqual({ same: true, inst: true });
  });

  it("require('mljs-lang') and import('mljs-lang') give the same registry, classes and capability API", () => {
    const r = node(`
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const viaRequire = require("mljs-lang");
const viaImport = await import("mljs-lang");
const dtRequire = require("mljs-lang/stdlib/datetime");
const dtImport = await import("mljs-lang/stdlib/datetime");
console.log(JSON.stringify({
  registry: viaRequire.registry === viaImport.registry,
  context: viaRequire.CapabilityContext === viaImport.CapabilityContext,
  module: dtRequire === dtImport,
  cls: dtRequire.DateTime === dtImport.DateTime,
}));
`);
    expect(r).toEqual({ registry: true, context: true, module: true, cls: true });
  });

  it("two installed copies share one capability store and agree on instanceof", () => {
    const r = node(`
import * as host from "mljs-lang";
import { DateTime } from "mljs-lang/stdlib/datetime";
import { mljs as other, stamp, roll } from "rules-engine";
const { DateTime: OtherDateTime } = await import("rules-engine/node_modules/mljs-lang/dist/stdlib/datetime.js");
const fromOther = await stamp(2030);
const hostValue = (await (await host.load({ source: "import datetime; function f() { return datetime.create(2020, 5, 6); }" })).exports.f());
console.log(JSON.stringify({
  twoCopies: other.registry !== host.registry && OtherDateTime !== DateTime,
  otherValueIsHostClass: fromOther instanceof DateTime,
  hostValueIsOtherClass: hostValue instanceof OtherDateTime,
  denied: await roll().catch((e) => e.mlType),
  grantedThroughHostCopy: await host.withCapabilities(["random.generate"], () => roll()),
  grantedThroughOtherCopy: await other.withCapabilities([host.capability("random.generate")], () => roll()),
  tokenCrossesCopies: host.capability("datetime.now") instanceof other.CapabilityToken,
}));
`);
    expect(r).toEqual({
      twoCopies: true,
      otherValueIsHostClass: true,
      hostValueIsOtherClass: true,
      denied: "CapabilityError",
      grantedThroughHostCopy: "true true",
      grantedThroughOtherCopy: "true true",
      tokenCrossesCopies: true,
    });
  });

  it("objects that only look like instances or tokens are refused", () => {
    const r = node(`
const { DateTime } = await import("mljs-lang/stdlib/datetime");
const { CapabilityToken, withCapabilities, MLError } = await import("mljs-lang");
const key = Symbol.for("mljs.runtime/1");
const fake = { [key]: true, year: () => 2024 };
const protoFake = Object.create(DateTime.prototype);
let forgedToken;
try { withCapabilities([{ name: "file.read", resources: [] }], () => 1); forgedToken = "accepted"; } catch (e) { forgedToken = e.constructor.name; }
console.log(JSON.stringify({
  symbolCarrier: fake instanceof DateTime,
  prototypeOnly: protoFake instanceof DateTime,
  shapedToken: ({ name: "file.read" }) instanceof CapabilityToken,
  forgedToken,
  errorShape: ({ mlType: "ValueError" }) instanceof MLError,
}));
`);
    expect(r).toEqual({ symbolCarrier: false, prototypeOnly: false, shapedToken: false, forgedToken: "TypeError", errorShape: false });
  });

  it("an incompatible copy already in the process fails loudly", () => {
    let message = "";
    try {
      node(`
Object.defineProperty(globalThis, Symbol.for("mljs.runtime/1"), { value: { abi: 99, version: "9.0.0" } });
await import("mljs-lang");
console.log(JSON.stringify("loaded"));
`);
    } catch (e) {
      message = String((e as { stderr?: string }).stderr);
    }
    expect(message).toMatch(/cannot share this process with mljs 9\.0\.0 \(ABI 99\)/);
  });
});
