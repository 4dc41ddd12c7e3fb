/**
 * `mljs fmt [--check] files|dirs…` — format ML source in the canonical layout (docs/formatting.md).
 *
 * Files are rewritten in place atomically (a temporary file in the same directory, then a
 * rename), and only when their text changes. A file that does not parse is reported with its
 * diagnostics and left untouched. `--check` writes nothing and lists the files that would change.
 * `-` formats standard input to standard output. Directories are walked for `.ml` files
 * (node_modules and dot-directories skipped), leaving out those listed in `.mljsfmtignore` in the
 * current directory; files named explicitly are always formatted.
 *
 * Exit codes: 0 done (or, with --check, every file formatted); 1 with --check, some file is not
 * formatted; 2 a file does not parse; 64 usage error; 66 a file cannot be read or a directory
 * holds no `.ml` file; 70 internal error (the formatter refused its own output).
 */
import { chmodSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { format, FormatterError } from "../../compiler/index.js";
import { ExitCode, UsageError, parseOptions } from "../usage.js";
import { mlFilesIn, readMlFile } from "../ml-files.js";
import { paint, useColor, writeAllSync } from "../terminal.js";
import { renderDiagnostics } from "../report.js";
import { loadIgnoreFile } from "../fmt-ignore.js";

const OPTIONS = { check: { type: "boolean" } } as const;

/** The name standard input goes by in messages. */
const STDIN = "<stdin>";

/** Exit code when `--check` finds a file that is not formatted. */
const NOT_FORMATTED = 1;

/** Runs `mljs fmt`; resolves to the exit code. */
export async function fmtCommand(args: string[]): Promise<number> {
  const { values, positionals, help } = parseOptions(args, OPTIONS, "fmt");
  if (help) {
    const { commandHelp } = await import("./help.js");
    writeAllSync(1, commandHelp("fmt"));
    return ExitCode.Ok;
  }
  const check = values.check === true;
  if (positionals.length === 0) throw new UsageError("fmt needs at least one file or directory: mljs fmt [--check] <files|dirs...>", "fmt");
  if (positionals.includes("-")) {
    if (positionals.length > 1) throw new UsageError("'-' (standard input) cannot be mixed with files", "fmt");
    return formatStdin(check);
  }
  const files = filesToFormat(positionals);
  if (files.length === 0) {
    writeAllSync(2, `mljs: no .ml files in ${positionals.join(", ")}\n`);
    return ExitCode.NoInput;
  }
  const color = useColor(process.stderr);
  let unreadable = 0;
  let broken = 0;
  let internal = 0;
  const changed: string[] = [];
  for (const file of files) {
    const source = readMlFile(file);
    if (source === null) {
      unreadable++;
      continue;
    }
    const result = formatOrReport(source, file, color);
    if (result === "broken") broken++;
    else if (result === "internal") internal++;
    else if (result !== source) {
      changed.push(file);
      if (check) continue;
      try {
        writeAtomically(file, result);
      } catch (e) {
        unreadable++;
        writeAllSync(2, `mljs: cannot write '${file}': ${(e as Error).message} (left unchanged)\n`);
      }
    }
  }
  const out = useColor(process.stdout);
  const n = (k: number) => `${k} file${k === 1 ? "" : "s"}`;
  if (check) {
    for (const f of changed) writeAllSync(1, `${f}\n`);
    if (changed.length > 0) writeAllSync(2, `mljs: ${n(changed.length)} not formatted; run 'mljs fmt' on ${changed.length === 1 ? "it" : "them"}\n`);
    else if (broken + unreadable + internal === 0) writeAllSync(1, `${paint.bold("ok", out)}: ${n(files.length)} formatted\n`);
  } else {
    if (broken + unreadable + internal === 0 || changed.length > 0) {
      writeAllSync(1, `${paint.bold("ok", out)}: ${n(changed.length)} reformatted, ${n(files.length - changed.length - broken - unreadable - internal)} already formatted\n`);
    }
  }
  if (internal > 0) return ExitCode.Internal;
  if (unreadable > 0) return ExitCode.NoInput;
  if (broken > 0) return ExitCode.CompileError;
  return check && changed.length > 0 ? NOT_FORMATTED : ExitCode.Ok;
}

/** The files named, and the `.ml` files under the directories named minus the ignored ones. */
function filesToFormat(paths: readonly string[]): string[] {
  const ignored = loadIgnoreFile(process.cwd());
  return mlFilesIn(paths, (f) => !ignored(f));
}

/** The formatted text, or why there is none (after reporting it). */
function formatOrReport(source: string, file: string, color: boolean): string | "broken" | "internal" {
  try {
    const result = format(source, { filename: file });
    if (result.ok) return result.text;
    writeAllSync(2, renderDiagnostics(result.diagnostics, color, new Map([[file, source]])));
    writeAllSync(2, `mljs: ${file} has syntax errors; ${file === STDIN ? "not formatted" : "left unchanged"}\n`);
    return "broken";
  } catch (e) {
    if (!(e instanceof FormatterError)) throw e;
    writeAllSync(2, `mljs: internal error formatting ${file}: ${e.message}; ${file === STDIN ? "not formatted" : "left unchanged"}. Please report this at the project's issue tracker.\n`);
    return "internal";
  }
}

/** `mljs fmt -`: standard input to standard output (with --check: nothing written). */
function formatStdin(check: boolean): number {
  let source: string;
  try {
    source = readFileSync(0, "utf8");
  } catch (e) {
    writeAllSync(2, `mljs: cannot read standard input: ${(e as Error).message}\n`);
    return ExitCode.NoInput;
  }
  const result = formatOrReport(source, STDIN, useColor(process.stderr));
  if (result === "broken") return ExitCode.CompileError;
  if (result === "internal") return ExitCode.Internal;
  if (check) {
    if (result === source) return ExitCode.Ok;
    writeAllSync(2, "mljs: <stdin> is not formatted\n");
    return NOT_FORMATTED;
  }
  writeAllSync(1, result);
  return ExitCode.Ok;
}

/**
 * Replaces `file`'s content with `text` so that the file is never seen half-written: a temporary
 * file next to it (same directory, so the rename stays on one file system), with the same
 * permissions, renamed over it. A symbolic link is followed, and its target replaced.
 */
function writeAtomically(file: string, text: string): void {
  const target = realpathSync(file);
  const mode = statSync(target).mode & 0o7777;
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now().toString(36)}.mljs-fmt.tmp`);
  try {
    writeFileSync(temp, text, { flag: "wx", mode });
    chmodSync(temp, mode);
    renameSync(temp, target);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // never created, or already renamed
    }
    throw e;
  }
}
