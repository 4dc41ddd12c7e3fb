#!/usr/bin/env node
// Writes docs/api.md, the host API reference, from the built declaration files (run after
// `npm run build`): every name exported by a public entry point of package.json's `exports`, with
// its TSDoc comment and its declaration. TypeDoc cannot read this project (its TypeScript is the
// native compiler), and the emitted `.d.ts` files are regular enough to read directly.
//
// `renderApiDocs(root)` is exported for the test that keeps docs/api.md up to date.
import { existsSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const GENERATED = "<!-- Generated from the TSDoc of dist/**/*.d.ts by `npm run docs:generate` (scripts/api-docs.js). Do not edit. -->";

// --- splitting a declaration file into top-level statements ---

/**
 * The top-level statements of a `.d.ts` file, each with the `/** … *\/` comment right before it.
 * Strings, comments and template literals are skipped while counting brackets.
 */
function statementsOf(text) {
  const out = [];
  let depth = 0;
  let start = -1; // start of the current statement (-1: between statements)
  let doc = null; // the last doc comment seen between statements
  let i = 0;
  const n = text.length;
  const skipString = (quote) => {
    i++;
    while (i < n && text[i] !== quote) {
      if (text[i] === "\\") i++;
      else if (quote === "`" && text[i] === "$" && text[i + 1] === "{") {
        i += 2;
        let d = 1;
        while (i < n && d > 0) {
          if (text[i] === "{") d++;
          else if (text[i] === "}") d--;
          if (d > 0) i++;
        }
      }
      i++;
    }
    i++;
  };
  const finish = (end) => {
    const body = text.slice(start, end).trim();
    out.push({ doc: doc?.text ?? null, text: body });
    start = -1;
    doc = null;
  };
  while (i < n) {
    const c = text[i];
    if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end === -1 ? n : end + 2;
      if (start === -1 && text[i + 2] === "*") doc = { text: text.slice(i, stop) };
      i = stop;
      continue;
    }
    if (c === "/" && text[i + 1] === "/") {
      const end = text.indexOf("\n", i);
      i = end === -1 ? n : end;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (start === -1) start = i;
    if (c === '"' || c === "'" || c === "`") {
      skipString(c);
      continue;
    }
    if (c === "{" || c === "(" || c === "[") depth++;
    else if (c === "}" || c === ")" || c === "]") {
      depth--;
      if (depth === 0 && c === "}" && /^(export\s+)?(declare\s+)?(abstract\s+)?(interface|class|enum|namespace|module)\b/.test(text.slice(start, i))) {
        i++;
        // A `;` right after the closing brace belongs to the same statement.
        const rest = /^\s*;/.exec(text.slice(i));
        if (rest !== null) i += rest[0].length;
        finish(i);
        continue;
      }
    } else if (c === ";" && depth === 0) {
      i++;
      finish(i);
      continue;
    }
    i++;
  }
  if (start !== -1) finish(n);
  return out;
}

// --- what a file exports ---

const DECLARATION = /^(export\s+)?(declare\s+)?(default\s+)?(abstract\s+)?(async\s+)?(function|const|let|var|class|interface|type|enum|namespace)\s+([A-Za-z_$][\w$]*)/;

/** `{ a, b as c, type d }` → [{ name, as }] */
function specifiers(list) {
  return list
    .split(",")
    .map((s) => s.trim().replace(/^type\s+/, ""))
    .filter((s) => s !== "")
    .map((s) => {
      const m = /^([\w$]+)(?:\s+as\s+([\w$]+))?$/.exec(s);
      if (m === null) throw new Error(`cannot read export specifier: ${s}`);
      return { name: m[1], as: m[2] ?? m[1] };
    });
}

/** The parsed form of one declaration file: local declarations, imports and exports. */
function parseFile(file) {
  const statements = statementsOf(readFileSync(file, "utf8"));
  const declarations = new Map(); // local name → statements
  const imports = new Map(); // local name → { from, name } | { from, namespace: true }
  const exports = []; // in order: { as, local } | { as, from, name } | { star: from } | { as, from, namespace: true }
  let moduleDoc = null;
  for (const [index, s] of statements.entries()) {
    if (index === 0 && s.doc !== null && s.doc.includes("@packageDocumentation")) moduleDoc = s.doc;
    const text = s.text.replace(/\s+/g, " ");
    let m;
    if ((m = /^import (?:type )?\{([^}]*)\} from ["']([^"']+)["']/.exec(text))) {
      for (const sp of specifiers(m[1])) imports.set(sp.as, { from: m[2], name: sp.name });
    } else if ((m = /^import (?:type )?\* as ([\w$]+) from ["']([^"']+)["']/.exec(text))) {
      imports.set(m[1], { from: m[2], namespace: true });
    } else if ((m = /^import (?:type )?([\w$]+)(?:, \{([^}]*)\})? from ["']([^"']+)["']/.exec(text))) {
      imports.set(m[1], { from: m[3], name: "default" });
      if (m[2] !== undefined) for (const sp of specifiers(m[2])) imports.set(sp.as, { from: m[3], name: sp.name });
    } else if ((m = /^export (?:type )?\{([^}]*)\} from ["']([^"']+)["']/.exec(text))) {
      for (const sp of specifiers(m[1])) exports.push({ as: sp.as, from: m[2], name: sp.name });
    } else if ((m = /^export (?:type )?\{([^}]*)\}/.exec(text))) {
      for (const sp of specifiers(m[1])) exports.push({ as: sp.as, local: sp.name });
    } else if ((m = /^export (?:type )?\* as ([\w$]+) from ["']([^"']+)["']/.exec(text))) {
      exports.push({ as: m[1], from: m[2], namespace: true });
    } else if ((m = /^export (?:type )?\* from ["']([^"']+)["']/.exec(text))) {
      exports.push({ star: m[1] });
    } else if ((m = DECLARATION.exec(text))) {
      const name = m[3] !== undefined && m[6] !== "function" && m[6] !== "class" ? "default" : m[7];
      if (!declarations.has(name)) declarations.set(name, []);
      declarations.get(name).push(s);
      if (m[1] !== undefined && !exports.some((e) => e.as === name && e.local === name)) exports.push({ as: name, local: name });
    } else if (/^export default /.test(text)) {
      exports.push({ as: "default", local: text.slice("export default ".length).replace(/;$/, "") });
    }
  }
  return { file, moduleDoc, declarations, imports, exports };
}

