/**
 * A missing file names the path as the program wrote it and, for the host only, the absolute
 * path it resolved to (docs/errors.md): ML code catching the error sees the written path alone.
 */
import { describe, it, expect } from "vitest";
import { mkdtempSync, writeFileSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run, capability, MLRuntimeError } from "../../src/index.js";
import { renderRuntimeError } from "../../src/cli/report.js";

const dir = realpathSync(mkdtempSync(join(tmpdir(), "mljs-missing-")));
const grants = [capability("file.read")];

async function failure(source: string): Promise<MLRuntimeError> {
  const file = join(dir, "main.ml");
  writeFileSync(file, source);
  try {
    await run({ source, filename: file }, { capabilities: grants, stdout: () => undefined });
  } catch (e) {
    if (e instanceof MLRuntimeError) return e;
    throw e;
  }
  throw new Error("the program ran without error");
}

describe("a missing file", () => {
  it("shows the path as written and the resolved path to the host", async () => {
    const e = await failure("import file;\nx = file.read(\"data/events.json\");");
    expect(e.mlMessage).toBe("File not found: data/events.json");
    expect(e.note).toBe(`resolved to ${join(dir, "data", "events.json")}`);
    expect(e.message).toBe(`ValueError: File not found: data/events.json (resolved to ${join(dir, "data", "events.json")}) (at ${join(dir, "main.ml")}:2:10)`);
    expect(renderRuntimeError(e, false).split("\n")[0]).toBe(
      `${join(dir, "main.ml")}:2:10: ValueError: File not found: data/events.json (resolved to ${join(dir, "data", "events.json")})`,
    );
  });

  it("ML code that catches the error sees only the path it wrote", async () => {
    const out: string[] = [];
    const source = "import file;\ntry { x = file.read(\"data/events.json\"); } except (e) { print(e.message); }";
    await run({ source, filename: join(dir, "catch.ml") }, { capabilities: grants, stdout: (t) => out.push(t) });
    expect(out.join("")).toBe("File not found: data/events.json\n");
  });

  it("an absolute path needs no note", async () => {
    const missing = join(dir, "nope.txt");
    const e = await failure(`import file;\nx = file.read(${JSON.stringify(missing)});`);
    expect(e.mlMessage).toBe(`File not found: ${missing}`);
    expect(e.note).toBeUndefined();
  });

  it("other file-system errors carry the note too", async () => {
    const e = await failure("import file;\nx = file.read(\".\");");
    expect(e.mlMessage).toBe("Is a directory: .");
    expect(e.note).toBe(`resolved to ${dir}`);
  });
});
