/**
 * `crypto` (docs/stdlib/crypto.md): hashes, HMACs, name-based UUIDs and cryptographically secure random
 * values, on `node:crypto`. Hashing is pure; `hashFile` needs `file.read` for its path, and
 * every draw from the operating system's entropy needs `crypto.random`.
 *
 * Text is hashed as UTF-8; digests are lower-case hex strings.
 *
 * Cost (docs/limits.md): besides the step of the call, a step per 16 bytes hashed, compared or
 * produced (charged before the work), a step per item of an array produced, and a step per
 * character drawn by `randomString` (each is drawn and checked on its own).
 */
import {
  createHash,
  createHmac,
  randomBytes as nodeRandomBytes,
  randomInt as nodeRandomInt,
  randomUUID,
  timingSafeEqual,
} from "node:crypto";
import { defineModule } from "./define.js";
import { needInteger, needNumber, needString, valueError, given } from "./support/arguments.js";
import { spendArray, spendItems, spendString, spendText } from "./support/cost.js";
import { programScope } from "./support/scope.js";
import { readFileChunks } from "./support/fs-io.js";
import { authorizePath } from "../capabilities/check.js";
import { checkStringLength } from "../runtime/limits.js";

const m = defineModule("crypto", "Hashes, HMACs, UUIDs and cryptographically secure random values.");

const ENTROPY = ["crypto.random"];
/**
 * Digest names as Python's `hashlib` spells them (which mlpy passes through), with the Node name
 * of each. Names are matched case-insensitively, with `-` and `_` ignored ("SHA-256", "sha3_256").
 * `shake_*` are left out: they have no fixed digest length (hashlib's `hexdigest()` needs one).
 */
const ALGORITHMS: ReadonlyMap<string, string> = new Map([
  ["md5", "md5"], ["sha1", "sha1"], ["sha224", "sha224"], ["sha256", "sha256"], ["sha384", "sha384"], ["sha512", "sha512"],
  ["sha512_224", "sha512-224"], ["sha512_256", "sha512-256"],
  ["sha3_224", "sha3-224"], ["sha3_256", "sha3-256"], ["sha3_384", "sha3-384"], ["sha3_512", "sha3-512"],
  ["blake2b", "blake2b512"], ["blake2s", "blake2s256"],
]);
/** `sha3_256`, `SHA3-256`, `sha3256` → the key of {@link ALGORITHMS}. */
const ALGORITHM_KEYS: ReadonlyMap<string, string> = new Map([...ALGORITHMS.keys()].map((k) => [k.replace(/_/g, ""), k]));
const ALGORITHM_LIST = "md5, sha1, sha224, sha256, sha384, sha512, sha512_224, sha512_256, sha3_224, sha3_256, sha3_384, sha3_512, blake2b, blake2s";
const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const mathMax = Math.max;
const byteLength = Buffer.byteLength;

/** Charges hashing (or encoding) the UTF-8 bytes of `texts`. */
function spendBytes(...texts: string[]): void {
  let bytes = 0;
  for (const t of texts) bytes += t.length <= 16 ? t.length : byteLength(t, "utf8");
  spendText(bytes);
}

/** The algorithm argument, case-insensitive; unknown names raise ValueError listing the known ones. */
function algorithmOf(fn: string, position: number, v: unknown): string {
  if (!given(v)) return "sha256";
  const name = needString(fn, position, v);
  const key = name.length <= 16 ? ALGORITHM_KEYS.get(name.toLowerCase().replace(/[-_]/g, "")) : undefined;
  if (key === undefined) throw valueError(`${fn}(): unsupported algorithm '${name}' (supported: ${ALGORITHM_LIST})`);
  return ALGORITHMS.get(key)!;
}

function digest(algorithm: string, fn: string, data: unknown, salt: unknown): string {
  const text = needString(fn, 1, data);
  const extra = given(salt) ? needString(fn, 2, salt) : "";
  checkStringLength(text.length + extra.length, programScope().state.limits);
  spendBytes(text, extra);
  // The salt goes first, as in mlpy: hash(salt + data).
  return createHash(algorithm).update(extra, "utf8").update(text, "utf8").digest("hex");
}

function hashFunction(algorithm: string) {
  return m.function(
    {
      name: algorithm, params: 'data, salt=""', returns: "string",
      description: `The ${algorithm.toUpperCase()} digest (lower-case hex) of the UTF-8 text salt + data (the salt is a prefix, as in mlpy).`,
    },
    (data: unknown, salt?: unknown) => digest(algorithm, `crypto.${algorithm}`, data, salt),
  );
}

export const sha256 = hashFunction("sha256");
export const sha1 = hashFunction("sha1");
export const sha512 = hashFunction("sha512");
export const md5 = hashFunction("md5");

