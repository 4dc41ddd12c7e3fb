/**
 * Formatting: the document in the canonical layout of `mljs fmt` (the editor's indentation
 * settings are not used: there is one layout). A document with syntax errors is left as it is.
 */
import type { TextEdit } from "vscode-languageserver/node";
import { format, FormatterError } from "../compiler/format.js";

/** One edit replacing the whole text with its formatted form; none when it is formatted already or does not parse. */
export function formatDocument(text: string, filename: string): TextEdit[] {
  let result;
  try {
    result = format(text, { filename });
  } catch (e) {
    if (e instanceof FormatterError) return [];
    throw e;
  }
  if (!result.ok || !result.changed) return [];
  const lines = text.split("\n");
  const end = { line: lines.length - 1, character: lines[lines.length - 1]!.length };
  return [{ range: { start: { line: 0, character: 0 }, end }, newText: result.text }];
}
