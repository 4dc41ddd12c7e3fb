// mljs benchmarks: `npm run bench` (builds first). Not part of `npm test`.
//
// 1. Compile throughput: ML lines per second, warm, with source maps, on a large generated program,
//    and milliseconds per 1 000 lines on realistic programs (every .ml file of examples/ and
//    test/conformance/).
// 2. Run time: six programs written in ML and as idiomatic hand-written JavaScript, measured in
//    the same process; the table reports the ML/JS ratio per program and the geometric mean.
// 3. Cold start: wall time of `mljs run hello.ml` as a fresh process (vs a bare `node -e ""`).
// 4. Stdlib: the cost of a capability-checked call, and json/regex/datetime operations called
//    from ML vs the same work in hand-written JavaScript (bench/stdlib.js).
// 5. Limits and the sandbox: the cost of a step budget in generated code; sandbox runs on a warm
//    pool (bench/sandbox.js).
// 6. Web integrations: requests/s of Express and Fastify endpoints calling ML vs plain
//    JavaScript handlers, with autocannon on loopback (bench/integrations.js).
// 7. The cost model's overhead: the compute programs on this build vs a reference build from
//    before builtins and stdlib functions charged for their work (bench/cost-model.js).
import { readFileSync, readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { compile, load } from "../dist/index.js";
import { Temporal } from "temporal-polyfill";
import { RE2JS } from "re2js";
import { benchCapabilityCheck, benchStdlibOps } from "./stdlib.js";
import { benchLimits, benchPrograms, benchSandbox } from "./sandbox.js";
import { benchIntegrations } from "./integrations.js";
import { benchCostModel, printCostModel } from "./cost-model.js";
import { benchHostCall, benchLoad, printHost } from "./host.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const programs = ["fib", "quicksort", "wordfreq", "strings", "matrix", "closures"];
const quick = process.argv.includes("--quick");
// `--compute`: only the run-time table (section 2); `--only=fib,quicksort` limits its programs.
const computeOnly = process.argv.includes("--compute");
const only = process.argv.find((a) => a.startsWith("--only="))?.slice(7).split(",");

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function fmt(n, digits = 1) {
  return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

// ---------------------------------------------------------------------------------------------
// 1. Compile throughput
// ---------------------------------------------------------------------------------------------
function generateProgram(functions) {
  const out = [];
  for (let i = 0; i < functions; i++) {
    out.push(
      `function rule${i}(order, rates) {`,
      `  total = 0;`,
      `  for (item in order["items"]) {`,
      `    price = item.price * (1 + rates[item.kind]);`,
      `    if (price > 100 && item.qty >= 2) {`,
      `      total = total + price * item.qty * 0.95;`,
      `    } elif (price > 50) {`,
      `      total = total + price * item.qty;`,
      `    } else {`,
      `      total = total + (item.qty > 0 ? price : 0);`,
      `    }`,
      `  }`,
      `  label = "order %s: %.2f" % [order.id, total]; // formatted`,
      `  [a, b] = [total // 3, total % 7];`,
      `  check = fn(x) => x.upper()[0:3] == "ABC";`,
      `  try { v = rates["missing"]; } except (e) { v = str(e); }`,
      `  return {total: total, label: label, parts: [a, b], ok: check(label)};`,
      `}`,
      ``,
    );
  }
  return out.join("\n");
}

function benchCompile() {
  const source = generateProgram(quick ? 500 : 3000);
  const lines = source.split("\n").length;
  for (let i = 0; i < 5; i++) compile(source, { filename: "big.ml", sourceMap: true, maxSourceLength: Infinity });
  const times = [];
  for (let i = 0; i < (quick ? 5 : 15); i++) {
    const t0 = performance.now();
    const r = compile(source, { filename: "big.ml", sourceMap: true, maxSourceLength: Infinity });
    times.push(performance.now() - t0);
    if (!r.ok) throw new Error("generated program does not compile: " + r.diagnostics[0]?.message);
  }
  const ms = median(times);
  return { lines, ms, linesPerSecond: (lines / ms) * 1000, msPer1000: (ms / lines) * 1000 };
}

/** Every `.ml` file under `dir`, recursively, with its source. */
function mlFiles(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) mlFiles(path, out);
    else if (entry.name.endsWith(".ml")) out.push({ path, source: readFileSync(path, "utf8") });
  }
  return out;
}

/** Realistic programs: the examples and the conformance files, compiled warm with source maps. */
function benchCompileRealistic() {
  const root = join(here, "..");
  const files = [...mlFiles(join(root, "examples")), ...mlFiles(join(root, "test", "conformance"))];
  const lines = files.reduce((n, f) => n + f.source.split("\n").length, 0);
  const once = () => {
    for (const f of files) compile(f.source, { filename: f.path, sourceMap: true });
  };
  for (let i = 0; i < 5; i++) once();
  const times = [];
  for (let i = 0; i < (quick ? 5 : 25); i++) {
    const t0 = performance.now();
    once();
    times.push(performance.now() - t0);
  }
  return { files: files.length, lines, msPer1000: (median(times) / lines) * 1000 };
}

