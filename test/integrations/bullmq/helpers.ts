// Shared by the in-process BullMQ tests: a redis-server with one MLQueue and one MLWorker on a
// queue, and the error a job's result rejects with.
import { MLQueue, MLWorker, type MLWorkerOptions } from "../../../dist/integrations/bullmq/index.js";
import { startRedis, type TestRedis } from "./redis.js";

/** A redis-server, and a producer and a worker on one queue of it. */
export interface Rig {
  readonly redis: TestRedis;
  readonly queue: MLQueue;
  readonly worker: MLWorker;
  /** Closes the worker and the queue, then ends the server. */
  stop(): Promise<void>;
}

/** Starts a {@link Rig} on queue `name`; `options` are the worker's, less the connection. */
export async function startRig(name: string, options: Omit<MLWorkerOptions, "connection">): Promise<Rig> {
  const redis = await startRedis();
  const queue = new MLQueue(name, { connection: redis.connection });
  const worker = new MLWorker(name, { ...options, connection: redis.connection });
  return {
    redis,
    queue,
    worker,
    async stop() {
      await worker.close();
      await queue.close();
      await redis.stop();
    },
  };
}

/** The error `running` rejects with (fails the test if it resolves). */
export async function rejection(running: Promise<unknown>): Promise<Error> {
  try {
    await running;
  } catch (e) {
    return e as Error;
  }
  throw new Error("the job did not fail");
}
