#!/usr/bin/env node
// Writes docs/stdlib/ from the stdlib metadata and docs/language/builtins.md from the builtins'
// metadata (run after `npm run build`; `npm run docs:generate` does both steps, and docs/api.md).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { load, STDLIB_MODULES } from "../dist/stdlib/registry.js";
import { renderBuiltins, renderReference } from "../dist/stdlib/reference.js";

const docs = join(dirname(fileURLToPath(import.meta.url)), "..", "docs");
const dir = join(docs, "stdlib");
await Promise.all(STDLIB_MODULES.map((n) => load(n)));
mkdirSync(dir, { recursive: true });
for (const f of readdirSync(dir)) if (f.endsWith(".md")) rmSync(join(dir, f));
const files = renderReference();
for (const [name, text] of files) writeFileSync(join(dir, name), text);
console.log(`wrote ${files.size} files to docs/stdlib/`);

mkdirSync(join(docs, "language"), { recursive: true });
writeFileSync(join(docs, "language", "builtins.md"), renderBuiltins());
console.log("wrote docs/language/builtins.md");
