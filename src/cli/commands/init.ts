/**
 * `mljs init [DIR]`: writes a starter project — an ML module, a host script that loads it with
 * capabilities, a test for Node's test runner, package.json, README.md, .gitignore — that passes
 * `npm install && npm test`. Refuses to overwrite an existing file (writes nothing then).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { ExitCode, UsageError, parseOptions } from "../usage.js";
import { writeAllSync } from "../terminal.js";
import { starterFiles } from "../templates/starter.js";

/** The installed mljs-lang version (the starter depends on `^` it). */
function currentVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/** A package name from the directory name: lower case, `-` for anything npm would refuse. */
function packageName(dir: string): string {
  const name = basename(resolve(dir)).toLowerCase().replace(/[^a-z0-9._-]+/g, "-").replace(/^[._-]+|-+$/g, "");
  return name === "" ? "ml-project" : name.slice(0, 214);
}

/** Runs `mljs init …` and resolves to the exit code. */
export async function initCommand(args: string[]): Promise<number> {
  const { positionals } = parseOptions(args, {}, "init");
  if (positionals.length > 1) throw new UsageError("init takes at most one directory: mljs init [DIR]", "init");
  const dir = positionals[0] ?? ".";
  const files = starterFiles({ name: packageName(dir), version: currentVersion() });
  const existing = Object.keys(files).filter((f) => existsSync(join(dir, f)));
  if (existing.length > 0) {
    writeAllSync(2, `mljs init: not overwriting existing file${existing.length === 1 ? "" : "s"} in ${dir}: ${existing.join(", ")}\n`
      + "Nothing was written. Choose an empty directory: mljs init my-project\n");
    return ExitCode.Usage;
  }
  for (const [file, text] of Object.entries(files)) {
    const path = join(dir, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text, { flag: "wx" });
  }
  const shown = relative(process.cwd(), resolve(dir)) || ".";
  const cd = shown === "." ? "" : `  cd ${shown}\n`;
  writeAllSync(1, `Created an ML project in ${shown}:\n${Object.keys(files).map((f) => `  ${f}`).join("\n")}\n\nNext:\n${cd}  npm install\n  npm test\n  npm start\n`);
  return ExitCode.Ok;
}