function hmacHex(fn: string, message: unknown, key: unknown, algorithm: unknown, algorithmPosition: number, keyPosition = 2): string {
  const text = needString(fn, 1, message);
  const secret = needString(fn, keyPosition, key);
  spendBytes(text, secret);
  return createHmac(algorithmOf(fn, algorithmPosition, algorithm), secret).update(text, "utf8").digest("hex");
}

/** Constant-time comparison of two strings (as UTF-8); different lengths are simply unequal. */
function constantTimeEqual(a: string, b: string): boolean {
  spendBytes(a, b);
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}

export const hmac = m.function(
  {
    name: "hmac", params: 'message, key, algorithm="sha256"', returns: "string",
    description: "The HMAC of message under key (lower-case hex); algorithm is a hashlib name: md5, sha1, sha224, sha256, sha384, sha512, sha3_256, blake2b….",
  },
  (message: unknown, key: unknown, algorithm?: unknown) => hmacHex("crypto.hmac", message, key, algorithm, 3),
);

export const verifyHmac = m.function(
  {
    name: "verifyHmac", aliases: ["verify_hmac"], params: 'message, signature, key, algorithm="sha256"', returns: "boolean",
    description: "Whether signature (hex, any case) is the HMAC of message under key, compared in constant time (mlpy's argument order: the signature before the key).",
  },
  (message: unknown, signature: unknown, key: unknown, algorithm?: unknown) => {
    const claimed = needString("crypto.verifyHmac", 2, signature);
    const expected = hmacHex("crypto.verifyHmac", message, key, algorithm, 4, 3);
    spendText(claimed.length); // lower-cased
    return constantTimeEqual(expected, claimed.toLowerCase());
  },
);

export const compareHash = m.function(
  {
    name: "compareHash", aliases: ["compare_hash"], params: "a, b", returns: "boolean",
    description: "Whether two strings (e.g. hashes or tokens) are equal, compared in constant time so the answer leaks no timing.",
  },
  (a: unknown, b: unknown) => constantTimeEqual(needString("crypto.compareHash", 1, a), needString("crypto.compareHash", 2, b)),
);

