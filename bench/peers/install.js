// Installs the peers of `npm run bench:peers` into bench/peers/node_modules (idempotent: does
// nothing when both load). isolated-vm is a native addon built by node-gyp, which needs a C++
// toolchain and Python: when they are missing and apt-get is usable (root on Debian/Ubuntu), they
// are installed first; when isolated-vm still cannot be built, the benchmark runs without it and
// says why. Run on its own: `node bench/peers/install.js`.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const requirePeer = createRequire(new URL("./package.json", import.meta.url));

function has(cmd) {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
}

/** Whether isolated-vm loads in a child node with --no-node-snapshot (its native part built). */
function ivmLoads() {
  const r = spawnSync(process.execPath, ["--no-node-snapshot", "-e", `require(${JSON.stringify(requirePeer.resolve("isolated-vm"))})`], {
    encoding: "utf8",
  });
  return r.status === 0 ? null : (r.stderr.trim().split("\n").find((l) => /Error/.test(l)) ?? `exit ${r.status}`);
}

function resolves(name) {
  try {
    requirePeer.resolve(name);
    return true;
  } catch {
    return false;
  }
}

function toolchain() {
  const missing = ["g++", "make", "python3"].filter((c) => !has(c));
  if (missing.length === 0) return null;
  if (process.getuid?.() === 0 && has("apt-get")) {
    console.log(`bench:peers: installing ${missing.join(", ")} for node-gyp (apt-get)…`);
    const pkgs = missing.map((c) => (c === "python3" ? "python3" : c));
    spawnSync("apt-get", ["update"], { stdio: "inherit" });
    spawnSync("apt-get", ["install", "-y", ...pkgs], { stdio: "inherit" });
  }
  const still = ["g++", "make", "python3"].filter((c) => !has(c));
  return still.length === 0 ? null : `no ${still.join(", ")} to build its native addon`;
}

/** { isolatedVm: boolean, why?: string }; throws when quickjs-emscripten cannot be installed. */
export function ensurePeers() {
  let ivmError = resolves("isolated-vm") ? ivmLoads() : "not installed";
  if (!resolves("quickjs-emscripten") || ivmError !== null) {
    const noToolchain = ivmError === null ? null : toolchain();
    console.log("bench:peers: installing the peers into bench/peers (first run; isolated-vm compiles for a minute or two)…");
    const r = spawnSync("npm", ["--prefix", here, "install", "--no-audit", "--no-fund"], { stdio: "inherit" });
    if (!resolves("quickjs-emscripten")) throw new Error(`bench:peers: npm install in bench/peers failed (exit ${r.status})`);
    ivmError = resolves("isolated-vm") ? ivmLoads() : "npm could not install it";
    if (ivmError !== null && noToolchain !== null) ivmError = noToolchain;
  }
  return ivmError === null ? { isolatedVm: true } : { isolatedVm: false, why: `isolated-vm: ${ivmError}` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(ensurePeers());
