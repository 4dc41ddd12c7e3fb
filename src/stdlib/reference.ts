/**
 * The stdlib reference (docs/stdlib/) rendered from the registry's metadata — the same metadata
 * `help()`, `requiredCapabilities()` and enforcement use, so the docs cannot drift from the code.
 * `npm run docs:generate` writes the files (and docs/language/builtins.md, from the builtins'
 * metadata); a test fails when the checked-in files are stale.
 */
import { info, list, STDLIB_MODULES, type ModuleInfo } from "./registry.js";
import { BUILTIN_NAMES, builtinInfo, createBuiltins } from "../runtime/builtins.js";
import { DEFAULT_LIMITS } from "../runtime/state.js";

/** File name → Markdown content, for every stdlib module plus the index (`README.md`). */
export function renderReference(): Map<string, string> {
  const files = new Map<string, string>();
  const modules = list().filter((n) => (STDLIB_MODULES as readonly string[]).includes(n)).map(info);
  files.set("README.md", renderIndex(modules));
  for (const m of modules) files.set(`${m.name}.md`, renderModule(m));
  return files;
}

const GENERATED = "<!-- Generated from the stdlib metadata by `npm run docs:generate`. Do not edit. -->";

function code(s: string): string {
  return "`" + s.replace(/`/g, "\\`") + "`";
}

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function caps(list: readonly string[]): string {
  return list.length === 0 ? "—" : list.map(code).join(", ");
}

function renderIndex(modules: readonly ModuleInfo[]): string {
  const lines = [
    GENERATED,
    "",
    "# Standard library reference",
    "",
    "Every module is reachable from ML with `import <name>;` and from the host as",
    "`mljs-lang/stdlib/<name>` — the same module instance either way (see",
    "[Getting imports right](../integration/imports.md)). A capability is needed only for effects",
    "outside the program's memory and for nondeterminism ([capabilities](../capabilities.md)).",
    "",
    "| module | description | capabilities |",
    "| --- | --- | --- |",
    ...modules.map((m) => `| [${m.name}](${m.name}.md) | ${cell(m.description)} | ${caps(m.capabilities)} |`),
    "",
  ];
  return lines.join("\n");
}

function renderModule(m: ModuleInfo): string {
  const out = [
    GENERATED,
    "",
    `# \`${m.name}\``,
    "",
    m.description,
    "",
    `ML: \`import ${m.name};\` · host: \`import * as ${m.name} from "mljs-lang/stdlib/${m.name}";\``,
    "",
  ];
  if (m.constants.length > 0) {
    out.push("## Constants", "", "| name | description |", "| --- | --- |");
    for (const c of m.constants) out.push(`| ${code(`${m.name}.${c.name}`)} | ${cell(c.description)} |`);
    out.push("");
  }
  if (m.functions.length > 0) {
    out.push("## Functions", "");
    for (const f of m.functions) {
      out.push(`### ${code(f.signature)} → ${f.returns}`, "", f.description, "");
      const facts: string[] = [];
      if (f.aliases.length > 0) facts.push(`Also: ${f.aliases.map((a) => code(`${m.name}.${a}`)).join(", ")}.`);
      facts.push(f.capabilities.length > 0 ? `Requires: ${caps(f.capabilities)}.` : "Capabilities: none required.");
      if (f.async) facts.push("Asynchronous underneath: ML code calls it like any function — it waits for the response; see [calls that wait](../language/reference.md#asynchronous-calls).");
      out.push(facts.join(" "), "");
    }
  }
  if (m.classes.length > 0) {
    out.push("## Classes", "");
    for (const c of m.classes) {
      out.push(`### ${code(c.name)}`, "", c.description, "", "| member | returns | description | requires |", "| --- | --- | --- | --- |");
      for (const x of c.members) {
        const names = [x.signature, ...x.aliases].map(code).join(" / ");
        out.push(`| ${names} | ${cell(x.returns)} | ${cell(x.description)} | ${caps(x.capabilities)} |`);
      }
      out.push("");
    }
  }
  return out.join("\n");
}

/** The builtins by topic, in the order docs/language/builtins.md shows them. */
const BUILTIN_GROUPS: readonly (readonly [string, readonly string[]])[] = [
  ["Output and input", ["print", "input"]],
  ["Types and conversions", ["typeof", "isinstance", "str", "repr", "int", "float", "bool", "callable"]],
  ["Numbers", ["abs", "round", "min", "max", "sum", "chr", "ord", "hex", "bin", "oct", "format"]],
  ["Sequences and objects", ["len", "range", "enumerate", "zip", "sorted", "reversed", "keys", "values", "all", "any", "iter", "next"]],
  ["Members and calls", ["hasattr", "getattr", "call", "methods", "help"]],
  ["Modules", ["modules", "available_modules", "has_module", "module_info"]],
  ["Capabilities", ["hasCapability", "getCapabilities", "getCapabilityInfo", "requiredCapabilities"]],
];

/**
 * docs/language/builtins.md: every builtin with the signature and description `help()` shows,
 * grouped by topic. Builtins missing from {@link BUILTIN_GROUPS} are listed under "Other", so a
 * new builtin is documented even before it is placed.
 */
export function renderBuiltins(): string {
  const builtins = createBuiltins({ limits: DEFAULT_LIMITS, stdout: () => {}, stderr: () => {}, stdin: null });
  const placed = new Set(BUILTIN_GROUPS.flatMap(([, names]) => names));
  const groups = [...BUILTIN_GROUPS, ["Other", BUILTIN_NAMES.filter((n) => !placed.has(n))] as const].filter(([, names]) => names.length > 0);
  const out = [
    GENERATED.replace("the stdlib metadata", "the builtins' metadata"),
    "",
    "# Builtins",
    "",
    "Always in scope, no import needed. A variable or function of your own with the same name",
    "shadows the builtin in its scope. In ML, `help(name)` shows the same text, and",
    "`requiredCapabilities(f)` what a call needs (no builtin needs a capability, except `input()`,",
    "which needs an input source from the host). Behaviour in detail: [the language reference](reference.md#6-builtins);",
    "exact error messages: [errors](../errors.md); modules: [the standard library](../stdlib/README.md).",
    "",
    ...groups.map(([title]) => `- [${title}](#${title.toLowerCase().replace(/ /g, "-")})`),
    "",
  ];
  for (const [title, names] of groups) {
    out.push(`## ${title}`, "", "| builtin | description |", "| --- | --- |");
    for (const name of names) {
      const f = builtins[name];
      const meta = f === undefined ? undefined : builtinInfo(name);
      if (meta === undefined) throw new Error(`builtin ${name} has no metadata`);
      out.push(`| ${meta.signature.split(" / ").map(code).join(" / ")} | ${cell(meta.description)} |`);
    }
    out.push("");
  }
  return out.join("\n");
}
