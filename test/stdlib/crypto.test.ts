import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { ml, mlFails } from "./ml.js";
import * as crypto from "../../src/stdlib/crypto.js";
import { withCapabilities } from "../../src/capabilities/context.js";
import { capability } from "../../src/capabilities/token.js";
import { MLError } from "../../src/runtime/errors.js";

const RANDOM = { capabilities: ["crypto.random"] };

/** Runs `body` after `import crypto;` and returns the printed lines. */
async function out(body: string, options = {}): Promise<string[]> {
  return (await ml(`import crypto;\n${body}`, options)).trimEnd().split("\n");
}

describe("crypto: hashes", () => {
  it("sha256, sha1, sha512, md5 give the standard hex digests", async () => {
    expect(await out(`print(crypto.sha256("abc")); print(crypto.sha1("abc")); print(crypto.sha512("abc")); print(crypto.md5("abc"));`)).toEqual([
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
      "a9993e364706816aba3e25717850c26c9cd0d89d",
      "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
      "900150983cd24fb0d6963f7d28e17f72",
    ]);
  });

  it("hash salt + data (mlpy's order: the salt is a prefix), UTF-8 encoded; the empty string too", async () => {
    const [salted, plain, unicode, empty, nullSalt] = await out(
      `print(crypto.sha256("bc", "a")); print(crypto.sha256("abc", "")); print(crypto.sha256("héllo wörld")); print(crypto.md5("")); print(crypto.sha1("abc", null));`,
    );
    expect(salted).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(plain).toBe(salted);
    expect(unicode).toBe("a1003f7d04a4115711d0b48a2eaf1359ce565d2d2a6fd65098dfcffadeeef59f");
    expect(empty).toBe("d41d8cd98f00b204e9800998ecf8427e");
    expect(nullSalt).toBe("a9993e364706816aba3e25717850c26c9cd0d89d");
  });

  it("mlpy's salted digests: sha256/sha1/md5(data, salt) hash salt + data", async () => {
    const { createHash } = await import("node:crypto");
    const hex = (alg: string, text: string) => createHash(alg).update(text, "utf8").digest("hex");
    expect(await out(`print(crypto.sha256("data", "salt")); print(crypto.sha1("data", "salt")); print(crypto.md5("data", "salt")); print(crypto.sha512("data", "salt"));`)).toEqual([
      hex("sha256", "saltdata"), hex("sha1", "saltdata"), hex("md5", "saltdata"), hex("sha512", "saltdata"),
    ]);
    expect(hex("sha256", "saltdata").startsWith("418e1555")).toBe(true); // the value the parity table gives for mlpy
  });

  it("hashes need no capability and reject non-strings", async () => {
    expect(await mlFails(`import crypto; crypto.sha256(12);`)).toEqual({
      type: "TypeError",
      message: "crypto.sha256() argument 1 must be a string, not number",
    });
    expect(await mlFails(`import crypto; crypto.md5("a", 1);`)).toEqual({
      type: "TypeError",
      message: "crypto.md5() argument 2 must be a string, not number",
    });
  });
});

