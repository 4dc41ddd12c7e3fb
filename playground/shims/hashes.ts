/**
 * Synchronous message digests for the playground's `node:crypto` shim (the browser's WebCrypto
 * digests are asynchronous only): MD5, SHA-1, SHA-224, SHA-256, SHA-384, SHA-512, SHA-512/224
 * and SHA-512/256, and HMAC over any of them. The round constants and initial values are
 * computed from their definitions (fractional parts of square and cube roots of primes, sines
 * for MD5, the SHA-512/t generation function) rather than typed in; test/playground/shims.test.ts
 * compares every digest and HMAC with Node's.
 */

/** The first `n` primes. */
function primes(n: number): number[] {
  const out: number[] = [];
  for (let k = 2; out.length < n; k++) if (out.every((p) => k % p !== 0)) out.push(k);
  return out;
}

/** floor(x^(1/k)) for a non-negative BigInt, by Newton's method. */
function iroot(x: bigint, k: bigint): bigint {
  if (x < 2n) return x;
  let r = 1n << (BigInt(x.toString(2).length) / k + 1n);
  for (;;) {
    const next = ((k - 1n) * r + x / r ** (k - 1n)) / k;
    if (next >= r) return r;
    r = next;
  }
}

/** The first 64 bits of the fractional part of p^(1/k), as [high 32, low 32]. */
function fraction64(p: number, k: bigint): [number, number] {
  const v = iroot(BigInt(p) << (64n * k), k) & ((1n << 64n) - 1n);
  return [Number(v >> 32n), Number(v & 0xffffffffn)];
}

const PRIMES = primes(80);
const K512 = PRIMES.map((p) => fraction64(p, 3n));
const K256 = K512.slice(0, 64).map(([hi]) => hi);
const IV512 = PRIMES.slice(0, 8).map((p) => fraction64(p, 2n));
const IV384 = PRIMES.slice(8, 16).map((p) => fraction64(p, 2n));
const IV256 = IV512.map(([hi]) => hi);
const IV224 = IV384.map(([, lo]) => lo);

/** A digest over bytes: the whole message at once. */
type Digest = (message: Uint8Array) => Uint8Array;

/** The message padded to whole blocks, its bit length at the end (big-endian unless `little`). */
function pad(message: Uint8Array, block: number, lengthBytes: number, little: boolean): DataView {
  const total = Math.ceil((message.length + 1 + lengthBytes) / block) * block;
  const bytes = new Uint8Array(total);
  bytes.set(message);
  bytes[message.length] = 0x80;
  const view = new DataView(bytes.buffer);
  const bits = message.length * 8;
  const hi = Math.floor(bits / 2 ** 32);
  const lo = bits >>> 0;
  if (little) {
    view.setUint32(total - 8, lo, true);
    view.setUint32(total - 4, hi, true);
  } else {
    view.setUint32(total - 8, hi);
    view.setUint32(total - 4, lo);
  }
  return view;
}

function words(state: readonly number[], little = false): Uint8Array {
  const out = new DataView(new ArrayBuffer(state.length * 4));
  state.forEach((w, i) => out.setUint32(i * 4, w, little));
  return new Uint8Array(out.buffer);
}

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));
const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

const MD5_SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const MD5_K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);

const md5: Digest = (message) => {
  const view = pad(message, 64, 8, true);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  const m = new Array<number>(16);
  for (let off = 0; off < view.byteLength; off += 64) {
    for (let i = 0; i < 16; i++) m[i] = view.getUint32(off + i * 4, true);
    let [a, b, c, d] = h as [number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const round = i >> 4;
      let f: number;
      let g: number;
      if (round === 0) [f, g] = [(b & c) | (~b & d), i];
      else if (round === 1) [f, g] = [(d & b) | (~d & c), (5 * i + 1) % 16];
      else if (round === 2) [f, g] = [b ^ c ^ d, (3 * i + 5) % 16];
      else [f, g] = [c ^ (b | ~d), (7 * i) % 16];
      const sum = (a + f + MD5_K[i]! + m[g]!) | 0;
      [a, d, c] = [d, c, b];
      b = (b + rotl(sum, MD5_SHIFTS[round * 4 + (i % 4)]!)) | 0;
    }
    h[0] = (h[0]! + a) | 0;
    h[1] = (h[1]! + b) | 0;
    h[2] = (h[2]! + c) | 0;
    h[3] = (h[3]! + d) | 0;
  }
  return words(h.map((x) => x >>> 0), true);
};

