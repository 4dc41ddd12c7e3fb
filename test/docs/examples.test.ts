/**
 * The ML examples in docs/language/*.md are real: every ```ml block compiles, every ```ml fails
 * block does not, and an ```ml block followed by an ```output block prints exactly that output
 * (run with no capabilities and a step limit). The tutorial must have run blocks.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { check } from "../../src/compiler/index.js";
import { run } from "../../src/host/api.js";
import { MLRuntimeError } from "../../src/host/errors.js";

const dir = fileURLToPath(new URL("../../docs/language/", import.meta.url));

interface Block {
  /** The info string after the opening fence (`ml`, `ml fails`, `output`, `js`…). */
  info: string;
  text: string;
  /** 1-based line of the opening fence. */
  line: number;
}

interface Example {
  line: number;
  source: string;
  fails: boolean;
  /** The expected output, when an ```output block follows. */
  output: string | null;
}

/** The fenced blocks of a Markdown file, with the blank-line-only gaps between them noted. */
function blocksOf(markdown: string): { block: Block; adjacentToPrevious: boolean }[] {
  const lines = markdown.split("\n");
  const out: { block: Block; adjacentToPrevious: boolean }[] = [];
  let lastEnd = -2;
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S.*)?$/.exec(lines[i]!);
    if (open === null) continue;
    const info = (open[1] ?? "").trim();
    let j = i + 1;
    while (j < lines.length && lines[j] !== "```") j++;
    const gap = lines.slice(lastEnd + 1, i);
    out.push({ block: { info, text: lines.slice(i + 1, j).join("\n"), line: i + 1 }, adjacentToPrevious: lastEnd >= 0 && gap.every((l) => l.trim() === "") });
    lastEnd = j;
    i = j;
  }
  return out;
}

function examplesOf(markdown: string): Example[] {
  const blocks = blocksOf(markdown);
  const out: Example[] = [];
  blocks.forEach(({ block }, k) => {
    if (block.info !== "ml" && block.info !== "ml fails") return;
    const next = blocks[k + 1];
    const output = next !== undefined && next.adjacentToPrevious && next.block.info === "output" ? next.block.text + "\n" : null;
    out.push({ line: block.line, source: block.text, fails: block.info === "ml fails", output });
  });
  return out;
}

const pages = readdirSync(dir).filter((f) => f.endsWith(".md")).sort();

describe("the block convention", () => {
  it("finds ml blocks, ml fails blocks and their outputs", () => {
    const md = ["text", "```ml", "print(1);", "```", "", "```output", "1", "```", "```ml fails", "x ** 2;", "```", "```js", "a", "```"].join("\n");
    expect(examplesOf(md)).toEqual([
      { line: 2, source: "print(1);", fails: false, output: "1\n" },
      { line: 9, source: "x ** 2;", fails: true, output: null },
    ]);
  });
});

describe.each(pages)("docs/language/%s", (page) => {
  const examples = examplesOf(readFileSync(join(dir, page), "utf8"));

  it("every ml block compiles, every ml fails block does not", () => {
    for (const ex of examples) {
      const errors = check(ex.source, { filename: `${page}:${ex.line}` }).filter((d) => d.severity === "error");
      if (ex.fails) expect(errors.length, `${page}:${ex.line} should not compile:\n${ex.source}`).toBeGreaterThan(0);
      else expect(errors.map((d) => `${d.code} ${d.message}`), `${page}:${ex.line}:\n${ex.source}`).toEqual([]);
    }
  });

  it("every ml block followed by an output block prints that output", async () => {
    const wrong: string[] = [];
    for (const ex of examples.filter((e) => e.output !== null)) {
      try {
        const { stdout } = await run({ source: ex.source, filename: join(dir, `example-${ex.line}.ml`) }, { limits: { steps: 10_000_000, timeMs: 5_000 }, capabilities: [] });
        if (stdout !== ex.output) wrong.push(`${page}:${ex.line} printed:\n${stdout}expected:\n${ex.output}`);
      } catch (e) {
        wrong.push(`${page}:${ex.line} raised ${e instanceof MLRuntimeError ? `${e.mlType}: ${e.mlMessage}` : String(e)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("coverage of the examples", () => {
  it("the tutorial, the reference and both migration guides run their examples", () => {
    for (const [page, min] of [["tutorial.md", 10], ["reference.md", 10], ["from-javascript.md", 3], ["from-python.md", 3]] as const) {
      const ran = examplesOf(readFileSync(join(dir, page), "utf8")).filter((e) => e.output !== null).length;
      expect(ran, page).toBeGreaterThanOrEqual(min);
    }
  });
});