describe("crypto: HMAC and comparison", () => {
  const msg = '"what do ya want for nothing?"';
  it("hmac matches RFC 2104 / RFC 4231 vectors for every algorithm (default sha256)", async () => {
    expect(
      await out(
        `m = ${msg}; print(crypto.hmac(m, "Jefe")); print(crypto.hmac(m, "Jefe", "md5")); print(crypto.hmac(m, "Jefe", "sha1")); print(crypto.hmac(m, "Jefe", "SHA384")); print(crypto.hmac(m, "Jefe", "sha-512"));`,
      ),
    ).toEqual([
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
      "750c783e6ab0b503eaa86e310a5db738",
      "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
      "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649",
      "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
    ]);
  });

  it("an unknown algorithm is a ValueError listing the supported ones", async () => {
    expect(await mlFails(`import crypto; crypto.hmac("m", "k", "sha3");`)).toEqual({
      type: "ValueError",
      message:
        "crypto.hmac(): unsupported algorithm 'sha3' (supported: md5, sha1, sha224, sha256, sha384, sha512, sha512_224, sha512_256, sha3_224, sha3_256, sha3_384, sha3_512, blake2b, blake2s)",
    });
  });

  it("hashlib's algorithm names, as mlpy accepts them (sha3_256, blake2b, sha224…)", async () => {
    const { createHmac } = await import("node:crypto");
    const h = (alg: string) => createHmac(alg, "k").update("m").digest("hex");
    expect(await out(`print(crypto.hmac("m", "k", "sha3_256")); print(crypto.hmac("m", "k", "SHA3-512")); print(crypto.hmac("m", "k", "blake2b")); print(crypto.hmac("m", "k", "blake2s")); print(crypto.hmac("m", "k", "sha224")); print(crypto.hmac("m", "k", "sha512_256"));`)).toEqual([
      h("sha3-256"), h("sha3-512"), h("blake2b512"), h("blake2s256"), h("sha224"), h("sha512-256"),
    ]);
  });

  it("verifyHmac / verify_hmac(message, signature, key) (mlpy's order) accept the right signature (any case) and refuse others", async () => {
    const sig = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
    expect(
      await out(
        `m = ${msg}; print(crypto.verifyHmac(m, "${sig}", "Jefe")); print(crypto.verify_hmac(m, "${sig.toUpperCase()}", "Jefe"));
print(crypto.verifyHmac(m, "${sig}", "jefe")); print(crypto.verifyHmac(m, "abc", "Jefe")); print(crypto.verify_hmac(m, "750c783e6ab0b503eaa86e310a5db738", "Jefe", "md5"));
print(crypto.verify_hmac(m, "Jefe", "${sig}"));`,
      ),
    ).toEqual(["true", "true", "false", "false", "true", "false"]);
    expect(await mlFails(`import crypto; crypto.verifyHmac("m", 1, "k");`)).toEqual({
      type: "TypeError",
      message: "crypto.verifyHmac() argument 2 must be a string, not number",
    });
  });

  it("compareHash / compare_hash: equal strings only; different lengths are false", async () => {
    expect(await out(`print(crypto.compareHash("abc", "abc")); print(crypto.compare_hash("abc", "abd")); print(crypto.compareHash("abc", "abcd")); print(crypto.compareHash("", ""));`)).toEqual([
      "true",
      "false",
      "false",
      "true",
    ]);
    expect((await mlFails(`import crypto; crypto.compareHash("a", null);`)).type).toBe("TypeError");
  });
});

describe("crypto: uuidFromString", () => {
  it("gives RFC 4122 version-5 UUIDs, DNS name space by default (same as Python's uuid5)", async () => {
    expect(
      await out(
        `print(crypto.uuidFromString("python.org")); print(crypto.uuid_from_string("python.org", "dns")); print(crypto.uuidFromString("http://python.org", "url"));
print(crypto.uuidFromString("héllo", "12345678-1234-5678-1234-567812345678"));`,
      ),
    ).toEqual([
      "886313e1-3b8a-5372-9b90-0c9aee199e5d",
      "886313e1-3b8a-5372-9b90-0c9aee199e5d",
      "50960143-e2b7-5b7a-9ca7-05375f51d5c1",
      "7f5d9951-c8a8-5e28-8218-9d6438eba58d",
    ]);
  });

  it("an invalid name space is a ValueError", async () => {
    expect(await mlFails(`import crypto; crypto.uuidFromString("x", "nope");`)).toEqual({
      type: "ValueError",
      message: "crypto.uuidFromString(): namespace must be a UUID or one of dns, url, oid, x500, got 'nope'",
    });
  });
});

