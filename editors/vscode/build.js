// Builds the VS Code extension (run from anywhere):
//   node editors/vscode/build.js            type-checks src/ and bundles it into dist/extension.js
//   node editors/vscode/build.js --package  also bundles the mljs CLI (the language server) into
//                                           server/ and writes mljs-<version>.vsix here
// `npm run vscode:package` runs `npm run build` first: the server is built from the root's dist/.
"use strict";
const { spawnSync } = require("node:child_process");
const { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require("node:fs");
const { dirname, join, relative } = require("node:path");

const here = __dirname;
const root = join(here, "..", "..");
const manifest = JSON.parse(readFileSync(join(here, "package.json"), "utf8"));

/** The packages the CLI loads with createRequire at run time (not bundled): copied beside it. */
const RUNTIME_REQUIRED = ["@jridgewell/gen-mapping", "@jridgewell/trace-mapping"];
/** Optional peers of mljs-lang the extension never needs (`mljs worker`), and the package itself. */
const EXTERNAL = ["bullmq", "mljs-lang", "mljs-lang/*"];

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

/** The directory of the installed package `name`, resolved from `from`. */
function packageDir(name, from) {
  let dir = dirname(require.resolve(name, { paths: [from] }));
  while (!existsSync(join(dir, "package.json")) || JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name !== name) {
    if (dirname(dir) === dir) fail(`cannot find the package directory of ${name}`);
    dir = dirname(dir);
  }
  return dir;
}

/** Copies the package `name` (resolved from `from`) and its dependencies into `modules`. */
function copyPackage(name, from, modules, done = new Set()) {
  if (done.has(name)) return;
  done.add(name);
  const dir = packageDir(name, from);
  cpSync(dir, join(modules, name), {
    recursive: true,
    filter: (src) => !/[\\/]node_modules$|\.map$|\.d\.[cm]?ts$|[\\/](src|test|tests)$/.test(relative(dir, src) === "" ? "" : src),
  });
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
 * The language server shipped in the .vsix: the root's CLI bundle (dist/cli/mljs.cjs) with its
 * npm dependencies bundled in, at server/dist/cli/mljs.cjs so that the files it locates relative
 * to itself (../../package.json) are in place.
 */
async function bundleServer(esbuild) {
  const cli = join(root, "dist", "cli", "mljs.cjs");
  if (!existsSync(cli)) fail("dist/cli/mljs.cjs is missing: run `npm run build` at the root first (npm run vscode:package does)");
  const server = join(here, "server");
  rmSync(server, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: [cli],
    outfile: join(server, "dist", "cli", "mljs.cjs"),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: EXTERNAL,
    logLevel: "warning",
  });
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  writeFileSync(join(server, "package.json"), `${JSON.stringify({ name: pkg.name, version: pkg.version, license: pkg.license, private: true }, null, 2)}\n`);
  const modules = join(server, "node_modules");
  mkdirSync(modules, { recursive: true });
  const done = new Set();
  for (const name of RUNTIME_REQUIRED) copyPackage(name, root, modules, done);
}

async function packageVsix() {
  const { createVSIX } = require(require.resolve("@vscode/vsce", { paths: [root] }));
  const packagePath = join(here, `${manifest.name}-${manifest.version}.vsix`);
  rmSync(packagePath, { force: true });
  await createVSIX({ cwd: here, packagePath, dependencies: false, allowStarActivation: false });
  console.log(`build: ${relative(process.cwd(), packagePath)}`);
}

async function main() {
  const esbuild = require(require.resolve("esbuild", { paths: [root] }));
  typecheck();
  await bundleExtension(esbuild);
  if (process.argv.includes("--package")) {
    await bundleServer(esbuild);
    await packageVsix();
  }
}

module.exports = { bundleExtension, typecheck };

if (require.main === module) {
  main().catch((error) => {
    console.error(`build: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