/** Resolves a relative module specifier of a `.d.ts` file to the `.d.ts` file it names. */
function resolveModule(fromFile, specifier) {
  if (!specifier.startsWith(".")) return null; // a package (express, fastify…): not documented here
  const base = join(dirname(fromFile), specifier);
  for (const candidate of [base.replace(/\.js$/, ".d.ts"), `${base}.d.ts`, join(base, "index.d.ts")]) {
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`cannot resolve ${specifier} from ${fromFile}`);
}

function makeReader() {
  const cache = new Map();
  const read = (file) => {
    if (!cache.has(file)) cache.set(file, parseFile(file));
    return cache.get(file);
  };

  /** The declarations behind `name` in `file`: { file, name, statements } or { external } or { namespace }. */
  const resolveLocal = (file, name, seen = new Set()) => {
    const key = `${file}#${name}`;
    if (seen.has(key)) return null;
    seen.add(key);
    const parsed = read(file);
    if (parsed.declarations.has(name)) return { file, name, statements: parsed.declarations.get(name) };
    const imported = parsed.imports.get(name);
    if (imported !== undefined) {
      const target = resolveModule(file, imported.from);
      if (target === null) return { external: imported.from, name: imported.name ?? name };
      if (imported.namespace) return { namespace: target };
      return resolveExport(target, imported.name, seen);
    }
    return resolveExport(file, name, seen);
  };

  /** What `file` exports under the name `as`. */
  const resolveExport = (file, as, seen = new Set()) => {
    const parsed = read(file);
    for (const e of parsed.exports) {
      if (e.as !== as) continue;
      if (e.local !== undefined) {
        if (parsed.declarations.has(e.local)) return { file, name: e.local, statements: parsed.declarations.get(e.local) };
        return resolveLocal(file, e.local, seen);
      }
      const target = resolveModule(file, e.from);
      if (target === null) return { external: e.from, name: e.name };
      if (e.namespace) return { namespace: target };
      return resolveExport(target, e.name, seen);
    }
    for (const e of parsed.exports) {
      if (e.star === undefined) continue;
      const target = resolveModule(file, e.star);
      if (target === null) continue;
      const found = resolveExport(target, as, seen);
      if (found !== null) return found;
    }
    return null;
  };

  /** Every name `file` exports, in order (star exports expanded). */
  const exportedNames = (file, seen = new Set()) => {
    if (seen.has(file)) return [];
    seen.add(file);
    const names = [];
    for (const e of read(file).exports) {
      if (e.star !== undefined) {
        const target = resolveModule(file, e.star);
        if (target !== null) names.push(...exportedNames(target, seen));
      } else names.push(e.as);
    }
    return [...new Set(names)];
  };

  return { read, resolveExport, exportedNames };
}

