// Builds the VS Code extension (run from anywhere):
//   node editors/vscode/build.js            type-checks src/ and bundles it into dist/extension.js
//   node editors/vscode/build.js --package  also bundles the mljs CLI (the language server) into
//                                           server/ and writes mljs-<version>.vsix here
//   node editors/vscode/build.js --package --out DIR
//                                           builds the package in a scratch directory of its own
//                                           and writes the .vsix into DIR, leaving this directory
//                                           alone (two builds at once do not meet; the tests use it)
// `npm run vscode:package` runs `npm run build` first: the server is built from the root's dist/.
"use strict";
const { spawnSync } = require("node:child_process");
const { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { dirname, join, relative, resolve } = require("node:path");

const here = __dirname;
const root = join(here, "..", "..");
const manifest = JSON.parse(readFileSync(join(here, "package.json"), "utf8"));

/** Files of dist/ and of the server's packages that the .vsix leaves out (maps, TypeScript sources and declarations, V8 caches). */
const LEAVE_OUT = /\.map$|\.[cm]?ts$|\.tsbuildinfo$|\.cache$/;

/** A build error (main prints it and exits with 1). */
function fail(message) {
  throw new Error(message);
}

/** Type-checks the extension with its own tsconfig (the root's tsc, no output); throws on errors. */
function typecheck() {
  const typescript = dirname(require.resolve("typescript/package.json", { paths: [root] }));
  const tsc = join(typescript, JSON.parse(readFileSync(join(typescript, "package.json"), "utf8")).bin.tsc);
  const r = spawnSync(process.execPath, [tsc, "-p", join(here, "tsconfig.json")], { encoding: "utf8" });
  if (r.status !== 0) fail(`type errors in editors/vscode/src:\n${r.stdout}${r.stderr}`);
}

/** The directory of the package `name` as Node finds it from `from` (node_modules upwards). */
function packageDir(name, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dirname(dir) === dir) fail(`cannot find the package ${name} from ${from}`);
  }
}

/** Copies the package `name` (as found from `from`) and its dependencies into `modules`. */
function copyPackage(name, from, modules, done) {
  if (done.has(name)) return;
  done.add(name);
  const dir = packageDir(name, from);
  cpSync(dir, join(modules, name), { recursive: true, filter: (src) => !LEAVE_OUT.test(src) && !src.startsWith(join(dir, "node_modules")) });
  const deps = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).dependencies ?? {};
  for (const dep of Object.keys(deps)) copyPackage(dep, dir, modules, done);
}

/** Bundles src/extension.ts (with vscode-languageclient) into `outfile`, `vscode` left external. */
async function bundleExtension(esbuild, outfile = join(here, "dist", "extension.js")) {
  await esbuild.build({
    entryPoints: [join(here, "src", "extension.ts")],
    outfile,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["vscode"],
    logLevel: "warning",
  });
}

/**
 * The mljs shipped in the .vsix (server/): the root's built package as npm would install it, its
 * dist/ (the CLI bundle dist/cli/mljs.cjs, which the extension runs, and the modules the sandbox
 * worker runs) and its dependencies in server/node_modules.
 */
function copyServer(target = here) {
  const dist = join(root, "dist");
  if (!existsSync(join(dist, "cli", "mljs.cjs"))) fail("dist/cli/mljs.cjs is missing: run `npm run build` at the root first (npm run vscode:package does)");
  const server = join(target, "server");
  rmSync(server, { recursive: true, force: true });
  cpSync(dist, join(server, "dist"), { recursive: true, filter: (src) => !LEAVE_OUT.test(src) });
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const { name, version, license, type } = pkg;
  writeFileSync(join(server, "package.json"), `${JSON.stringify({ name, version, license, type, private: true }, null, 2)}\n`);
  const modules = join(server, "node_modules");
  mkdirSync(modules, { recursive: true });
  const done = new Set();
  for (const dep of Object.keys(pkg.dependencies ?? {})) copyPackage(dep, root, modules, done);
}

/** Files of this directory the .vsix takes as they are (what .vscodeignore lets through besides the builds). */
const SHIPPED = ["package.json", "README.md", "LICENSE", "language-configuration.json", "syntaxes", ".vscodeignore"];

/** Writes mljs-<version>.vsix into `out`, packaging the directory `from` (this one, or a scratch copy). */
async function packageVsix(from, out) {
  const { createVSIX } = require(require.resolve("@vscode/vsce", { paths: [root] }));
  const packagePath = join(out, `${manifest.name}-${manifest.version}.vsix`);
  rmSync(packagePath, { force: true });
  await createVSIX({ cwd: from, packagePath, dependencies: false, allowStarActivation: false });
  console.log(`build: ${relative(process.cwd(), packagePath)}`);
}

async function main() {
  const esbuild = require(require.resolve("esbuild", { paths: [root] }));
  typecheck();
  const outAt = process.argv.indexOf("--out");
  if (!process.argv.includes("--package") || outAt < 0) {
    await bundleExtension(esbuild);
    if (process.argv.includes("--package")) {
      copyServer();
      await packageVsix(here, here);
    }
    return;
  }
  const out = process.argv[outAt + 1];
  if (out === undefined) fail("--out needs a directory");
  const stage = mkdtempSync(join(tmpdir(), "mljs-vscode-build-"));
  try {
    for (const f of SHIPPED) cpSync(join(here, f), join(stage, f), { recursive: true });
    await bundleExtension(esbuild, join(stage, "dist", "extension.js"));
    copyServer(stage);
    mkdirSync(resolve(out), { recursive: true });
    await packageVsix(stage, resolve(out));
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

module.exports = { bundleExtension, typecheck };

if (require.main === module) {
  main().catch((error) => {
    console.error(`build: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
