/**
 * A small `Buffer` for the playground's worker, injected where the stdlib names the global: what
 * the pure stdlib paths use (`byteLength`, `from` a string in utf8/hex/latin1 or bytes,
 * `toString` in utf8/hex/latin1/base64, `concat`, `allocUnsafe`, `swap16`). Node's own is used
 * everywhere else; this one only has to agree with it on those calls
 * (test/playground/shims.test.ts).
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8");

type Encoding = "utf8" | "utf-8" | "hex" | "latin1" | "binary" | "base64" | "utf16le";

function byteLength(text: string | ArrayBufferView, _encoding?: Encoding): number {
  return typeof text === "string" ? encoder.encode(text).length : text.byteLength;
}

function from(value: string | ArrayLike<number> | ArrayBuffer, encodingOrOffset?: Encoding | number, length?: number): Bytes {
  if (typeof value !== "string") {
    if (value instanceof ArrayBuffer) {
      const offset = typeof encodingOrOffset === "number" ? encodingOrOffset : 0;
      return new Bytes(value, offset, length ?? value.byteLength - offset);
    }
    const out = new Bytes(value.length);
    out.set(value);
    return out;
  }
  switch (encodingOrOffset ?? "utf8") {
    case "hex": {
      const n = Math.floor(value.length / 2);
      const out = new Bytes(n);
      let i = 0;
      for (; i < n; i++) {
        const byte = parseInt(value.slice(2 * i, 2 * i + 2), 16);
        if (Number.isNaN(byte)) break;
        out[i] = byte;
      }
      return i === n ? out : from(out.subarray(0, i));
    }
    case "latin1":
    case "binary": {
      const out = new Bytes(value.length);
      for (let i = 0; i < value.length; i++) out[i] = value.charCodeAt(i) & 0xff;
      return out;
    }
    case "utf16le": {
      const out = new Bytes(value.length * 2);
      for (let i = 0; i < value.length; i++) {
        const c = value.charCodeAt(i);
        out[2 * i] = c & 0xff;
        out[2 * i + 1] = c >> 8;
      }
      return out;
    }
    case "base64": {
      const bin = atob(value.replace(/-/g, "+").replace(/_/g, "/").replace(/[^A-Za-z0-9+/]/g, ""));
      return from(bin, "latin1");
    }
    default:
      return from(encoder.encode(value));
  }
}

function allocUnsafe(size: number): Bytes {
  return new Bytes(size);
}

function concat(list: readonly Uint8Array[], total?: number): Bytes {
  const size = total ?? list.reduce((n, b) => n + b.length, 0);
  const out = new Bytes(size);
  let at = 0;
  for (const b of list) {
    if (at >= size) break;
    out.set(b.subarray(0, size - at), at);
    at += b.length;
  }
  return out;
}

/** The bytes `Buffer` functions return: a `Uint8Array` with Node's `toString(encoding)` and `swap16`. */
export class Bytes extends Uint8Array {
  override toString(encoding: Encoding = "utf8"): string {
    switch (encoding) {
      case "hex": {
        let s = "";
        for (const b of this) s += b.toString(16).padStart(2, "0");
        return s;
      }
      case "latin1":
      case "binary": {
        let s = "";
        for (const b of this) s += String.fromCharCode(b);
        return s;
      }
      case "base64":
        return btoa(this.toString("latin1"));
      case "utf16le": {
        let s = "";
        for (let i = 0; i + 1 < this.length; i += 2) s += String.fromCharCode(this[i]! | (this[i + 1]! << 8));
        return s;
      }
      default:
        return decoder.decode(this);
    }
  }

  swap16(): this {
    for (let i = 0; i + 1 < this.length; i += 2) {
      const t = this[i]!;
      this[i] = this[i + 1]!;
      this[i + 1] = t;
    }
    return this;
  }
}

export const Buffer = Object.freeze({
  byteLength, from, allocUnsafe, alloc: allocUnsafe, concat, isBuffer: (v: unknown): v is Bytes => v instanceof Bytes,
});

export default { Buffer };