// --- rendering ---

/**
 * Turns the mentions of `docs/….md` (and `docs/language/reference.md §N`) in prose into links
 * relative to docs/api.md, for the files that exist; code spans are left alone.
 */
function linkDocs(line, root) {
  if (root === undefined) return line;
  return line
    .split(/(`[^`]*`)/)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      return part.replace(/\bdocs\/([\w./-]+\.md)(?: (§\d+))?/g, (whole, path, section) => {
        const file = join(root, "docs", path);
        if (!existsSync(file)) return whole;
        let anchor = "";
        if (section !== undefined) {
          const heading = new RegExp(`^#+ ${section} (.*)$`, "m").exec(readFileSync(file, "utf8"));
          if (heading !== null) anchor = `#${section.slice(1)}-${heading[1].toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").trim().replace(/\s/g, "-")}`;
        }
        return path === "api.md" ? whole : `[${whole}](${path}${anchor})`;
      });
    })
    .join("");
}

/** A TSDoc comment as Markdown: tags become short labelled lines, `{@link X}` code. */
function docToMarkdown(doc, root) {
  if (doc === null) return "";
  const lines = doc
    .replace(/^\/\*\*\s?/, "")
    .replace(/\s*\*\/$/, "")
    .split("\n")
    .map((l) => l.replace(/^\s*\* ?/, ""));
  const out = [];
  const params = [];
  let inFence = false;
  for (const raw of lines) {
    const unlinked = raw.replace(/\{@link\s+([^}|\s]+)(?:\s*\|\s*([^}]+))?\s*\}/g, (_, target, label) => "`" + (label ?? target).trim() + "`");
    if (unlinked.trimStart().startsWith("```")) inFence = !inFence;
    if (inFence || unlinked.trimStart().startsWith("```")) {
      out.push(unlinked);
      continue;
    }
    const line = linkDocs(unlinked, root);
    let m;
    if (/^@packageDocumentation/.test(line)) continue;
    if ((m = /^@param\s+([\w$.]+)\s*-?\s*(.*)$/.exec(line))) params.push(`- \`${m[1]}\` — ${m[2]}`);
    else if ((m = /^@(returns?)\s+(.*)$/.exec(line))) out.push("", `**Returns:** ${m[2]}`);
    else if ((m = /^@throws\s+(.*)$/.exec(line))) out.push("", `**Throws:** ${m[1]}`);
    else if ((m = /^@example\s*(.*)$/.exec(line))) out.push("", `**Example:** ${m[1]}`);
    else if ((m = /^@deprecated\s*(.*)$/.exec(line))) out.push("", `**Deprecated.** ${m[1]}`);
    else if ((m = /^@(internal|remarks|see)\s*(.*)$/.exec(line))) out.push("", m[1] === "see" ? `**See:** ${m[2]}` : m[2]);
    else if (params.length > 0 && line.trim() !== "" && !line.startsWith("@")) params[params.length - 1] += ` ${line.trim()}`;
    else out.push(line);
  }
  const text = out.join("\n").replace(/\n{3,}/g, "\n\n").trim();
  return params.length > 0 ? `${text}\n\n**Parameters:**\n\n${params.join("\n")}`.trim() : text;
}

/** The first sentence of a comment, on one line (for tables). */
function summary(doc) {
  const text = docToMarkdown(doc).split(/\n\n/)[0].replace(/\s+/g, " ").trim();
  const m = /^(.*?[.!?])(\s|$)/.exec(text);
  return (m === null ? text : m[1]).replace(/\|/g, "\\|");
}

