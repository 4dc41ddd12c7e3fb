// The cost model's overhead: the six compute programs run on this build and on a reference build
// of the last commit before builtins and stdlib functions charged the step budget for their work
// (so the same generated code, minus the charges), each measurement in a fresh process (two
// copies of the runtime in one process would share V8's compiled code for identical generated
// functions and make each other's call sites polymorphic), alternating between the builds.
// Part of `npm run bench`; `node bench/cost-model.js` runs it alone (after a build).
//
// The reference is built once into a temporary directory from `git archive` (it needs this
// repository's history and its node_modules); MLJS_BENCH_BASE=<commit> picks another reference.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "..");
/** The last commit before the cost model. */
const BASE = process.env.MLJS_BENCH_BASE ?? "074271d";
const programs = ["fib", "quicksort", "wordfreq", "strings", "matrix", "closures"];

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function sh(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")}: ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** The reference build's directory (built on first use), or null when it cannot be made. */
function referenceBuild() {
  let commit;
  try {
    commit = sh("git", ["rev-parse", "--short=12", BASE], root).trim();
  } catch {
    return null;
  }
  const dir = join(tmpdir(), `mljs-bench-base-${commit}`);
  if (!existsSync(join(dir, "dist", "index.js"))) {
    mkdirSync(dir, { recursive: true });
    sh("sh", ["-c", `git -C '${root}' archive ${commit} | tar -x -C '${dir}'`], root);
    if (!existsSync(join(dir, "node_modules"))) symlinkSync(join(root, "node_modules"), join(dir, "node_modules"), "dir");
    sh(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], dir);
  }
  return { dir, commit };
}

/** One measurement: `program` on the build in `dist`, in a fresh process; the median ms. */
function measure(dist, program, minMs) {
  const script = `
    const { load } = await import(${JSON.stringify(pathToFileURL(join(dist, "index.js")).href)});
    const main = (await load(${JSON.stringify(join(here, "programs", `${program}.ml`))})).exports.main;
    for (let i = 0; i < 3; i++) main();
    const times = [];
    const start = performance.now();
    while (times.length < 5 || (performance.now() - start < ${minMs} && times.length < 50)) {
      const t0 = performance.now();
      main();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    process.stdout.write(JSON.stringify({ ms: times[Math.floor(times.length / 2)], result: String(main()) }));
  `;
  return JSON.parse(sh(process.execPath, ["--input-type=module", "-e", script], root));
}

/**
 * Per program: this build's time over the reference's (with the default limits, so both charge
 * their budget exactly as a host that sets none would), and the geometric mean.
 */
export async function benchCostModel(quick = false) {
  const ref = referenceBuild();
  if (ref === null) return null;
  const rows = [];
  for (const name of programs) {
    const a = [], b = [];
    for (let r = 0; r < (quick ? 3 : 5); r++) {
      const before = measure(join(ref.dir, "dist"), name, quick ? 150 : 400);
      const now = measure(join(root, "dist"), name, quick ? 150 : 400);
      if (now.result !== before.result) throw new Error(`${name}: the two builds disagree`);
      b.push(before.ms);
      a.push(now.ms);
    }
    rows.push({ name, baseMs: median(b), ms: median(a), ratio: median(a) / median(b) });
  }
  const geo = Math.exp(rows.reduce((s, r) => s + Math.log(r.ratio), 0) / rows.length);
  return { commit: ref.commit, rows, geo };
}

function fmt(n, digits = 2) {
  return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Prints the table (used by bench/run.js and when run alone). */
export function printCostModel(result) {
  if (result === null) {
    console.log("\nCost model overhead: skipped (no git history to build the reference from)");
    return;
  }
  console.log(`\nCost model overhead: this build vs ${result.commit} (before builtins and stdlib charged for their work)`);
  console.log(`  ${"program".padEnd(12)} ${"before ms".padStart(10)} ${"now ms".padStart(9)} ${"ratio".padStart(7)}`);
  for (const r of result.rows) {
    console.log(`  ${r.name.padEnd(12)} ${fmt(r.baseMs).padStart(10)} ${fmt(r.ms).padStart(9)} ${(fmt(r.ratio, 3) + "×").padStart(7)}`);
  }
  console.log(`  ${"geo. mean".padEnd(12)} ${"".padStart(10)} ${"".padStart(9)} ${(fmt(result.geo, 3) + "×").padStart(7)}   (target ≤ 1.05×)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  printCostModel(await benchCostModel(process.argv.includes("--quick")));
}
