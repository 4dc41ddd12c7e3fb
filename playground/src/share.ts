/**
 * Share links: the program travels in the URL hash as `#code=<base64url of the UTF-8 source>`
 * (RFC 4648 §5 alphabet, no padding), so a link works on any static host and the program never
 * reaches a server.
 */

/** The base64url (no padding) of `source`'s UTF-8 bytes. */
export function encodeSource(source: string): string {
  const bytes = new TextEncoder().encode(source);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The source a {@link encodeSource} text stands for, or null when it is not valid base64url of UTF-8. */
export function decodeSource(encoded: string): string | null {
  if (!/^[A-Za-z0-9_-]*$/.test(encoded) || encoded.length % 4 === 1) return null;
  try {
    const binary = atob(encoded.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The hash that shares `source`: `#code=…`. */
export function shareHash(source: string): string {
  return `#code=${encodeSource(source)}`;
}

/**
 * The program a location hash carries: the source for `#code=…`, null when there is no `code`
 * parameter, and an Error when there is one that cannot be decoded.
 */
export function sourceFromHash(hash: string): string | null | Error {
  const params = new URLSearchParams(hash.startsWith("#") ? hash.slice(1) : hash);
  const code = params.get("code");
  if (code === null) return null;
  // URLSearchParams reads '+' as a space; base64url has none, so any space was a '+' of base64.
  const source = decodeSource(code.replace(/ /g, "-"));
  return source ?? new Error("the link's #code= is not a valid program encoding (base64url of UTF-8 text)");
}