/** The declaration as shown: `export declare ` dropped, private members (and their comments) left out. */
function signature(statement) {
  const lines = statement.text.replace(/^export\s+(declare\s+)?/, "").replace(/^declare\s+/, "").split("\n");
  const out = [];
  let comment = []; // the doc comment lines waiting for the member they describe
  for (const line of lines) {
    const shown = line.replace(/^ {4}/, "  ");
    if (comment.length > 0 && !comment[comment.length - 1].includes("*/")) comment.push(shown);
    else if (/^\s*\/\*\*/.test(line)) comment = [shown];
    else if (/^\s*(private\s|#private;)/.test(line)) comment = [];
    else {
      out.push(...comment, shown);
      comment = [];
    }
  }
  out.push(...comment);
  return out.join("\n");
}

function kindOf(statement) {
  const m = DECLARATION.exec(statement.text.replace(/\s+/g, " "));
  if (m === null) return "value";
  if (m[6] === "const" || m[6] === "let" || m[6] === "var") return /^[^=]*:\s*(\([^)]*\)|<[^>]*>\s*\()[^=]*=>/.test(statement.text) ? "function" : "constant";
  return m[4] !== undefined ? "abstract class" : m[6];
}

/**
 * Unique anchors: the main entry's names by themselves (`#load`), other entries' prefixed with
 * the subpath (`#runtime-str`); names differing only in case get a numbered suffix.
 */
function makeAnchors(packageName) {
  const byKey = new Map();
  const used = new Set();
  return (subpath, name) => {
    const key = `${subpath}#${name}`;
    if (!byKey.has(key)) {
      const prefix = subpath === packageName ? "" : `${subpath.slice(packageName.length + 1).replace(/\//g, "-")}-`;
      const base = `${prefix}${name}`.toLowerCase().replace(/[^a-z0-9-]/g, "-");
      let id = base;
      for (let k = 1; used.has(id); k++) id = `${base}-${k}`;
      used.add(id);
      byKey.set(key, id);
    }
    return byKey.get(key);
  };
}

function renderName(root, firstShown, reader, anchor, subpath, entryFile, name) {
  const found = reader.resolveExport(entryFile, name);
  const out = [];
  out.push(`<a id="${anchor(subpath, name)}"></a>`, "");
  if (found === null) throw new Error(`${subpath}: cannot find the declaration of ${name}`);
  const earlier = found.statements !== undefined ? firstShown.get(found.statements[0]) : undefined;
  if (earlier !== undefined) {
    out.push(`### \`${name}\``, "", `The same as [\`${earlier.name}\`](#${anchor(earlier.subpath, earlier.name)}) of \`${earlier.subpath}\`.`, "");
    return out;
  }
  if (found.statements !== undefined) firstShown.set(found.statements[0], { subpath, name });
  if (found.external !== undefined) {
    out.push(`### \`${name}\``, "", `Re-exported from \`${found.external}\`.`, "");
    return out;
  }
  if (found.namespace !== undefined) {
    out.push(`### \`${name}\` — namespace`, "", `Everything exported by \`${relative(dirname(entryFile), found.namespace)}\`.`, "");
    return out;
  }
  const kinds = [...new Set(found.statements.map(kindOf))];
  out.push(`### \`${name}\` — ${kinds.join(", ")}`, "");
  const doc = found.statements.map((s) => s.doc).find((d) => d !== null) ?? null;
  const text = docToMarkdown(doc, root);
  if (text !== "") out.push(text, "");
  out.push("```ts", ...found.statements.map(signature), "```", "");
  return out;
}

/** A stdlib subpath: one table row per name (the descriptions are in docs/stdlib/). */
function renderStdlib(reader, subpath, entryFile) {
  const module = subpath.slice("mljs-lang/stdlib/".length);
  const out = [`Described in full in [docs/stdlib/${module}.md](stdlib/${module}.md); the same objects ML code gets with \`import ${module};\`.`, ""];
  out.push("| export | declaration |", "| --- | --- |");
  for (const name of reader.exportedNames(entryFile)) {
    const found = reader.resolveExport(entryFile, name);
    if (found === null || found.statements === undefined) continue;
    const decl = found.statements
      .map((s) => signature(s).replace(/\s+/g, " "))
      .map((s) => (s.length > 140 ? `${s.slice(0, s.indexOf("{") > 0 ? s.indexOf("{") : 137).trim()} { … }` : s))
      .join(" · ");
    out.push(`| \`${name}\` | \`${decl.replace(/\|/g, "\\|").replace(/`/g, "'")}\` |`);
  }
  out.push("");
  return out;
}