describe("crypto: hashFile", () => {
  let dir: string;
  let grant: ReturnType<typeof capability>;
  beforeAll(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), "mljs-crypto-")));
    mkdirSync(join(dir, "sub"));
    writeFileSync(join(dir, "abc.txt"), "abc");
    writeFileSync(join(dir, "big.bin"), Buffer.alloc(200_000, 7));
    grant = capability("file.read", { resources: [`${dir}/**`] });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("hashes a file's bytes (default sha256), also files larger than one read chunk", async () => {
    const opts = { capabilities: [grant] };
    const lines = await out(
      `print(crypto.hashFile("${dir}/abc.txt")); print(crypto.hash_file("${dir}/abc.txt", "md5")); print(crypto.hashFile("${dir}/big.bin", "sha1"));`,
      opts,
    );
    const { createHash } = await import("node:crypto");
    expect(lines).toEqual([
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
      "900150983cd24fb0d6963f7d28e17f72",
      createHash("sha1").update(Buffer.alloc(200_000, 7)).digest("hex"),
    ]);
  });

  it("takes hashlib's names, as mlpy does (sha3_256, blake2b)", async () => {
    const opts = { capabilities: [grant] };
    const { createHash } = await import("node:crypto");
    expect(await out(`print(crypto.hash_file("${dir}/abc.txt", "sha3_256")); print(crypto.hashFile("${dir}/abc.txt", "blake2b"));`, opts)).toEqual([
      createHash("sha3-256").update("abc").digest("hex"),
      createHash("blake2b512").update("abc").digest("hex"),
    ]);
  });

  it.skipIf(process.platform === "win32")("a named pipe or a device is refused without blocking or reading forever", async () => {
    const opts = { capabilities: [grant, capability("file.read", { resources: ["/dev/zero"] })] };
    execFileSync("mkfifo", [join(dir, "fifo")]);
    expect(await mlFails(`import crypto; crypto.hashFile("${dir}/fifo");`, opts)).toEqual({ type: "ValueError", message: `Not a regular file: ${dir}/fifo` });
    expect(await mlFails(`import crypto; crypto.hashFile("/dev/zero");`, opts)).toEqual({ type: "ValueError", message: "Not a regular file: /dev/zero" });
  });

  it("a missing file or a directory is a ValueError naming only the path as written (as file.read words it)", async () => {
    const opts = { capabilities: [grant] };
    expect(await mlFails(`import crypto; crypto.hashFile("${dir}/missing.txt");`, opts)).toEqual({
      type: "ValueError",
      message: `File not found: ${dir}/missing.txt`,
    });
    expect(await mlFails(`import crypto; crypto.hashFile("${dir}/sub");`, opts)).toEqual({
      type: "ValueError",
      message: `Is a directory: ${dir}/sub`,
    });
    expect((await mlFails(`import crypto; crypto.hashFile("${dir}/abc.txt", "crc32");`, opts)).type).toBe("ValueError");
  });

  it("needs file.read, for that path", async () => {
    const none = await mlFails(`import crypto; crypto.hashFile("${dir}/abc.txt");`);
    expect(none.type).toBe("CapabilityError");
    expect(none.message).toContain("file.read");
    const elsewhere = capability("file.read", { resources: [`${dir}/sub/**`] });
    const outside = await mlFails(`import crypto; crypto.hashFile("${dir}/abc.txt");`, { capabilities: [elsewhere] });
    expect(outside.type).toBe("CapabilityError");
    expect(outside.message).toContain(`'${dir}/abc.txt'`);
    const wrongOp = capability("file.read", { resources: [`${dir}/**`], operations: ["read"] });
    expect((await mlFails(`import crypto; crypto.hashFile("${dir}/abc.txt");`, { capabilities: [wrongOp] })).message).toContain("hashFile");
  });

  it("works from the host inside a context only", () => {
    expect(() => crypto.hashFile(`${dir}/abc.txt`)).toThrow(MLError);
    expect(withCapabilities([grant], () => crypto.hashFile(`${dir}/abc.txt`))).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
  });
});

