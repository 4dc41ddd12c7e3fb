/**
 * The stdlib modules by name, for the worker's `createRequire` (stdlib/registry.ts loads a module
 * synchronously with `require("./<name>.js")` when the builtins `module_info` and friends ask for
 * one that no `import` loaded yet). The same module instances the registry's own dynamic imports get.
 */
import * as args from "../../src/stdlib/args.js";
import * as collections from "../../src/stdlib/collections.js";
import * as console from "../../src/stdlib/console.js";
import * as crypto from "../../src/stdlib/crypto.js";
import * as csv from "../../src/stdlib/csv.js";
import * as datetime from "../../src/stdlib/datetime.js";
import * as env from "../../src/stdlib/env.js";
import * as file from "../../src/stdlib/file.js";
import * as functional from "../../src/stdlib/functional.js";
import * as http from "../../src/stdlib/http.js";
import * as json from "../../src/stdlib/json.js";
import * as log from "../../src/stdlib/log.js";
import * as math from "../../src/stdlib/math.js";
import * as path from "../../src/stdlib/path.js";
import * as random from "../../src/stdlib/random.js";
import * as regex from "../../src/stdlib/regex.js";

export const STDLIB_TABLE: Readonly<Record<string, unknown>> = {
  args, collections, console, crypto, csv, datetime, env, file, functional, http, json, log, math, path, random, regex,
};
