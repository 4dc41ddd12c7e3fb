#!/usr/bin/env node
// The `mljs` launcher (CommonJS: no ES module loader to start before the CLI). The CLI is built by
// `npm install` (through `prepare`, `npm run build`): dist/cli/main.js and its ES modules by tsc,
// and dist/cli/mljs.cjs, the same CLI in one file (scripts/build-cli.js), which starts faster:
// one file to read, compiled from V8's code cache (dist/cli/mljs.cjs.cache) when V8 accepts it.
// Runs the ES modules instead when the bundle is missing or older than them (after a build by tsc
// alone), or with MLJS_CLI_BUNDLE=0; MLJS_CLI_BUNDLE=1 runs the bundle whatever its age (the
// build's own check).
"use strict";
const { readFileSync, statSync, writeFileSync, renameSync } = require("node:fs");
const { join } = require("node:path");
const { Script } = require("node:vm");
const { createRequire } = require("node:module");

const dir = join(__dirname, "..", "dist", "cli");
const file = join(dir, "mljs.cjs");

/** Whether the bundle was built after the ES modules it was built from (tsc rewrites them all). */
function bundleIsCurrent() {
  try {
    const built = statSync(file).mtimeMs;
    return built >= statSync(join(dir, "main.js")).mtimeMs && built >= statSync(join(dir, "..", "index.js")).mtimeMs;
  } catch {
    return false;
  }
}

if (process.env.MLJS_CLI_BUNDLE === "0" || (process.env.MLJS_CLI_BUNDLE !== "1" && !bundleIsCurrent())) {
  import("../dist/cli/main.js");
} else {
  const cacheFile = `${file}.cache`;
  const write = process.env.MLJS_CLI_CACHE === "write";
  let cachedData;
  if (!write) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // no cache: compile
    }
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) { ${readFileSync(file, "utf8")}\n})`, {
    filename: file,
    cachedData,
    importModuleDynamically: (specifier) => import(specifier),
  });
  // A cache V8 rejects (another Node version) is replaced, by a plain run only (V8 flags are part
  // of what a cache must match: none on the command line or in NODE_OPTIONS). Written at exit,
  // so that it holds the functions this run compiled; best effort: the package's directory may
  // be read-only.
  if (write || (script.cachedDataRejected === true && process.execArgv.length === 0 && !process.env.NODE_OPTIONS)) {
    process.once("exit", () => {
      try {
        writeFileSync(`${cacheFile}.${process.pid}`, script.createCachedData());
        renameSync(`${cacheFile}.${process.pid}`, cacheFile);
      } catch {
        // keep running without a cache
      }
    });
  }
  const bundled = { exports: {} };
  script.runInThisContext()(bundled.exports, createRequire(file), bundled, file, dir);
}