const sha1: Digest = (message) => {
  const view = pad(message, 64, 8, false);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Array<number>(80);
  for (let off = 0; off < view.byteLength; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 80; i++) w[i] = rotl(w[i - 3]! ^ w[i - 8]! ^ w[i - 14]! ^ w[i - 16]!, 1);
    let [a, b, c, d, e] = h as [number, number, number, number, number];
    for (let i = 0; i < 80; i++) {
      const [f, k] =
        i < 20 ? [(b & c) | (~b & d), 0x5a827999] : i < 40 ? [b ^ c ^ d, 0x6ed9eba1] : i < 60 ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc] : [b ^ c ^ d, 0xca62c1d6];
      const t = (rotl(a, 5) + f + e + k + w[i]!) | 0;
      [e, d, c, b, a] = [d, c, rotl(b, 30), a, t];
    }
    [a, b, c, d, e].forEach((x, i) => (h[i] = (h[i]! + x) | 0));
  }
  return words(h.map((x) => x >>> 0));
};

function sha256With(iv: readonly number[], outWords: number): Digest {
  return (message) => {
    const view = pad(message, 64, 8, false);
    const h = [...iv];
    const w = new Array<number>(64);
    for (let off = 0; off < view.byteLength; off += 64) {
      for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
      for (let i = 16; i < 64; i++) {
        const s0 = rotr(w[i - 15]!, 7) ^ rotr(w[i - 15]!, 18) ^ (w[i - 15]! >>> 3);
        const s1 = rotr(w[i - 2]!, 17) ^ rotr(w[i - 2]!, 19) ^ (w[i - 2]! >>> 10);
        w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
      }
      let [a, b, c, d, e, f, g, hh] = h as [number, number, number, number, number, number, number, number];
      for (let i = 0; i < 64; i++) {
        const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K256[i]! + w[i]!) | 0;
        const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
        [hh, g, f, e, d, c, b, a] = [g, f, e, (d + t1) | 0, c, b, a, (t1 + t2) | 0];
      }
      [a, b, c, d, e, f, g, hh].forEach((x, i) => (h[i] = (h[i]! + x) | 0));
    }
    return words(h.slice(0, outWords).map((x) => x >>> 0));
  };
}

// SHA-512 works on 64-bit words kept as pairs of 32-bit halves (high, low).
type W64 = [number, number];

function rotr64([hi, lo]: W64, n: number): W64 {
  if (n < 32) return [((hi >>> n) | (lo << (32 - n))) >>> 0, ((lo >>> n) | (hi << (32 - n))) >>> 0];
  const m = n - 32;
  return [((lo >>> m) | (hi << (32 - m))) >>> 0, ((hi >>> m) | (lo << (32 - m))) >>> 0];
}

function shr64([hi, lo]: W64, n: number): W64 {
  return [hi >>> n, ((lo >>> n) | (hi << (32 - n))) >>> 0];
}

function xor64(...xs: W64[]): W64 {
  let hi = 0;
  let lo = 0;
  for (const [h, l] of xs) {
    hi ^= h;
    lo ^= l;
  }
  return [hi >>> 0, lo >>> 0];
}

function add64(...xs: W64[]): W64 {
  let hi = 0;
  let lo = 0;
  for (const [h, l] of xs) {
    hi += h;
    lo += l;
  }
  return [(hi + Math.floor(lo / 2 ** 32)) >>> 0, lo >>> 0];
}

