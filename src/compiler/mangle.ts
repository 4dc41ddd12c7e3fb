/**
 * JavaScript names for ML identifiers.
 *
 * ML identifiers are `[A-Za-z_][A-Za-z0-9_]*` and never contain `$`; every internal name of the
 * generated code starts with `$`. An ML name that JavaScript would reject or treat specially as a
 * binding (`class`, `let`, `arguments`, `eval`, `undefined`, `async` in `for (async of …)`) gets
 * one `$` appended (`class` → `class$`). The result can clash neither with another ML name (they
 * have no `$`) nor with an internal name (those start with `$`), and the runtime and the stack
 * mapper undo it with {@link demangle}.
 */

/**
 * Names mangled by {@link mangle}: ECMAScript reserved words, strict-mode and module reserved
 * words, names that cannot be bound in strict code, the value-like globals (so generated code
 * never shadows them confusingly), and contextual words that break some binding positions.
 */
const JS_RESERVED: ReadonlySet<string> = new Set([
  // Reserved words (ES2023 §12.7.2)
  "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default",
  "delete", "do", "else", "enum", "export", "extends", "false", "finally", "for", "function",
  "if", "import", "in", "instanceof", "new", "null", "return", "super", "switch", "this",
  "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield",
  // Reserved in strict mode code
  "implements", "interface", "let", "package", "private", "protected", "public", "static",
  // Not bindable in strict mode code
  "arguments", "eval",
  // Value-like globals
  "undefined", "NaN", "Infinity",
  // Contextual keywords that are invalid in some binding positions (`for (async of x)`)
  "async", "of", "get", "set", "target", "meta", "from", "as",
]);

/**
 * The JavaScript identifier for an ML name: the name itself, or the name followed by `$` when it
 * is reserved or restricted in JavaScript.
 */
export function mangle(name: string): string {
  return JS_RESERVED.has(name) ? name + "$" : name;
}

/**
 * The ML name of a JavaScript identifier produced by {@link mangle} (one trailing `$` removed).
 * Internal names such as `$module` are returned unchanged.
 */
export function demangle(name: string): string {
  return name.length > 1 && name.charCodeAt(name.length - 1) === 36 /* $ */ && name.charCodeAt(0) !== 36
    ? name.slice(0, -1)
    : name;
}

/** True when {@link mangle} changes `name`. */
export function needsMangling(name: string): boolean {
  return JS_RESERVED.has(name);
}