// ---------------------------------------------------------------------------------------------
// 2. Run time, ML vs JavaScript
// ---------------------------------------------------------------------------------------------
function timeIt(fn, minMs) {
  fn(); // warm-up
  fn();
  const times = [];
  const start = performance.now();
  while (times.length < 5 || (performance.now() - start < minMs && times.length < 50)) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function benchRun() {
  const rows = [];
  for (const name of only ?? programs) {
    const program = await load(join(here, "programs", `${name}.ml`));
    const js = await import(pathToFileURL(join(here, "programs", `${name}.js`)).href);
    const mlMain = program.exports.main;
    const expected = js.main();
    const got = mlMain();
    if (got !== expected) throw new Error(`${name}: ML returned ${got}, JavaScript ${expected}`);
    // Interleave to share whatever the machine is doing between both sides.
    const jsMs = [], mlMs = [];
    for (let r = 0; r < 3; r++) {
      jsMs.push(timeIt(js.main, quick ? 200 : 600));
      mlMs.push(timeIt(mlMain, quick ? 200 : 600));
    }
    const j = median(jsMs), m = median(mlMs);
    rows.push({ name, jsMs: j, mlMs: m, ratio: m / j });
  }
  const geo = Math.exp(rows.reduce((s, r) => s + Math.log(r.ratio), 0) / rows.length);
  return { rows, geo };
}

// ---------------------------------------------------------------------------------------------
// 3. Cold start
// ---------------------------------------------------------------------------------------------
function benchColdStart() {
  const bin = join(here, "..", "bin", "mljs.cjs"); // the launcher npm links as `mljs`
  const hello = join(here, "programs", "hello.ml");
  const run = (args) => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: "utf8" });
    const ms = performance.now() - t0;
    if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
    return ms;
  };
  const n = quick ? 5 : 15;
  run([bin, "run", hello]);
  const mljs = median(Array.from({ length: n }, () => run([bin, "run", hello])));
  const node = median(Array.from({ length: n }, () => run(["-e", ""])));
  return { mljs, node };
}

if (computeOnly) {
  const r = await benchRun();
  for (const row of r.rows) {
    console.log(`  ${row.name.padEnd(12)} ${fmt(row.jsMs, 2).padStart(9)} ${fmt(row.mlMs, 2).padStart(9)} ${(fmt(row.ratio, 2) + "×").padStart(7)}`);
  }
  console.log(`  ${"geo. mean".padEnd(12)} ${"".padStart(9)} ${"".padStart(9)} ${(fmt(r.geo, 2) + "×").padStart(7)}`);
  process.exit(0);
}

const c = benchCompile();
console.log(`\nCompile (warm, with source maps): ${c.lines.toLocaleString("en-US")} lines in ${fmt(c.ms, 2)} ms`);
console.log(`  ${Math.round(c.linesPerSecond).toLocaleString("en-US")} lines/s  (${fmt(c.msPer1000, 3)} ms per 1 000 lines; target ≥ 1 000 000 lines/s)`);
const real = benchCompileRealistic();
console.log(`  realistic programs (${real.files} files of examples/ and test/conformance/, ${real.lines.toLocaleString("en-US")} lines): ${fmt(real.msPer1000, 3)} ms per 1 000 lines (target ≤ 1 ms)`);

const r = await benchRun();
console.log(`\nRun time, ML vs hand-written JavaScript (median of runs, same process):`);
console.log(`  ${"program".padEnd(12)} ${"JS ms".padStart(9)} ${"ML ms".padStart(9)} ${"ratio".padStart(7)}`);
for (const row of r.rows) {
  console.log(`  ${row.name.padEnd(12)} ${fmt(row.jsMs, 2).padStart(9)} ${fmt(row.mlMs, 2).padStart(9)} ${(fmt(row.ratio, 2) + "×").padStart(7)}`);
}
console.log(`  ${"geo. mean".padEnd(12)} ${"".padStart(9)} ${"".padStart(9)} ${(fmt(r.geo, 2) + "×").padStart(7)}   (targets: ≤ 1.3× mean, none above 2×)`);

const s = benchColdStart();
console.log(`\nCold start: mljs run hello.ml ${fmt(s.mljs)} ms, bare node -e "" ${fmt(s.node)} ms: ${fmt(s.mljs / s.node, 2)}× (target ≤ 1.3×)\n`);

const cap = benchCapabilityCheck(quick);
console.log(`Capability check (ns per call, same function): bare ${fmt(cap.bare, 1)} · wrapper without capability ${fmt(cap.wrapped, 1)} · checked ${fmt(cap.checked, 1)}`);
console.log(`  overhead of the check: ${fmt(cap.checked - cap.bare, 1)} ns per call (target ≤ 1 000 ns)`);