function sha512With(iv: readonly W64[], outBytes: number): Digest {
  return (message) => {
    const view = pad(message, 128, 16, false);
    const h: W64[] = iv.map(([hi, lo]) => [hi, lo]);
    const w: W64[] = new Array(80);
    for (let off = 0; off < view.byteLength; off += 128) {
      for (let i = 0; i < 16; i++) w[i] = [view.getUint32(off + i * 8), view.getUint32(off + i * 8 + 4)];
      for (let i = 16; i < 80; i++) {
        const s0 = xor64(rotr64(w[i - 15]!, 1), rotr64(w[i - 15]!, 8), shr64(w[i - 15]!, 7));
        const s1 = xor64(rotr64(w[i - 2]!, 19), rotr64(w[i - 2]!, 61), shr64(w[i - 2]!, 6));
        w[i] = add64(w[i - 16]!, s0, w[i - 7]!, s1);
      }
      let [a, b, c, d, e, f, g, hh] = h as [W64, W64, W64, W64, W64, W64, W64, W64];
      for (let i = 0; i < 80; i++) {
        const ch: W64 = [((e[0] & f[0]) ^ (~e[0] & g[0])) >>> 0, ((e[1] & f[1]) ^ (~e[1] & g[1])) >>> 0];
        const maj: W64 = [((a[0] & b[0]) ^ (a[0] & c[0]) ^ (b[0] & c[0])) >>> 0, ((a[1] & b[1]) ^ (a[1] & c[1]) ^ (b[1] & c[1])) >>> 0];
        const t1 = add64(hh, xor64(rotr64(e, 14), rotr64(e, 18), rotr64(e, 41)), ch, K512[i] as W64, w[i]!);
        const t2 = add64(xor64(rotr64(a, 28), rotr64(a, 34), rotr64(a, 39)), maj);
        [hh, g, f, e, d, c, b, a] = [g, f, e, add64(d, t1), c, b, a, add64(t1, t2)];
      }
      [a, b, c, d, e, f, g, hh].forEach((x, i) => (h[i] = add64(h[i]!, x)));
    }
    return words(h.flat()).subarray(0, outBytes);
  };
}

const sha512 = sha512With(IV512 as W64[], 64);

/** The initial value of SHA-512/t (FIPS 180-4 §5.3.6): SHA-512 of "SHA-512/t" from a changed IV. */
function sha512tIV(t: number): W64[] {
  const changed = IV512.map(([hi, lo]) => [(hi ^ 0xa5a5a5a5) >>> 0, (lo ^ 0xa5a5a5a5) >>> 0] as W64);
  const digest = sha512With(changed, 64)(new TextEncoder().encode(`SHA-512/${t}`));
  const view = new DataView(digest.buffer, digest.byteOffset, 64);
  return Array.from({ length: 8 }, (_, i) => [view.getUint32(i * 8), view.getUint32(i * 8 + 4)] as W64);
}

/** Digest and block size (bytes) of each algorithm, by Node's name. */
const ALGORITHMS: Readonly<Record<string, { digest: Digest; block: number }>> = {
  md5: { digest: md5, block: 64 },
  sha1: { digest: sha1, block: 64 },
  sha224: { digest: sha256With(IV224, 7), block: 64 },
  sha256: { digest: sha256With(IV256, 8), block: 64 },
  sha384: { digest: sha512With(IV384 as W64[], 48), block: 128 },
  sha512: { digest: sha512, block: 128 },
  "sha512-224": { digest: sha512With(sha512tIV(224), 28), block: 128 },
  "sha512-256": { digest: sha512With(sha512tIV(256), 32), block: 128 },
};

/** Whether {@link digestOf} knows `algorithm` (Node's name, case-insensitive). */
export function hasAlgorithm(algorithm: string): boolean {
  return Object.hasOwn(ALGORITHMS, algorithm.toLowerCase());
}

function algorithmOf(algorithm: string): { digest: Digest; block: number } {
  const found = ALGORITHMS[algorithm.toLowerCase()];
  if (found === undefined || !hasAlgorithm(algorithm)) {
    throw new Error(`the ${algorithm} digest is not available in the browser playground (${Object.keys(ALGORITHMS).join(", ")} are)`);
  }
  return found;
}

/** The digest of `message` with `algorithm`. */
export function digestOf(algorithm: string, message: Uint8Array): Uint8Array {
  return algorithmOf(algorithm).digest(message);
}

/** HMAC (RFC 2104) of `message` under `key` with `algorithm`. */
export function hmacOf(algorithm: string, key: Uint8Array, message: Uint8Array): Uint8Array {
  const { digest, block } = algorithmOf(algorithm);
  const k = new Uint8Array(block);
  k.set(key.length > block ? digest(key) : key);
  const inner = new Uint8Array(block + message.length);
  const outerKey = new Uint8Array(block);
  for (let i = 0; i < block; i++) {
    inner[i] = k[i]! ^ 0x36;
    outerKey[i] = k[i]! ^ 0x5c;
  }
  inner.set(message, block);
  const innerDigest = digest(inner);
  const outer = new Uint8Array(block + innerDigest.length);
  outer.set(outerKey);
  outer.set(innerDigest, block);
  return digest(outer);
}
