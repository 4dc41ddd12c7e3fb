/**
 * `mljs-lang/bullmq`: ML jobs on a fleet of workers through BullMQ and Redis (docs/bullmq.md,
 * docs/scale-out.md).
 *
 * ```js
 * // web server (producer)
 * import { MLQueue } from "mljs-lang/bullmq";
 * const queue = new MLQueue("rules", { connection: { host: "127.0.0.1", port: 6379 } });
 * const id = await queue.publish({ source, filename: "pricing.ml" });  // once; the sha-256 of the source
 * const job = await queue.add(id, "quote", [cart], { capabilities: ["datetime.now"] });
 * const price = await queue.result(job, 10_000);
 *
 * // worker machine (or: mljs worker --redis redis://127.0.0.1:6379 --queue rules --allow datetime.now)
 * import { MLWorker, policyGrants } from "mljs-lang/bullmq";
 * const worker = new MLWorker("rules", {
 *   connection: { host: "127.0.0.1", port: 6379 },
 *   sandbox: { memoryMb: 64, timeoutMs: 2000 },
 *   capabilitiesFor: policyGrants(["datetime.now"]),
 * });
 * ```
 *
 * BullMQ (and a Redis client it can load, ioredis) are optional peer dependencies: install them
 * to use this module. Only this module imports BullMQ.
 * @packageDocumentation
 */
export { MLQueue, MLJobFailedError } from "./queue.js";
export type { MLQueueOptions, MLJobOptions, PublishInput } from "./queue.js";
export { MLWorker, policyGrants } from "./worker.js";
export type { MLWorkerOptions, MLWorkerStats, MLJob, CapabilitiesForJob } from "./worker.js";
export { programId } from "./protocol.js";
export type { MLJobData, MLJobFailure } from "./protocol.js";
