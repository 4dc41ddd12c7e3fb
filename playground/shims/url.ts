/**
 * `node:url` for the playground's worker: `pathToFileURL` and `fileURLToPath` for POSIX paths
 * (the host uses them only when a program is loaded from a file or for a debugger, neither of
 * which the playground does).
 */
export function pathToFileURL(path: string): URL {
  return new URL(`file://${encodeURI(path.startsWith("/") ? path : `/${path}`).replace(/[?#]/g, encodeURIComponent)}`);
}

export function fileURLToPath(url: string | URL): string {
  const u = typeof url === "string" ? new URL(url) : url;
  if (u.protocol !== "file:") throw new TypeError("The URL must be of scheme file");
  return decodeURIComponent(u.pathname);
}

export default { pathToFileURL, fileURLToPath };