/** The public entry points: package.json `exports` entries that have types. */
function entryPoints(root) {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  const entries = [];
  for (const [key, value] of Object.entries(pkg.exports ?? {})) {
    const types = typeof value === "object" && value !== null ? value.types ?? value.import?.types ?? value.default?.types : undefined;
    if (typeof types !== "string") continue;
    const subpath = key === "." ? pkg.name : `${pkg.name}/${key.slice(2)}`;
    entries.push({ subpath, file: join(root, types) });
  }
  return { name: pkg.name, entries };
}

const INTRO = [
  "# Host API reference",
  "",
  "Every name a host can import from the package, entry point by entry point, with its",
  "documentation comment and its TypeScript declaration. This page is **generated** from the",
  "package's declaration files (`npm run docs:generate`); a test fails when it is out of date.",
  "For a guided introduction see the [README](../README.md) and the",
  "[integration guide](integration/README.md); for the language itself, [docs/language/](language/README.md).",
  "",
  "Where to start:",
  "",
  "- **Run ML**: [`load`](#load), [`run`](#run), the [`Program`](#program) they give, [`LoadOptions`](#loadoptions)",
  "  and its [`Limits`](#limits) ([docs/limits.md](limits.md)).",
  "- **Compile without running**: [`compile`](#compile), [`check`](#check), diagnostics and",
  "  [`formatDiagnostic`](#formatdiagnostic).",
  "- **Errors**: [`MLCompileError`](#mlcompileerror), [`MLRuntimeError`](#mlruntimeerror).",
  "- **Capabilities** ([docs/capabilities.md](capabilities.md)): [`capability`](#capability),",
  "  [`withCapabilities`](#withcapabilities), [`CapabilityContext`](#capabilitycontext).",
  "- **Untrusted code**: [`Sandbox`](#sandbox) ([docs/security.md](security.md)).",
  "- **Your own modules for ML**: [`defineModule`](#definemodule), [`registry`](#registry).",
  "- **Audit**: [`auditFile`](#auditfile), [`auditSource`](#auditsource) ([docs/audit.md](audit.md)).",
  "- **Web servers**: [`mljs-lang/express`](#mljs-langexpress), [`mljs-lang/fastify`](#mljs-langfastify).",
  "- **Jobs on a fleet of workers**: [`mljs-lang/bullmq`](#mljs-langbullmq) ([docs/bullmq.md](bullmq.md)).",
  "- **Compiled code without the loader**: [`mljs-lang/runtime`](#mljs-langruntime).",
  "",
];

/** docs/api.md for the package at `root` (its `dist/` must be built). */
export function renderApiDocs(root) {
  const reader = makeReader();
  const { name: packageName, entries } = entryPoints(root);
  const anchor = makeAnchors(packageName);
  const firstShown = new WeakMap(); // declaration statement → where it was first rendered
  const out = [GENERATED, "", ...INTRO, "## Entry points", ""];
  for (const { subpath } of entries) out.push(`- [\`${subpath}\`](#${subpath.replace(/[^a-z0-9-]/gi, "").toLowerCase()})`);
  out.push("");
  for (const { subpath, file } of entries) {
    if (!existsSync(file)) throw new Error(`${subpath}: ${relative(root, file)} is missing — run npm run build`);
    out.push(`## \`${subpath}\``, "");
    const moduleDoc = docToMarkdown(reader.read(file).moduleDoc, root);
    if (moduleDoc !== "") out.push(moduleDoc, "");
    if (subpath.includes("/stdlib/")) {
      out.push(...renderStdlib(reader, subpath, file));
      continue;
    }
    const names = reader.exportedNames(file);
    out.push(
      "| export | summary |",
      "| --- | --- |",
      ...names.map((name) => {
        const found = reader.resolveExport(file, name);
        const doc = found?.statements?.map((s) => s.doc).find((d) => d !== null) ?? null;
        return `| [\`${name}\`](#${anchor(subpath, name)}) | ${summary(doc)} |`;
      }),
      "",
    );
    for (const name of names) out.push(...renderName(root, firstShown, reader, anchor, subpath, file, name));
  }
  return `${out.join("\n").replace(/\n{3,}/g, "\n\n").trimEnd()}\n`;
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = renderApiDocs(root);
  writeFileSync(join(root, "docs", "api.md"), text);
  console.log(`wrote docs/api.md (${text.split("\n").length} lines)`);
}
