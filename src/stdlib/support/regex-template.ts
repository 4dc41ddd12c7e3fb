/**
 * Python replacement templates (`re.sub`, `Match.expand`): `\1`…`\99`, `\g<1>`, `\g<name>`,
 * `\g<0>` (the whole match), octal `\0` / `\123`, and the escapes `\a \b \f \n \r \t \v \\`.
 * Unknown escapes of ASCII letters are errors; other unknown escapes (`\&`) are kept as written.
 * A group that did not participate in the match expands to the empty string (Python 3.5+).
 */
import { MLError, valueError } from "./arguments.js";

/** A parsed template: literal text and group numbers, in order. */
export type Template = readonly (string | number)[];

const DIGITS = "0123456789";
const OCTAL = "01234567";
const ESCAPES: Readonly<Record<string, string>> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" };
const IDENTIFIER = /^[\p{XID_Start}_][\p{XID_Continue}]*$/u;
const ASCII_DIGITS = /^[0-9]+$/;
const ASCII_LETTER = /^[A-Za-z]$/;

function bad(template: string, reason: string, at: number) {
  return valueError(`Invalid replacement template '${template}': ${reason} at position ${at}`);
}

/**
 * Parses `template` for a pattern with `groupCount` groups named by `names`. Throws `ValueError`
 * for a malformed template or a group number that does not exist, `IndexError` for an unknown
 * group name (as Python does).
 */
export function parseTemplate(template: string, groupCount: number, names: ReadonlyMap<string, number>): Template {
  const parts: (string | number)[] = [];
  let text = "";
  const group = (n: number, at: number) => {
    if (n > groupCount) throw bad(template, `invalid group reference ${n}`, at);
    if (text !== "") parts.push(text);
    text = "";
    parts.push(n);
  };
  let i = 0;
  while (i < template.length) {
    const slash = template.indexOf("\\", i);
    if (slash < 0) {
      text += template.slice(i);
      break;
    }
    text += template.slice(i, slash);
    if (slash + 1 >= template.length) throw bad(template, "bad escape (end of template)", slash);
    const c = template[slash + 1]!;
    i = slash + 2;
    if (c === "g") {
      if (template[i] !== "<") throw bad(template, "missing <", i);
      const close = template.indexOf(">", i + 1);
      if (close < 0) throw bad(template, i + 1 >= template.length ? "missing group name" : "missing >, unterminated name", i + 1);
      const name = template.slice(i + 1, close);
      if (name === "") throw bad(template, "missing group name", i + 1);
      if (ASCII_DIGITS.test(name)) group(Number(name), i + 1);
      else if (!IDENTIFIER.test(name)) throw bad(template, `bad character in group name '${name}'`, i + 1);
      else {
        const n = names.get(name);
        if (n === undefined) throw new MLError("IndexError", `unknown group name '${name}'`);
        group(n, i + 1);
      }
      i = close + 1;
    } else if (c === "0") {
      // `\0` plus up to two octal digits is a character.
      let j = i;
      while (j < i + 2 && j < template.length && OCTAL.includes(template[j]!)) j++;
      text += String.fromCharCode(parseInt(template.slice(slash + 1, j), 8) & 0xff);
      i = j;
    } else if (DIGITS.includes(c)) {
      // Three octal digits are a character; otherwise one or two digits are a group number.
      const three = template.slice(slash + 1, slash + 4);
      if (three.length === 3 && [...three].every((d) => OCTAL.includes(d))) {
        const value = parseInt(three, 8);
        if (value > 0o377) throw bad(template, `octal escape value \\${three} outside of range 0-0o377`, slash);
        text += String.fromCharCode(value);
        i = slash + 4;
      } else {
        const two = DIGITS.includes(template[i] ?? "") ? template.slice(slash + 1, slash + 3) : c;
        group(Number(two), slash + 1);
        i = slash + 1 + two.length;
      }
    } else if (ESCAPES[c] !== undefined) {
      text += ESCAPES[c];
    } else if (ASCII_LETTER.test(c)) {
      throw bad(template, `bad escape \\${c}`, slash);
    } else {
      text += `\\${c}`;
    }
  }
  if (text !== "") parts.push(text);
  return Object.freeze(parts);
}

/**
 * Expands a parsed template; `group(n)` gives group `n` of the match or `null`, and
 * `check(length)` throws when a result that long may not be built (the program's limits).
 */
export function expandTemplate(parts: Template, group: (n: number) => string | null, check: (length: number) => void): string {
  let out = "";
  for (const part of parts) {
    const piece = typeof part === "string" ? part : (group(part) ?? "");
    check(out.length + piece.length);
    out += piece;
  }
  return out;
}
