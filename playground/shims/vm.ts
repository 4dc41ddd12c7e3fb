/**
 * `node:vm` for the playground's worker: the loader compiles each module body with
 * `new vm.Script(source, { filename }).runInThisContext()`. Here that is an indirect `eval` in the
 * worker's global scope (the same realm, as in Node), with a `sourceURL` so the body's stack
 * frames carry `filename` and the loader maps them back to ML lines.
 *
 * Safe for the same reasons as in Node: the only source ever evaluated is the compiler's output
 * for a module body (the loader's wrapper around it), never program text, and ML code compiled
 * that way cannot name a JavaScript global (`self`, `fetch`, `postMessage`…): its names are
 * mangled and resolved in its own scopes. The worker is also a separate thread with no access to
 * the page's DOM.
 */
const indirectEval = eval;

export class Script {
  readonly #source: string;

  constructor(source: string, options: { filename?: string } = {}) {
    const name = options.filename === undefined ? "" : `\n//# sourceURL=${options.filename.replace(/\s/g, "_")}`;
    this.#source = source + name;
  }

  runInThisContext(): unknown {
    return indirectEval(this.#source);
  }
}

export default { Script };