// RFC 4122 appendix C name spaces, selectable by name.
const NAMESPACES: Record<string, string> = {
  dns: "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
  url: "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
  oid: "6ba7b812-9dad-11d1-80b4-00c04fd430c8",
  x500: "6ba7b814-9dad-11d1-80b4-00c04fd430c8",
};
const UUID_FORM = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function formatUuid(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export const uuidFromString = m.function(
  {
    name: "uuidFromString", aliases: ["uuid_from_string"], params: 'data, namespace="dns"', returns: "string",
    description:
      'The name-based UUID (version 5, SHA-1) of data: the same input always gives the same UUID. namespace is a UUID string or one of "dns" (default), "url", "oid", "x500".',
  },
  (data: unknown, namespace?: unknown) => {
    const name = needString("crypto.uuidFromString", 1, data);
    const ns = given(namespace) ? needString("crypto.uuidFromString", 2, namespace) : "dns";
    const nsUuid = NAMESPACES[ns.toLowerCase()] ?? ns;
    if (!UUID_FORM.test(nsUuid)) {
      throw valueError(`crypto.uuidFromString(): namespace must be a UUID or one of dns, url, oid, x500, got '${ns}'`);
    }
    spendBytes(name);
    const hash = createHash("sha1").update(Buffer.from(nsUuid.replace(/-/g, ""), "hex")).update(name, "utf8").digest();
    const bytes = hash.subarray(0, 16);
    bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
    bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
    return formatUuid(bytes);
  },
);

export const hashFile = m.function(
  {
    name: "hashFile", aliases: ["hash_file"], params: 'path, algorithm="sha256"', returns: "string", requires: ["file.read"],
    description: "The digest (lower-case hex) of a file's bytes; algorithm is a hashlib name: md5, sha1, sha224, sha256, sha384, sha512, sha3_256, blake2b….",
  },
  (path: unknown, algorithm?: unknown) => {
    const shown = needString("crypto.hashFile", 1, path);
    const name = algorithmOf("crypto.hashFile", 2, algorithm);
    const canonical = authorizePath("crypto.hashFile", "file.read", shown, "hashFile");
    const hash = createHash(name);
    // Chunk by chunk: a large file never has to fit in memory, and each chunk is charged (a
    // step per 16 bytes) before it is hashed, so hashing a huge file meets the run's limits.
    readFileChunks(canonical, shown, (bytes) => {
      spendText(bytes.length);
      hash.update(bytes);
    });
    return hash.digest("hex");
  },
);

export const uuid = m.function(
  { name: "uuid", params: "", returns: "string", requires: ENTROPY, description: "A random UUID (version 4), e.g. 1b4e28ba-2fa1-41d2-883f-0016d3cca427." },
  () => randomUUID(),
);

function byteCount(fn: string, n: unknown): number {
  const count = needInteger(fn, 1, n);
  if (count < 0) throw valueError(`${fn}() needs a non-negative count, got ${count}`);
  return count;
}

export const randomBytes = m.function(
  {
    name: "randomBytes", aliases: ["random_bytes"], params: "n", returns: "array of numbers", requires: ENTROPY,
    description: "An array of n cryptographically secure random byte values (0..255).",
  },
  (n: unknown) => {
    const count = byteCount("crypto.randomBytes", n);
    spendArray(count);
    return Array.from(nodeRandomBytes(count));
  },
);

export const randomHex = m.function(
  {
    name: "randomHex", aliases: ["random_hex"], params: "n", returns: "string", requires: ENTROPY,
    description: "n cryptographically secure random bytes as a hex string of 2n characters.",
  },
  (n: unknown) => {
    const count = byteCount("crypto.randomHex", n);
    spendString(count * 2);
    return nodeRandomBytes(count).toString("hex");
  },
);

/** `length` characters drawn uniformly from `chars` (rejection sampling over random bytes: no bias). */
function drawChars(chars: readonly string[], length: number): string {
  const n = chars.length;
  const out: string[] = [];
  if (n > 256) {
    for (let i = 0; i < length; i++) out.push(chars[nodeRandomInt(n)]!);
    return out.join("");
  }
  const limit = 256 - (256 % n); // bytes at or above it would favour the first characters
  while (out.length < length) {
    const bytes = nodeRandomBytes(mathMax(length - out.length, 16) + 16);
    for (let i = 0; i < bytes.length && out.length < length; i++) {
      if (bytes[i]! < limit) out.push(chars[bytes[i]! % n]!);
    }
  }
  return out.join("");
}

export const randomString = m.function(
  {
    name: "randomString", aliases: ["random_string"], params: "length, charset?", returns: "string", requires: ENTROPY,
    description: "A cryptographically secure random string of length characters, each drawn uniformly from charset (default: letters and digits).",
  },
  (length: unknown, charset?: unknown) => {
    const count = byteCount("crypto.randomString", length);
    const text = given(charset) ? needString("crypto.randomString", 2, charset) : ALPHANUMERIC;
    spendArray(text.length); // split into an array of its characters: checked before it is built
    const chars = Array.from(text);
    if (chars.length === 0) throw valueError("crypto.randomString() needs a non-empty charset");
    const widest = chars.reduce((w, c) => mathMax(w, c.length), 1);
    checkStringLength(count * widest, programScope().state.limits);
    spendItems(count);
    return drawChars(chars, count);
  },
);

export const randomInt = m.function(
  {
    name: "randomInt", aliases: ["random_int"], params: "min, max", returns: "number", requires: ENTROPY,
    description: "A cryptographically secure random integer n with min <= n <= max (both inclusive).",
  },
  (min: unknown, max: unknown) => {
    const lo = needInteger("crypto.randomInt", 1, min);
    const hi = needInteger("crypto.randomInt", 2, max);
    if (lo > hi) throw valueError(`crypto.randomInt() needs min <= max, got ${lo} and ${hi}`);
    if (lo < -MAX_SAFE || hi >= MAX_SAFE || hi - lo >= 2 ** 48 - 1) {
      throw valueError("crypto.randomInt() range is too large (at most 2^48 - 1 integers, bounds within ±2^53)");
    }
    return nodeRandomInt(lo, hi + 1);
  },
);

export const randomFloat = m.function(
  {
    name: "randomFloat", aliases: ["random_float"], params: "min=0, max=1", returns: "number", requires: ENTROPY,
    description: "A cryptographically secure random float in [min, max) (default [0, 1)), with 53 random bits.",
  },
  (min?: unknown, max?: unknown) => {
    const lo = given(min) ? needNumber("crypto.randomFloat", 1, min) : 0;
    const hi = given(max) ? needNumber("crypto.randomFloat", 2, max) : 1;
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw valueError("crypto.randomFloat() needs finite bounds");
    if (lo > hi) throw valueError(`crypto.randomFloat() needs min <= max, got ${lo} and ${hi}`);
    const b = nodeRandomBytes(8);
    const unit = ((b.readUInt32BE(0) >>> 5) * 67108864 + (b.readUInt32BE(4) >>> 6)) / 9007199254740992;
    const x = lo + (hi - lo) * unit;
    return x < hi || lo === hi ? x : lo;
  },
);

export const definition = m.done();
