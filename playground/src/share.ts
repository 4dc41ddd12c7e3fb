/**
 * Share links: the program travels in the URL hash as `#code=<base64url of the UTF-8 source>`
 * (RFC 4648 §5 alphabet, no padding), so a link works on any static host and the program never
 * reaches a server.
 */

/**
 * Longest `code` parameter a link may carry (base64url characters, about 384 KB of UTF-8). Longer
 * ones are refused before any decoding, so a huge link cannot stall the page (decoding, then the
 * editor and the live diagnostics on megabytes of text); browsers cap URLs at about 2 MB anyway.
 */
export const MAX_LINK_CODE = 512 * 1024;

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

/** The hash that shares `source`: `#code=…`, or an Error when the link would be too long. */
export function shareHash(source: string): string | Error {
  const code = encodeSource(source);
  if (code.length > MAX_LINK_CODE) return tooLong(code.length);
  return `#code=${code}`;
}

function tooLong(length: number): Error {
  return new Error(`the program is too long for a share link (${length} characters encoded, at most ${MAX_LINK_CODE})`);
}

/**
 * The program a location hash carries: the source for `#code=…`, null when there is no `code`
 * parameter, and an Error when there is one that cannot be decoded or is too long
 * ({@link MAX_LINK_CODE}).
 */
export function sourceFromHash(hash: string): string | null | Error {
  // Checked on the raw hash, before parsing or decoding anything (room left for other parameters).
  if (hash.length > MAX_LINK_CODE + 1024) return tooLongLink(hash.length);
  const params = new URLSearchParams(hash.startsWith("#") ? hash.slice(1) : hash);
  const code = params.get("code");
  if (code === null) return null;
  if (code.length > MAX_LINK_CODE) return tooLongLink(code.length);
  // URLSearchParams reads '+' as a space; base64url has none, so any space was a '+' of base64.
  const source = decodeSource(code.replace(/ /g, "-"));
  return source ?? new Error("the link's #code= is not a valid program encoding (base64url of UTF-8 text)");
}

function tooLongLink(length: number): Error {
  return new Error(`the link is too long to load (${length} characters, at most ${MAX_LINK_CODE} in #code=)`);
}
