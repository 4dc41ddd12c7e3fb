// CLI cold start: `mljs run hello.ml` vs `node -e 0`, each a fresh process, spawned interleaved
// (A B A B …) so that machine noise hits both alike; medians. Used by `npm run bench:peers`, or on
// its own: `node bench/peers/cold-start.js [N] [bin …]` (several launchers to compare options).
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "..", "..");

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function once(args, env) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: "utf8", env: env === undefined ? process.env : { ...process.env, ...env } });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return ms;
}

/**
 * Medians of `n` interleaved runs of `node -e 0` and `node <bin> run hello.ml` per launcher (the
 * package's `mljs` command by default). A launcher written `esm:<path>` runs with
 * MLJS_CLI_BUNDLE=0: the CLI's ES modules instead of the bundle (the start before the bundle).
 */
export function coldStart(n = 21, bins = [join(root, "bin", "mljs.cjs")]) {
  const hello = join(root, "bench", "programs", "hello.ml");
  const cases = [{ args: ["-e", "0"] }, ...bins.map((b) => (b.startsWith("esm:")
    ? { args: [b.slice(4), "run", hello], env: { MLJS_CLI_BUNDLE: "0" } }
    : { args: [b, "run", hello] }))];
  for (const c of cases) once(c.args, c.env); // warm the file system cache
  const times = cases.map(() => []);
  for (let i = 0; i < n; i++) cases.forEach((c, k) => times[k].push(once(c.args, c.env)));
  const node = median(times[0]);
  return { node, runs: bins.map((bin, k) => ({ bin, ms: median(times[k + 1]), ratio: median(times[k + 1]) / node })) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? 21);
  const bins = process.argv.slice(3);
  const r = coldStart(n, bins.length > 0 ? bins : undefined);
  console.log(`node -e 0: ${r.node.toFixed(1)} ms`);
  for (const x of r.runs) console.log(`${x.bin}: ${x.ms.toFixed(1)} ms = ${x.ratio.toFixed(2)}× node -e 0`);
}
