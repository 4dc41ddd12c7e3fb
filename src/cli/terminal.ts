/**
 * Terminal output for the CLI: colour decisions and buffered writes.
 */
import { writeSync as fsWriteSync } from "node:fs";

/** Colours are used when the stream is a terminal, unless NO_COLOR is set; FORCE_COLOR forces them. */
export function useColor(stream: NodeJS.WriteStream): boolean {
  const env = process.env;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0") return true;
  if (env.NO_COLOR !== undefined) return false;
  return stream.isTTY === true;
}

export const paint = {
  red: (s: string, on: boolean) => (on ? `\x1b[31m${s}\x1b[39m` : s),
  yellow: (s: string, on: boolean) => (on ? `\x1b[33m${s}\x1b[39m` : s),
  dim: (s: string, on: boolean) => (on ? `\x1b[2m${s}\x1b[22m` : s),
  bold: (s: string, on: boolean) => (on ? `\x1b[1m${s}\x1b[22m` : s),
};

/**
 * Collects program output and writes it in large chunks: one `write` per `print` would make
 * output-heavy programs slow. Flushed when it grows large, before reading input, and at exit.
 */
export class BufferedWriter {
  private chunks: string[] = [];
  private size = 0;

  constructor(private readonly fd: 1 | 2, private readonly limit = 1 << 16) {}

  write = (text: string): void => {
    this.chunks.push(text);
    this.size += text.length;
    if (this.size >= this.limit) this.flush();
  };

  flush(): void {
    if (this.chunks.length === 0) return;
    const text = this.chunks.join("");
    this.chunks = [];
    this.size = 0;
    writeAllSync(this.fd, text);
  }
}

/** Writes synchronously, so nothing is lost when the process exits right after. */
export function writeAllSync(fd: number, text: string): void {
  const buf = Buffer.from(text, "utf8");
  let off = 0;
  while (off < buf.length) {
    try {
      off += fsWriteSync(fd, buf, off, buf.length - off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EAGAIN") continue;
      if ((e as NodeJS.ErrnoException).code === "EPIPE") return;
      throw e;
    }
  }
}