const doc = JSON.stringify({ id: 42, name: "order", items: Array.from({ length: 20 }, (_, i) => ({ sku: `A-${i}`, qty: i % 4, price: i * 1.25, tags: ["x", "y"] })) });
const line = "2024-03-15 order 12345-678 shipped to warehouse 9";
const pattern = /(\d+)-(\d+)/;
const re2 = RE2JS.compile("(\\d+)-(\\d+)");
const ops = await benchStdlibOps(quick, [
  {
    name: "json.parse",
    n: 20_000,
    ml: `import json;\ntext = ${JSON.stringify(doc)};\nfunction run() { return json.parse(text); }`,
    js: () => JSON.parse(doc),
  },
  {
    name: "regex.search",
    n: 100_000,
    ml: `import regex;\nline = ${JSON.stringify(line)};\nfunction run() { return regex.search("(\\\\d+)-(\\\\d+)", line).group(1); }`,
    js: () => pattern.exec(line)[1],
  },
  {
    name: "regex (RE2JS)",
    n: 100_000,
    ml: `import regex;\nline = ${JSON.stringify(line)};\nfunction run() { return regex.search("(\\\\d+)-(\\\\d+)", line).group(1); }`,
    js: () => {
      const m = re2.matcher(line);
      return m.find() ? m.group(1) : null;
    },
  },
  {
    name: "datetime",
    n: 50_000,
    ml: `import datetime;\nfunction run() { return datetime.create(2024, 3, 15, 14, 30).addDays(10).toISOString(); }`,
    js: () => Temporal.PlainDateTime.from({ year: 2024, month: 3, day: 15, hour: 14, minute: 30 }).add({ days: 10 }).toString(),
  },
]);
console.log(`\nStdlib operations, ML vs JavaScript (µs per operation):`);
console.log(`  ${"operation".padEnd(14)} ${"JS µs".padStart(9)} ${"ML µs".padStart(9)} ${"ratio".padStart(7)}`);
for (const row of ops) {
  console.log(`  ${row.name.padEnd(14)} ${fmt(row.jsUs, 3).padStart(9)} ${fmt(row.mlUs, 3).padStart(9)} ${(fmt(row.ratio, 2) + "×").padStart(7)}`);
}
console.log(`  (regex.search: JavaScript's backtracking RegExp vs the linear-time engine ML uses; regex (RE2JS): the same`);
console.log(`   engine called directly from JavaScript; datetime: the same Temporal calls)\n`);

const lim = await benchLimits(quick);
console.log(`Step budget in generated code: ${fmt(lim.unlimitedNs, 2)} ns per loop iteration unlimited, ${fmt(lim.limitedNs, 2)} ns with a budget (${fmt(lim.ratio, 2)}×; the same loop in JavaScript ${fmt(lim.jsNs, 2)} ns)`);
const sb = await benchSandbox(quick);
console.log(`Sandbox, warm pool: p50 ${fmt(sb.p50Ms, 2)} ms, p99 ${fmt(sb.p99Ms, 2)} ms, ${Math.round(sb.runsPerSecond).toLocaleString("en-US")} runs/s (cold start ${fmt(sb.coldMs)} ms; ${sb.slotMb === null ? "" : `${fmt(sb.slotMb)} MB per worker process, `}next run after a kill ${fmt(sb.restartMs)} ms)`);
const sp = await benchPrograms(quick);
console.log(`Sandbox program handle (sandbox.load, loaded once): call p50 ${fmt(sp.p50Us, 1)} µs, p99 ${fmt(sp.p99Us, 1)} µs, ${Math.round(sp.callsPerSecond).toLocaleString("en-US")} calls/s (bare IPC round trip p50 ${fmt(sp.ipcP50Us, 1)} µs; target ≤ 10 µs needs shared memory, which a child process cannot share: the same message to a worker thread over shared memory takes ${fmt(sp.sharedP50Us, 1)} µs, but a thread cannot contain a fatal out-of-memory)`);
console.log(`  warm worker: load → call → close ${fmt(sp.warmLoadCallCloseMs, 2)} ms (a tiny sandbox.run on a warm pool: ${fmt(sp.warmRunMs, 2)} ms; target ≤ 1 ms); worker start (fork to ready) ${fmt(sp.workerStartMs)} ms (bare node ${sp.nodeStartMs === null ? "?" : fmt(sp.nodeStartMs)} ms; target ≤ 20 ms); ${sp.programMb === null ? "" : `${fmt(sp.programMb, 3)} MB per loaded small program (target ≤ 2 MB)`}`);

printHost(await benchHostCall(quick), benchLoad(quick));

const web = await benchIntegrations(quick);
console.log(`\nWeb endpoints, ML vs plain JavaScript handler (autocannon, 32 connections, loopback):`);
console.log(`  ${"framework".padEnd(10)} ${"JS req/s".padStart(10)} ${"ML req/s".padStart(10)} ${"overhead".padStart(9)}`);
for (const row of web) {
  console.log(`  ${row.name.padEnd(10)} ${Math.round(row.jsRps).toLocaleString("en-US").padStart(10)} ${Math.round(row.mlRps).toLocaleString("en-US").padStart(10)} ${(fmt(row.overhead * 100, 1) + "%").padStart(9)}   (target ≤ 10%)`);
}
console.log("");

printCostModel(await benchCostModel(quick));
console.log("");
