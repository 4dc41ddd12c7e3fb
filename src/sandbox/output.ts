/**
 * A run's output, from the worker process to the host in batches.
 *
 * One message per `print` would cost more than the print; one message at the end would lose
 * everything a run printed before the host had to kill it. So text is buffered and sent when a
 * batch is large, when the other stream is written (which keeps the order of the two), or when
 * the previous batch left more than {@link FLUSH_MS} ago — a program that prints and then
 * loops forever has its output sent at the print. At most the last {@link FLUSH_MS} of output
 * can be lost when a worker is killed.
 *
 * The host keeps what it receives, so the total is capped: a write beyond `maxLength` raises
 * `LimitError`, which ends the run (ML code cannot catch it). The check comes before the text is
 * buffered, so neither side ever holds more than `maxLength` code units of a run's output.
 */
import { MLError } from "../runtime/errors.js";
import type { WorkerMessage } from "./protocol.js";

/** Longest gap between a write and its sending, while the program keeps writing. */
export const FLUSH_MS = 5;
/** Buffered UTF-16 code units that force a send. */
const BATCH_SIZE = 16_384;

const now = performance.now.bind(performance);

/** Batches a run's stdout and stderr into `out` messages. */
export class OutputChannel {
  private buffer: string[] = [];
  private size = 0;
  private fd: 1 | 2 = 1;
  private sentAt = -Infinity;
  private total = 0;

  /**
   * @param maxLength most UTF-16 code units the run may write, both streams together
   * @param program a loaded program's id: its output goes as `pout` messages, and {@link reset}
   *   starts each call's count afresh
   */
  constructor(
    private readonly send: (message: WorkerMessage) => void,
    private readonly maxLength: number,
    private readonly program: number | null = null,
  ) {}

  /** Starts a new count of `maxLength` (a loaded program's next call). */
  reset(): void {
    this.total = 0;
  }

  /** Sink for standard output. */
  readonly stdout = (text: string): void => this.write(1, text);
  /** Sink for standard error. */
  readonly stderr = (text: string): void => this.write(2, text);

  private write(fd: 1 | 2, text: string): void {
    if (text.length > this.maxLength - this.total) {
      this.total = Infinity; // every later write fails too
      throw new MLError("LimitError", `output limit exceeded (max ${this.maxLength} characters)`);
    }
    this.total += text.length;
    if (fd !== this.fd) {
      this.flush();
      this.fd = fd;
    }
    this.buffer.push(text);
    this.size += text.length;
    if (this.size >= BATCH_SIZE || now() - this.sentAt >= FLUSH_MS) this.flush();
  }

  /** Sends what is buffered. */
  flush(): void {
    if (this.size > 0) {
      const text = this.buffer.join("");
      const message: WorkerMessage = this.program === null ? { t: "out", fd: this.fd, text } : { t: "pout", p: this.program, fd: this.fd, text };
      this.send(message);
      this.buffer = [];
      this.size = 0;
    }
    this.sentAt = now();
  }
}
