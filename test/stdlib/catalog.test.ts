/**
 * Every function, alias and class STDLIB.md lists exists under its ML name(s), with metadata
 * that `help()` and `requiredCapabilities()` answer from; and the compiler's table of
 * asynchronous stdlib functions matches the metadata.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { definition, info, load, mlModule, STDLIB_MODULES } from "../../src/stdlib/registry.js";
import { STDLIB_ASYNC } from "../../src/compiler/async.js";
import { functionInfoOf } from "../../src/runtime/function-info.js";
import { ml } from "./ml.js";

/** Names from STDLIB.md (functions and aliases; `a/b` pairs are two names of one function). */
const LISTED: Record<string, string> = {
  math: "pi e inf nan sqrt abs floor ceil round trunc sign pow exp ln log log10 log2 sin cos tan asin acos atan atan2 degToRad radians radToDeg degrees hypot factorial gcd lcm min max clamp isclose random",
  json: "parse safeParse stringify prettyPrint validate isObject isArray isString isNumber isBoolean isNull keys values hasKey get merge",
  regex: "IGNORECASE MULTILINE DOTALL VERBOSE ASCII UNICODE compile search match fullmatch findall finditer split sub subn test count escape isValid",
  datetime: "now today create createDate createTime createDelta fromTimestamp parseISO daysInMonth isLeapYear calculateAge addBusinessDays businessDaysBetween isWeekend isWeekday utc timezone",
  collections: "length append prepend concat get first last slice reverse contains indexOf index_of filter map find reduce removeAt remove_at isEmpty is_empty take drop unique flatten zip sort sortBy chunk every some groupBy partition",
  functional: "compose pipe composeAll pipeAll curry curry2 partial partial_apply identity constant memoize map filter reduce forEach for_each find some every zip range repeat take drop flatten chunk groupBy group_by unique reverse partition ifElse cond times zipWith takeWhile dropWhile juxt",
  console: "log info debug error warn",
  log: "debug info warn error critical setLevel set_level setFormat set_format setTimestamp set_timestamp isDebug is_debug createLogger create_logger addFile add_file",
  file: "read readBytes readLines write writeBytes writeLines append delete copy move exists isFile isDirectory size modifiedTime",
  path: "join dirname basename extname split normalize relative isAbsolute separator delimiter absolute exists isFile isDirectory listDir glob walk cwd home tempDir createDir removeDir removeDirRecursive",
  env: "get require has all getInt get_int getFloat get_float getBool get_bool set delete",
  args: "all script rest createParser create_parser",
  csv: "parse readString stringify writeString read countRows getHeaders write append",
  http: "encodeURI decodeURI encodeQuery parseQuery buildUrl parseUrl get post put patch delete head request",
  crypto: "sha256 sha1 sha512 md5 hmac verifyHmac compareHash uuidFromString hashFile uuid randomBytes randomHex randomString randomInt randomFloat",
  random: "setSeed set_seed getSeed random randomInt randomFloat uniform randomBool randomBoolWeighted randomNormal gaussian triangular nextInt choice shuffle sample randomIndices",
};

const CLASSES: Record<string, string[]> = {
  regex: ["Pattern", "Match"],
  datetime: ["DateTime", "Date", "Time", "TimeDelta"],
  log: ["Logger"],
  args: ["ArgParser", "ParsedArgs"],
  http: ["HttpResponse"],
};

beforeAll(async () => {
  await Promise.all(STDLIB_MODULES.map((n) => load(n)));
});

describe("the stdlib catalogue", () => {
  it("has the sixteen modules", () => {
    expect([...STDLIB_MODULES].sort()).toEqual(Object.keys(LISTED).sort());
  });

  for (const name of Object.keys(LISTED)) {
    it(`${name}: every listed name exists, with metadata`, () => {
      const def = definition(name);
      const names = new Set([...def.functions.keys(), ...def.constants.map((c) => c.name)]);
      const missing = LISTED[name]!.split(" ").filter((n) => !names.has(n));
      expect(missing, `missing in ${name}`).toEqual([]);
      for (const [fname, f] of def.functions) {
        const meta = functionInfoOf(f);
        expect(meta, `${name}.${fname} metadata`).toBeDefined();
        expect(meta!.description.length, `${name}.${fname} description`).toBeGreaterThan(10);
      }
      const classes = info(name).classes.map((c) => c.name);
      for (const c of CLASSES[name] ?? []) expect(classes).toContain(c);
      // The exports the host imports are the checked functions ML sees.
      expect(mlModule(name)).toBe(mlModule(name));
    });
  }

  it("the compiler knows exactly the asynchronous stdlib functions", () => {
    const fromMetadata = new Map<string, Set<string>>();
    for (const name of STDLIB_MODULES) {
      const set = definition(name).asyncFunctions;
      if (set.size > 0) fromMetadata.set(name, new Set(set));
    }
    expect(new Map([...STDLIB_ASYNC].map(([k, v]) => [k, new Set(v === "all" ? [] : v)]))).toEqual(fromMetadata);
  });

  it("help() and requiredCapabilities() answer for every function from ML", async () => {
    for (const name of STDLIB_MODULES) {
      const def = definition(name);
      const fnames = [...def.functions.keys()].filter((n) => /^[A-Za-z_]\w*$/.test(n) && !["delete", "import"].includes(n));
      const lines = fnames.map((f) => `print(requiredCapabilities(${name}.${f}), len(help(${name}.${f})) > 20);`);
      const out = await ml(`import ${name};\n${lines.join("\n")}`);
      const expected = fnames.map((f) => `${JSON.stringify(functionInfoOf(def.functions.get(f)!)!.capabilities).replace(/,/g, ", ")} true`);
      expect(out.trim().split("\n"), name).toEqual(expected);
    }
  });
});
