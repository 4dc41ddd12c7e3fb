/**
 * `node:vm` for the playground's worker: the loader compiles each module body with
 * `new vm.Script(source, { filename }).runInThisContext()`. Here that is an indirect `eval` in the
 * worker's global scope (the same realm, as in Node), with a `sourceURL` so the body's stack
 * frames carry `filename` and the loader maps them back to ML lines.
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
