/**
 * What a sandbox worker process is started from. Kept apart from `process.ts` so that the option
 * types built on it declare nothing from Node (the package's public types need no `@types/node`).
 */

/** What a worker process is started from. */
export interface WorkerProcessSpec {
  /** The worker's main module. */
  readonly worker: string;
  /** Node options of the process (its heap limit). */
  readonly execArgv: readonly string[];
  /** The environment of the process. */
  readonly env: Readonly<Record<string, string>>;
}
