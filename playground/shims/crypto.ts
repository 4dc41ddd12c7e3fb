/**
 * `node:crypto` for the playground's worker: random bytes, integers and UUIDs from the browser's
 * `crypto.getRandomValues` (the `random` and `crypto` modules), and a constant-time compare.
 * `createHash` and `createHmac` for the digests of hashes.ts (the browser has no synchronous
 * digest API); SHA-3 and BLAKE2 are not there, and asking for one throws an error saying so.
 */
import { Buffer, type Bytes } from "./buffer.js";
import { digestOf, hmacOf } from "./hashes.js";

const webCrypto = globalThis.crypto;

/** Fills `view` with random bytes (in slices: `getRandomValues` takes at most 65 536 bytes). */
export function randomFillSync<T extends ArrayBufferView>(view: T): T {
  const bytes = new Uint8Array(view.buffer as ArrayBuffer, view.byteOffset, view.byteLength);
  for (let at = 0; at < bytes.length; at += 65536) webCrypto.getRandomValues(bytes.subarray(at, at + 65536));
  return view;
}

export function randomBytes(size: number): Bytes {
  return randomFillSync(Buffer.allocUnsafe(size));
}

/** A uniform integer in [min, max) (or [0, min) with one argument), by rejection sampling. */
export function randomInt(min: number, max?: number): number {
  const [lo, hi] = max === undefined ? [0, min] : [min, max];
  const range = hi - lo;
  if (!Number.isSafeInteger(range) || range <= 0 || range > 2 ** 48) throw new RangeError("randomInt: bad range");
  const limit = 2 ** 48 - (2 ** 48 % range);
  for (;;) {
    const b = randomBytes(6);
    const x = b[0]! * 2 ** 40 + b[1]! * 2 ** 32 + b[2]! * 2 ** 24 + b[3]! * 2 ** 16 + b[4]! * 2 ** 8 + b[5]!;
    if (x < limit) return lo + (x % range);
  }
}

/** A random (version 4) UUID. */
export function randomUUID(): string {
  const b = randomBytes(16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) throw new RangeError("Input buffers must have the same byte length");
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** What `update` takes: text (UTF-8 unless another encoding is named) or bytes. */
function bytesOf(data: string | Uint8Array, encoding?: "utf8" | "hex" | "latin1"): Uint8Array {
  return typeof data === "string" ? Buffer.from(data, encoding ?? "utf8") : data;
}

/** A hash or HMAC in progress: `update` collects the message, `digest` computes it once. */
class Hash {
  readonly #parts: Uint8Array[] = [];
  readonly #compute: (message: Uint8Array) => Uint8Array;

  constructor(compute: (message: Uint8Array) => Uint8Array) {
    this.#compute = compute;
  }

  update(data: string | Uint8Array, encoding?: "utf8" | "hex" | "latin1"): this {
    this.#parts.push(bytesOf(data, encoding));
    return this;
  }

  digest(): Bytes;
  digest(encoding: "hex" | "base64" | "latin1"): string;
  digest(encoding?: "hex" | "base64" | "latin1"): Bytes | string {
    const out = Buffer.from(this.#compute(Buffer.concat(this.#parts)));
    return encoding === undefined ? out : out.toString(encoding);
  }
}

export function createHash(algorithm: string): Hash {
  digestOf(algorithm, new Uint8Array(0)); // an unknown algorithm fails here, as in Node
  return new Hash((message) => digestOf(algorithm, message));
}

export function createHmac(algorithm: string, key: string | Uint8Array): Hash {
  const k = bytesOf(key);
  hmacOf(algorithm, k, new Uint8Array(0));
  return new Hash((message) => hmacOf(algorithm, k, message));
}

export default { randomFillSync, randomBytes, randomInt, randomUUID, timingSafeEqual, createHash, createHmac };
