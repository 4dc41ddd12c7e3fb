#!/usr/bin/env node
// Writes docs/stdlib/ from the stdlib metadata (run after `npm run build`).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { load } from "../dist/stdlib/registry.js";
import { renderReference } from "../dist/stdlib/reference.js";
import { STDLIB_MODULES } from "../dist/stdlib/registry.js";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "docs", "stdlib");
await Promise.all(STDLIB_MODULES.map((n) => load(n)));
mkdirSync(dir, { recursive: true });
for (const f of readdirSync(dir)) if (f.endsWith(".md")) rmSync(join(dir, f));
const files = renderReference();
for (const [name, text] of files) writeFileSync(join(dir, name), text);
console.log(`wrote ${files.size} files to docs/stdlib/`);
