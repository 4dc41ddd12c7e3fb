/**
 * The browser versions of Node built-ins that the playground bundles in place of the real ones
 * (playground/shims/): each must give what Node gives for what the runtime and stdlib use.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import nodePath from "node:path";
import { AsyncLocalStorage } from "../../playground/shims/async_hooks.js";
import * as path from "../../playground/shims/path.js";
import { Buffer as ShimBuffer } from "../../playground/shims/buffer.js";
import nodeCrypto from "node:crypto";
import { randomBytes, randomInt, randomUUID, timingSafeEqual, createHash, createHmac } from "../../playground/shims/crypto.js";
import { Script } from "../../playground/shims/vm.js";
import { fileURLToPath, pathToFileURL } from "../../playground/shims/url.js";
import { isIP } from "../../playground/shims/unavailable.js";
import { createRequire } from "../../playground/shims/module.js";

describe("AsyncLocalStorage shim", () => {
  it("makes a store current for synchronous code and restores the outer one, also on a throw", () => {
    const als = new AsyncLocalStorage<string>();
    expect(als.getStore()).toBeUndefined();
    const seen = als.run("outer", () => [als.getStore(), als.run("inner", () => als.getStore()), als.getStore()]);
    expect(seen).toEqual(["outer", "inner", "outer"]);
    expect(() => als.run("x", () => {
      throw new Error("boom");
    })).toThrow("boom");
    expect(als.getStore()).toBeUndefined();
  });

  it("passes arguments through", () => {
    const als = new AsyncLocalStorage<number>();
    expect(als.run(1, (a: number, b: number) => a + b + als.getStore()!, 2, 3)).toBe(6);
  });

  it("keeps the store of an asynchronous call current across its awaits until its promise settles", async () => {
    const als = new AsyncLocalStorage<string>();
    const seen: (string | undefined)[] = [];
    const p = als.run("flow", async () => {
      seen.push(als.getStore());
      await null;
      seen.push(als.getStore());
      await new Promise((r) => setTimeout(r, 1));
      seen.push(als.getStore());
      return 7;
    });
    expect(await p).toBe(7);
    await null;
    expect(seen).toEqual(["flow", "flow", "flow"]);
    expect(als.getStore()).toBeUndefined();
  });

  it("restores the outer store after a rejected asynchronous call", async () => {
    const als = new AsyncLocalStorage<string>();
    await als.run("outer", async () => {
      await expect(als.run("inner", async () => {
        await null;
        throw new Error("no");
      })).rejects.toThrow("no");
      await null;
      expect(als.getStore()).toBe("outer");
    });
  });
});

describe("path shim", () => {
  const segment = fc.constantFrom("", ".", "..", "a", "bc", "d.txt", ".hidden", "x.tar.gz", "...");
  const anyPath = fc.tuple(fc.boolean(), fc.array(segment, { maxLength: 6 }), fc.boolean()).map(
    ([abs, parts, trailing]) => (abs ? "/" : "") + parts.join("/") + (trailing && parts.length > 0 ? "/" : ""),
  );
  const posix = nodePath.posix;

  it("agrees with node:path.posix (cwd /)", () => {
    fc.assert(
      fc.property(anyPath, anyPath, (a, b) => {
        expect(path.normalize(a)).toBe(posix.normalize(a));
        expect(path.join(a, b)).toBe(posix.join(a, b));
        expect(path.resolve(a, b)).toBe(posix.resolve("/", a, b));
        expect(path.dirname(a)).toBe(posix.dirname(a));
        expect(path.basename(a)).toBe(posix.basename(a));
        expect(path.basename(a, ".txt")).toBe(posix.basename(a, ".txt"));
        expect(path.extname(a)).toBe(posix.extname(a));
        expect(path.isAbsolute(a)).toBe(posix.isAbsolute(a));
        expect(path.relative(a, b)).toBe(posix.relative(posix.resolve("/", a), posix.resolve("/", b)));
      }),
      { numRuns: 2000 },
    );
    expect([path.sep, path.delimiter]).toEqual([posix.sep, posix.delimiter]);
  });
});

describe("Buffer shim", () => {
  it("agrees with Node's Buffer on the calls the stdlib makes", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.uint8Array({ maxLength: 40 }), (text, bytes) => {
        expect(ShimBuffer.byteLength(text)).toBe(Buffer.byteLength(text));
        expect([...ShimBuffer.from(text, "utf8")]).toEqual([...Buffer.from(text, "utf8")]);
        expect([...ShimBuffer.from(text, "latin1")]).toEqual([...Buffer.from(text, "latin1")]);
        expect([...ShimBuffer.from(text, "utf16le")]).toEqual([...Buffer.from(text, "utf16le")]);
        const hex = Buffer.from(bytes).toString("hex");
        expect(ShimBuffer.from(bytes).toString("hex")).toBe(hex);
        expect([...ShimBuffer.from(hex, "hex")]).toEqual([...bytes]);
        expect(ShimBuffer.from(bytes).toString("latin1")).toBe(Buffer.from(bytes).toString("latin1"));
        expect(ShimBuffer.from(bytes).toString("base64")).toBe(Buffer.from(bytes).toString("base64"));
        const even = bytes.subarray(0, bytes.length - (bytes.length % 2));
        expect([...ShimBuffer.from(even).swap16()]).toEqual([...Buffer.from(even).swap16()]);
      }),
      { numRuns: 200 },
    );
    expect(ShimBuffer.from("e9", "hex").toString("latin1")).toBe("é");
    expect(ShimBuffer.from("zz", "hex").length).toBe(0);
    expect([...ShimBuffer.concat([Uint8Array.of(1, 2), Uint8Array.of(3)], 2)]).toEqual([1, 2]);
  });
});

describe("crypto shim", () => {
  it("makes random bytes, integers in range and version-4 UUIDs", () => {
    expect(randomBytes(70_000).length).toBe(70_000);
    for (let i = 0; i < 200; i++) {
      const n = randomInt(3, 9);
      expect(n >= 3 && n < 9 && Number.isInteger(n)).toBe(true);
    }
    expect(new Set(Array.from({ length: 200 }, () => randomInt(4))).size).toBe(4);
    expect(randomUUID()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(() => randomInt(5, 5)).toThrow(RangeError);
  });

  it("compares in constant time", () => {
    expect(timingSafeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(timingSafeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 3))).toBe(false);
  });

  const ALGORITHMS = ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha512-224", "sha512-256"];

  it("computes the digests and HMACs Node computes", () => {
    // Lengths around every block and padding boundary, and random texts and keys.
    const lengths = [0, 1, 55, 56, 63, 64, 65, 111, 112, 119, 127, 128, 129, 200, 1000];
    for (const algorithm of ALGORITHMS) {
      for (const n of lengths) {
        const text = "aé".repeat(n).slice(0, n);
        expect(createHash(algorithm).update(text, "utf8").digest("hex"), `${algorithm} ${n}`).toBe(nodeCrypto.createHash(algorithm).update(text, "utf8").digest("hex"));
        const key = "k".repeat(n);
        expect(createHmac(algorithm, key).update(text, "utf8").digest("hex"), `hmac ${algorithm} ${n}`).toBe(nodeCrypto.createHmac(algorithm, key).update(text, "utf8").digest("hex"));
      }
    }
    fc.assert(
      fc.property(fc.constantFrom(...ALGORITHMS), fc.string({ unit: "grapheme", maxLength: 300 }), fc.string({ maxLength: 200 }), (algorithm, text, key) => {
        expect(createHash(algorithm).update(key).update(text, "utf8").digest("hex")).toBe(nodeCrypto.createHash(algorithm).update(key).update(text, "utf8").digest("hex"));
        expect(createHmac(algorithm, key).update(text, "utf8").digest("hex")).toBe(nodeCrypto.createHmac(algorithm, key).update(text, "utf8").digest("hex"));
      }),
      { numRuns: 300 },
    );
    const bytes = Uint8Array.of(0, 255, 7);
    expect([...createHash("sha1").update(bytes).digest()]).toEqual([...nodeCrypto.createHash("sha1").update(bytes).digest()]);
  });

  it("says which digests it does not have", () => {
    expect(() => createHash("sha3-256")).toThrow("the sha3-256 digest is not available in the browser playground");
    expect(() => createHmac("blake2b512", "k")).toThrow("not available in the browser playground");
  });
});

describe("vm, url, net and module shims", () => {
  it("evaluates a module body in the global scope, named by its file name in stack frames", () => {
    const fn = new Script("(function $module(a) {\nreturn new Error('at ' + a);\n})", { filename: "mljs-load-1:main.ml" }).runInThisContext() as (a: number) => Error;
    expect(fn(1).message).toBe("at 1");
    expect(fn(1).stack).toContain("mljs-load-1:main.ml:2");
  });

  it("converts POSIX paths and file URLs both ways", () => {
    for (const p of ["/a/b c/d.ml", "/x#y?z", "/ünï/cödé"]) {
      expect(pathToFileURL(p).href).toBe(new URL(`file://${p}`.replace("#", "%23").replace("?", "%3F")).href);
      expect(fileURLToPath(pathToFileURL(p))).toBe(p);
    }
  });

  it("tells IPv4 and IPv6 addresses from names", () => {
    expect([isIP("127.0.0.1"), isIP("::1"), isIP("example.com"), isIP("256.1.1.1")]).toEqual([4, 6, 0, 0]);
  });

  it("requires the bundled source-map libraries and stdlib modules, and nothing else", () => {
    const req = createRequire("file:///x.js");
    expect(typeof (req("@jridgewell/trace-mapping") as { TraceMap: unknown }).TraceMap).toBe("function");
    expect((req("./math.js") as { definition: { name: string } }).definition.name).toBe("math");
    expect(() => req("node:fs")).toThrow("not available in the browser playground");
  });
});
