/**
 * The playground's Web Worker: runs one ML program per request with the host API (`load`, its
 * output sent to the page rather than collected a second time as `run` would), under the step
 * and time limits the page sends, with no capability granted. Effectful stdlib calls are
 * therefore refused (`CapabilityError`); pure modules work as under Node.
 */
import { load } from "../../src/host/api.js";
import { MLCompileError, MLRuntimeError } from "../../src/host/errors.js";
import { MAX_OUTPUT, type RunRequest, type RunResponse } from "./protocol.js";

interface WorkerScope {
  onmessage: ((event: MessageEvent<RunRequest>) => void) | null;
  postMessage(message: RunResponse): void;
}

const scope = globalThis as unknown as WorkerScope;

/** Collects output up to {@link MAX_OUTPUT} code units. */
class Output {
  readonly #parts: string[] = [];
  #length = 0;
  #dropped = false;

  write = (text: string): void => {
    if (this.#dropped) return;
    const room = MAX_OUTPUT - this.#length;
    if (text.length > room) {
      this.#parts.push(text.slice(0, room));
      this.#length = MAX_OUTPUT;
      this.#dropped = true;
      return;
    }
    this.#parts.push(text);
    this.#length += text.length;
  };

  text(): string {
    const s = this.#parts.join("");
    return this.#dropped ? `${s}\n[output cut at ${MAX_OUTPUT} characters]\n` : s;
  }
}

async function runRequest(req: RunRequest): Promise<RunResponse> {
  const out = new Output();
  const started = performance.now();
  let error: string | null = null;
  let errorType: string | null = null;
  try {
    await load(
      { source: req.source, filename: req.filename },
      {
        limits: { steps: req.limits.steps ?? Infinity, timeMs: req.limits.timeMs ?? Infinity },
        stdout: out.write,
        stderr: out.write,
        capabilities: [],
        env: {},
        args: [],
      },
    );
  } catch (e) {
    if (e instanceof MLRuntimeError) {
      errorType = e.mlType;
      error = e.stack ?? e.message;
    } else if (e instanceof MLCompileError) {
      errorType = "MLCompileError";
      error = e.message;
    } else {
      errorType = "InternalError";
      error = `internal error: ${e instanceof Error ? e.message : String(e)}`;
    }
  }
  // An error's message can quote the program's data: it is cut like the output.
  if (error !== null && error.length > MAX_OUTPUT) error = `${error.slice(0, MAX_OUTPUT)}… [error message cut at ${MAX_OUTPUT} characters]`;
  return { id: req.id, output: out.text(), error, errorType, elapsedMs: Math.round(performance.now() - started) };
}

scope.onmessage = (event) => {
  void runRequest(event.data).then((response) => scope.postMessage(response));
};
