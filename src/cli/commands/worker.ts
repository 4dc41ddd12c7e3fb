/**
 * `mljs worker --redis URL --queue NAME [--concurrency N] [--memory MB] [--timeout MS] [--pool N]
 * [--allow CAP[=PATTERN]]...`: a worker process of `mljs-lang/bullmq` (docs/bullmq.md). It runs
 * the ML jobs of one queue in its sandbox until SIGTERM or SIGINT, then stops taking jobs, lets
 * those in progress finish and exits 0 (a second signal exits at once, 1; the jobs it had are
 * taken over by other workers).
 *
 * The `--allow` list is the worker's policy: a job is granted the capabilities of the list that
 * it asks for (requested ∩ policy, with the list's patterns), and a job asking for one the list
 * lacks fails with `CapabilityError` before it runs.
 */
import type { MLWorker } from "../../integrations/bullmq/index.js";
import { writeAllSync } from "../terminal.js";
import { ExitCode, UsageError, grantsFromOptions, numberOption, parseOptions, type OptionSpecs } from "../usage.js";

const WORKER_OPTIONS = {
  redis: { type: "string" },
  queue: { type: "string" },
  concurrency: { type: "string" },
  memory: { type: "string" },
  timeout: { type: "string" },
  pool: { type: "string" },
  allow: { type: "string", multiple: true },
  prefix: { type: "string" },
} as const satisfies OptionSpecs;

/** `mljs worker …`: resolves to the exit code once the worker has drained. */
export async function workerCommand(args: readonly string[]): Promise<number> {
  const { values, positionals, help } = parseOptions(args, WORKER_OPTIONS, "worker");
  if (help) {
    writeAllSync(1, (await import("./help.js")).commandHelp("worker"));
    return ExitCode.Ok;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (mljs worker takes options only)`, "worker");
  if (values.redis === undefined) throw new UsageError("mljs worker needs --redis URL, e.g. --redis redis://127.0.0.1:6379", "worker");
  if (values.queue === undefined || values.queue === "") throw new UsageError("mljs worker needs --queue NAME, the queue the producers add jobs to", "worker");
  const url = redisUrl(values.redis);
  const concurrency = numberOption("concurrency", values.concurrency) ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError(`--concurrency expects a whole number >= 1, got '${values.concurrency}'`, "worker");
  const memoryMb = numberOption("memory", values.memory);
  const timeoutMs = numberOption("timeout", values.timeout);
  const poolSize = numberOption("pool", values.pool);
  if (poolSize !== undefined && (!Number.isInteger(poolSize) || poolSize < 1)) throw new UsageError(`--pool expects a whole number >= 1, got '${values.pool}'`, "worker");
  const policy = grantsFromOptions(values.allow ?? [], false);

  let bullmq: typeof import("../../integrations/bullmq/index.js");
  try {
    bullmq = await import("../../integrations/bullmq/index.js");
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === "MODULE_NOT_FOUND" || code === "ERR_MODULE_NOT_FOUND") {
      writeAllSync(2, "mljs worker: needs the bullmq and ioredis packages: npm install bullmq ioredis\n");
      return ExitCode.Usage;
    }
    throw e;
  }
  let worker: MLWorker;
  try {
    worker = new bullmq.MLWorker(values.queue, {
      connection: { url: url.href },
      concurrency,
      ...(values.prefix === undefined ? {} : { prefix: values.prefix }),
      sandbox: {
        ...(memoryMb === undefined ? {} : { memoryMb }),
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
        ...(poolSize === undefined ? {} : { poolSize }),
      },
      capabilitiesFor: bullmq.policyGrants(policy),
      onError: (e) => writeAllSync(2, `mljs worker: ${e.message}\n`),
    });
  } catch (e) {
    // The sandbox refuses a heap or time limit it cannot honour: that is the user's option.
    if (!(e instanceof RangeError)) throw e;
    throw new UsageError(e.message.replace(/^memoryMb\b/, "--memory").replace(/^timeoutMs\b/, "--timeout"), "worker");
  }
  const stopped = drainOnSignal(worker);
  const ready = await Promise.race([worker.waitUntilReady().then(() => true), stopped.then(() => false)]);
  if (!ready) {
    writeAllSync(2, "mljs worker: stopped before it could connect to Redis\n");
    return ExitCode.Ok;
  }
  const shown = policy.length === 0 ? "none" : policy.map((t) => (t.resources.length === 0 ? t.name : `${t.name}=${t.resources.join(",")}`)).join(" ");
  writeAllSync(
    2,
    `mljs worker: serving queue '${values.queue}' on ${redacted(url)} (concurrency ${concurrency}, memory ${worker.sandbox.memoryMb} MB, timeout ${worker.sandbox.timeoutMs} ms; grants on request: ${shown})\n`,
  );
  await stopped;
  const { completed, failed } = worker.stats;
  writeAllSync(2, `mljs worker: stopped (${completed} ${completed === 1 ? "job" : "jobs"} completed, ${failed} failed)\n`);
  return ExitCode.Ok;
}

/** Resolves once the worker has drained after SIGTERM or SIGINT; a second signal exits at once. */
function drainOnSignal(worker: MLWorker): Promise<void> {
  return new Promise((resolve, reject) => {
    let draining = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (draining) {
        writeAllSync(2, `mljs worker: ${signal} again: exiting without waiting (other workers take over the jobs in progress)\n`);
        process.exit(1);
      }
      draining = true;
      writeAllSync(2, `mljs worker: ${signal}: finishing the jobs in progress, taking no new ones\n`);
      worker.close().then(() => {
        process.off("SIGTERM", onSignal);
        process.off("SIGINT", onSignal);
        resolve();
      }, reject);
    };
    process.on("SIGTERM", onSignal);
    process.on("SIGINT", onSignal);
  });
}

function redisUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`--redis expects a URL such as redis://127.0.0.1:6379, got '${text}'`, "worker");
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") {
    throw new UsageError(`--redis expects a redis:// or rediss:// URL, got '${text}'`, "worker");
  }
  return url;
}

/** The URL without its password, for the log. */
function redacted(url: URL): string {
  if (url.password === "") return url.href;
  const copy = new URL(url.href);
  copy.password = "***";
  return copy.href;
}
