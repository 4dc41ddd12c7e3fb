/**
 * What ships is self-contained: no file of the package (README.md, docs/, and the `files` of
 * package.json — dist/**\/*.js and *.d.ts included; `npm test` builds dist/ first) cites a file
 * that is not in the package, and every relative Markdown link in README.md and docs/ resolves
 * to an existing file (and, for `file.md#anchor`, to a heading or id of that file).
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));

function walk(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => (name === "node_modules" ? [] : walk(join(path, name))));
}

/** The files npm would pack: package.json `files`, plus README.md and docs/ (always shipped). */
function shippedFiles(): string[] {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { files?: string[] };
  const entries = new Set([...(pkg.files ?? []), "README.md", "docs"]);
  return [...entries].flatMap((entry) => walk(join(root, entry.replace(/\/\*\*?$/, ""))));
}

const TEXT = /\.(md|js|cjs|mjs|d\.ts|d\.cts|d\.mts|json|txt)$/;
const FOREIGN = /LANGUAGE\.md|HOST\.md|STDLIB\.md|\.\.\/shared\b/;

describe("shipped files", () => {
  const files = shippedFiles();

  it("include the docs and the built declarations", () => {
    const names = files.map((f) => relative(root, f));
    for (const expected of ["README.md", "docs/language/reference.md", "docs/language/tutorial.md", "docs/api.md", "dist/index.d.ts", "dist/index.js"]) {
      expect(names).toContain(expected);
    }
  });

  it("never cite LANGUAGE.md, HOST.md, STDLIB.md or ../shared", () => {
    const offenders: string[] = [];
    for (const file of files.filter((f) => TEXT.test(f))) {
      const lines = readFileSync(file, "utf8").split("\n");
      lines.forEach((line, i) => {
        if (FOREIGN.test(line)) offenders.push(`${relative(root, file)}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(offenders).toEqual([]);
  });
});

describe("docs cited by the source code", () => {
  const sources = walk(join(root, "src")).filter((f) => f.endsWith(".ts"));
  const reference = readFileSync(join(root, "docs/language/reference.md"), "utf8");

  it("exist, and every `reference.md §N` names a section of the reference", () => {
    const missing: string[] = [];
    for (const file of sources) {
      for (const m of readFileSync(file, "utf8").matchAll(/\bdocs\/([\w./-]+\.md)(?: §(\d+))?/g)) {
        const where = `${relative(root, file)}: ${m[0]}`;
        if (!existsSync(join(root, "docs", m[1]!))) missing.push(`${where} (no such file)`);
        else if (m[2] !== undefined && m[1] === "language/reference.md" && !new RegExp(`^## §${m[2]} `, "m").test(reference)) missing.push(`${where} (no such section)`);
      }
    }
    expect(missing).toEqual([]);
  });
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, "")
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/** The anchors of a Markdown file: its headings' slugs (numbered when repeated) and explicit ids. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  const text = markdown.replace(/^```[\s\S]*?^```/gm, "");
  for (const m of text.matchAll(/^#{1,6}\s+(.*)$/gm)) {
    const base = slug(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  for (const m of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(m[1]!);
  return anchors;
}

/** The relative link targets of a Markdown file (code blocks and code spans left out). */
function linksOf(markdown: string): { target: string; line: number }[] {
  const out: { target: string; line: number }[] = [];
  let inFence = false;
  markdown.split("\n").forEach((raw, i) => {
    if (raw.trimStart().startsWith("```")) inFence = !inFence;
    if (inFence) return;
    const line = raw.replace(/`[^`]*`/g, "");
    for (const m of line.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = m[1]!;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:
      out.push({ target, line: i + 1 });
    }
  });
  return out;
}

describe("links in README.md and docs/", () => {
  const pages = [join(root, "README.md"), ...walk(join(root, "docs")).filter((f) => f.endsWith(".md"))];

  it("finds links and anchors the way GitHub renders them", () => {
    expect(linksOf("see [a](b.md#c) and `[x](y)` and [w](https://e.org)")).toEqual([{ target: "b.md#c", line: 1 }]);
    expect([...anchorsOf("# §6 Builtins\n## `mljs-lang/express`\n## A\n## A\n<a id=\"x\"></a>")]).toEqual(["6-builtins", "mljs-langexpress", "a", "a-1", "x"]);
  });

  it("every relative link resolves to an existing file and anchor", () => {
    const broken: string[] = [];
    for (const page of pages) {
      const markdown = readFileSync(page, "utf8");
      for (const { target, line } of linksOf(markdown)) {
        const [path, anchor] = target.split("#") as [string, string | undefined];
        const file = path === "" ? page : resolve(dirname(page), decodeURIComponent(path));
        const where = `${relative(root, page)}:${line}: ${target}`;
        if (!existsSync(file)) {
          broken.push(`${where} (no such file)`);
          continue;
        }
        if (anchor !== undefined && anchor !== "" && file.endsWith(".md") && !anchorsOf(readFileSync(file, "utf8")).has(anchor)) {
          broken.push(`${where} (no such anchor)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it("the language docs and the API reference link only to files that ship", () => {
    const shipped = new Set(shippedFiles());
    const outside: string[] = [];
    for (const page of [...walk(join(root, "docs/language")), join(root, "docs/api.md")].filter((f) => f.endsWith(".md"))) {
      for (const { target, line } of linksOf(readFileSync(page, "utf8"))) {
        const path = target.split("#")[0]!;
        if (path === "") continue;
        const file = resolve(dirname(page), decodeURIComponent(path));
        if (!shipped.has(file) && !(existsSync(file) && statSync(file).isDirectory())) outside.push(`${relative(root, page)}:${line}: ${target}`);
      }
    }
    expect(outside).toEqual([]);
  });
});
