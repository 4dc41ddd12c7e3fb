/**
 * Loads the extension's TextMate grammar (editors/vscode/syntaxes/ml.tmLanguage.json) with
 * vscode-textmate and the Oniguruma WebAssembly build, as VS Code does, and tokenizes ML source
 * into one scope list per character.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import vsctm from "vscode-textmate";
import oniguruma from "vscode-oniguruma";

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** The grammar file shipped in the extension. */
export const GRAMMAR_PATH = `${ROOT}editors/vscode/syntaxes/ml.tmLanguage.json`;

/** The scopes of every character of a source text, and what went wrong while tokenizing it. */
export interface Tokenized {
  /** `scopes[offset]`: the scope names at that offset of the source (root scope first). */
  scopes: string[][];
  /** Lines whose tokenization stopped early (vscode-textmate's time limit) or failed. */
  errors: string[];
}

let grammarPromise: Promise<vsctm.IGrammar> | undefined;

/** The grammar, loaded once. */
export function loadGrammar(): Promise<vsctm.IGrammar> {
  grammarPromise ??= (async () => {
    const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName: string) =>
        scopeName === "source.ml" ? vsctm.parseRawGrammar(readFileSync(GRAMMAR_PATH, "utf8"), GRAMMAR_PATH) : null,
    });
    const grammar = await registry.loadGrammar("source.ml");
    if (grammar === null) throw new Error("the grammar source.ml did not load");
    return grammar;
  })();
  return grammarPromise;
}

/** Splits `source` into lines as an editor does, with the offset each line starts at. */
export function splitLines(source: string): { text: string; offset: number }[] {
  const lines: { text: string; offset: number }[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(source); m !== null; m = re.exec(source)) {
    lines.push({ text: source.slice(start, m.index), offset: start });
    start = m.index + m[0].length;
  }
  lines.push({ text: source.slice(start), offset: start });
  return lines;
}

/** Tokenizes `source` line by line, carrying the rule stack across lines as VS Code does. */
export async function tokenizeSource(source: string): Promise<Tokenized> {
  const grammar = await loadGrammar();
  const scopes: string[][] = new Array(source.length);
  const errors: string[] = [];
  let stack = vsctm.INITIAL;
  for (const [index, line] of splitLines(source).entries()) {
    const r = grammar.tokenizeLine(line.text, stack, 0);
    if (r.stoppedEarly) errors.push(`line ${index + 1}: tokenization stopped early`);
    for (const t of r.tokens) {
      for (let i = t.startIndex; i < Math.min(t.endIndex, line.text.length); i++) scopes[line.offset + i] = t.scopes;
    }
    for (let i = 0; i < line.text.length; i++) {
      if (scopes[line.offset + i] === undefined) errors.push(`line ${index + 1}, column ${i + 1}: no token`);
    }
    stack = r.ruleStack;
  }
  return { scopes, errors };
}

/** The scopes of `piece` within `source` (its `nth` occurrence), checked to be one token. */
export function scopesOf(source: string, tokenized: Tokenized, piece: string, nth = 0): string[] {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = source.indexOf(piece, at + 1);
    if (at === -1) throw new Error(`${JSON.stringify(piece)} (#${nth}) not in ${JSON.stringify(source)}`);
  }
  const first = tokenized.scopes[at]!;
  for (let i = at; i < at + piece.length; i++) {
    if (tokenized.scopes[i]!.join(" ") !== first.join(" ")) {
      throw new Error(`${JSON.stringify(piece)} is not one token: ${JSON.stringify(source.slice(at, i))} is [${first.join(" ")}], then [${tokenized.scopes[i]!.join(" ")}]`);
    }
  }
  return first;
}