describe("crypto: entropy", () => {
  it("uuid gives distinct version-4 UUIDs", async () => {
    const [a, b] = await out(`print(crypto.uuid()); print(crypto.uuid());`, RANDOM);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });

  it("randomBytes / random_bytes: arrays of byte values", async () => {
    const [bytes, alias, empty] = await out(`print(crypto.randomBytes(64)); print(crypto.random_bytes(3)); print(crypto.randomBytes(0));`, RANDOM);
    const values = JSON.parse(bytes!) as number[];
    expect(values).toHaveLength(64);
    for (const v of values) expect(Number.isInteger(v) && v >= 0 && v <= 255).toBe(true);
    expect(JSON.parse(alias!)).toHaveLength(3);
    expect(empty).toBe("[]");
    expect(await mlFails(`import crypto; crypto.randomBytes(-1);`, RANDOM)).toEqual({
      type: "ValueError",
      message: "crypto.randomBytes() needs a non-negative count, got -1",
    });
    expect((await mlFails(`import crypto; crypto.randomBytes(5000);`, { ...RANDOM, limits: { maxArrayLength: 100 } })).type).toBe("LimitError");
  });

  it("randomHex / random_hex: n bytes as 2n hex characters", async () => {
    const [hex, alias] = await out(`print(crypto.randomHex(16)); print(crypto.random_hex(1));`, RANDOM);
    expect(hex).toMatch(/^[0-9a-f]{32}$/);
    expect(alias).toMatch(/^[0-9a-f]{2}$/);
    expect((await mlFails(`import crypto; crypto.randomHex(100);`, { ...RANDOM, limits: { maxStringLength: 50 } })).type).toBe("LimitError");
  });

  it("randomString / random_string: letters and digits by default, or the given charset, uniformly", async () => {
    const [def, ab, astral, spread] = await out(
      `print(crypto.randomString(40)); print(crypto.random_string(30, "ab")); print(crypto.randomString(5, "😀x")); print(crypto.randomString(3000, "xyz"));`,
      RANDOM,
    );
    expect(def).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(ab).toMatch(/^[ab]{30}$/);
    expect(Array.from(astral!)).toHaveLength(5);
    expect(astral).toMatch(/^(😀|x){5}$/u);
    for (const c of "xyz") {
      const n = Array.from(spread!).filter((x) => x === c).length;
      expect(n).toBeGreaterThan(850);
      expect(n).toBeLessThan(1150);
    }
    expect(await mlFails(`import crypto; crypto.randomString(3, "");`, RANDOM)).toEqual({
      type: "ValueError",
      message: "crypto.randomString() needs a non-empty charset",
    });
    // The charset is split into an array of its characters: the array limit holds first.
    expect(await mlFails(`import crypto; crypto.randomString(1, "ab" * 60000);`, { ...RANDOM, limits: { maxArrayLength: 100000 } })).toEqual({
      type: "LimitError",
      message: "array length limit exceeded (max 100000)",
    });
  });

  it("randomInt / random_int: min and max both inclusive", async () => {
    const [xs] = await out(`r = []; for (i in range(300)) { r.append(crypto.randomInt(1, 3)); r.append(crypto.random_int(-1, -1)); } print(r);`, RANDOM);
    expect(new Set(JSON.parse(xs!) as number[])).toEqual(new Set([1, 2, 3, -1]));
    expect(await mlFails(`import crypto; crypto.randomInt(3, 1);`, RANDOM)).toEqual({
      type: "ValueError",
      message: "crypto.randomInt() needs min <= max, got 3 and 1",
    });
    expect((await mlFails(`import crypto; crypto.randomInt(0, 1000000000000000);`, RANDOM)).type).toBe("ValueError");
    expect((await mlFails(`import crypto; crypto.randomInt(0.5, 2);`, RANDOM)).type).toBe("TypeError");
  });

  it("randomFloat / random_float: in [0, 1) or [min, max)", async () => {
    const [xs] = await out(`r = []; for (i in range(200)) { r.append(crypto.randomFloat()); r.append(crypto.random_float(5, 6)); } print(r);`, RANDOM);
    const v = JSON.parse(xs!) as number[];
    for (let i = 0; i < v.length; i += 2) {
      expect(v[i]! >= 0 && v[i]! < 1).toBe(true);
      expect(v[i + 1]! >= 5 && v[i + 1]! < 6).toBe(true);
    }
    expect((await mlFails(`import crypto; crypto.randomFloat(2, 1);`, RANDOM)).type).toBe("ValueError");
  });

  it.each([
    "crypto.uuid()", "crypto.randomBytes(1)", "crypto.random_bytes(1)", "crypto.randomHex(1)", "crypto.random_hex(1)",
    "crypto.randomString(1)", "crypto.random_string(1)", "crypto.randomInt(0, 1)", "crypto.random_int(0, 1)",
    "crypto.randomFloat()", "crypto.random_float()",
  ])("%s needs crypto.random", async (call) => {
    const denied = await mlFails(`import crypto; ${call};`, { capabilities: ["random.generate"] });
    expect(denied.type).toBe("CapabilityError");
    expect(denied.message).toContain("crypto.random");
    expect(await ml(`import crypto; x = ${call}; print("ok");`, RANDOM)).toBe("ok\n");
  });

  it("help and requiredCapabilities describe the functions", async () => {
    const lines = await out(
      `print(requiredCapabilities(crypto.uuid)); print(requiredCapabilities(crypto.sha256)); print(requiredCapabilities(crypto.hash_file)); print(help(crypto.compareHash));`,
    );
    expect(lines.slice(0, 3)).toEqual(['["crypto.random"]', "[]", '["file.read"]']);
    const help = lines.slice(3).join("\n");
    expect(help).toContain("constant time");
    expect(help).toContain("Capabilities: none required");
  });

  it("host calls: pure functions work anywhere, entropy only inside a context", () => {
    expect(crypto.md5("abc")).toBe("900150983cd24fb0d6963f7d28e17f72");
    expect(() => crypto.uuid()).toThrow(/crypto\.random/);
    expect(withCapabilities(["crypto.random"], () => crypto.randomHex(4))).toMatch(/^[0-9a-f]{8}$/);
  });
});
