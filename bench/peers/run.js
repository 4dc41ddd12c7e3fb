// `npm run bench:peers`: mljs raced side by side, in one run, against isolated-vm, QuickJS
// (quickjs-emscripten, wasm) and node:vm. Not part of `npm test`.
//
// The peers are installed into bench/peers/node_modules from bench/peers/package.json on first use
// (bench/peers/install.js), isolated from the project's own dependencies: isolated-vm is a native
// build (node-gyp), and the project's `npm ci` must not need a C++ toolchain.
//
// Every figure is a median of interleaved repetitions on whatever this machine is doing meanwhile:
//   - compute: each bench program (bench/programs/<name>.ml, and the same program in JavaScript,
//     bench/programs/<name>.js, run as the guest by isolated-vm and QuickJS) as a ratio to the
//     plain JavaScript in the same process;
//   - host → guest call of a small rule with a fresh input object each call;
//   - create → tiny program → result → dispose;
//   - memory per live program: RSS growth of a fresh process holding N live programs, / N.
// isolated-vm on Node 20 needs `--no-node-snapshot`: its part runs in a child node with that flag,
// as do the memory measurements (one fresh child per engine, `--expose-gc`).
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, totalmem, platform, release, arch } from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { join } from "node:path";
import vm from "node:vm";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = join(here, "..", "..");
const programsDir = join(root, "bench", "programs");
const requirePeer = createRequire(join(here, "package.json"));
const quick = process.argv.includes("--quick");

const COMPUTE = [
  ["fib", "fib"],
  ["quicksort", "quicksort"],
  ["word count", "wordfreq"],
  ["strings", "strings"],
];

// The small rule: the same function in ML and JavaScript, called with a fresh object each time.
const RULE_ML = `function rule(order) {
  if (order.total > 100 && order.country == "NL") {
    return order.total * 0.9;
  }
  return order.total;
}
`;
const RULE_JS = `function rule(order) {
  if (order.total > 100 && order.country === "NL") {
    return order.total * 0.9;
  }
  return order.total;
}
`;
const TINY_ML = "function main() { return 1 + 2; }";
const TINY_JS = "1 + 2";

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function order(i) {
  return { total: i % 200, country: i % 3 === 0 ? "NL" : "DE" };
}

/** Milliseconds per call of `fn` (median of runs after two warm-ups). */
function timeIt(fn, minMs) {
  fn();
  fn();
  const times = [];
  const start = performance.now();
  while (times.length < 5 || (performance.now() - start < minMs && times.length < 40)) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Microseconds per call: batches of `batch` calls, median over `rounds` batches. */
function perCallUs(call, batch, rounds = 15) {
  for (let i = 0; i < batch; i++) call(i);
  const xs = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) call(i);
    xs.push(((performance.now() - t0) * 1000) / batch);
  }
  return median(xs);
}

async function perCallUsAsync(call, batch, rounds = 9) {
  for (let i = 0; i < Math.min(batch, 20); i++) await call(i);
  const xs = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) await call(i);
    xs.push(((performance.now() - t0) * 1000) / batch);
  }
  return median(xs);
}

async function msEach(fn, n) {
  await fn();
  const xs = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

function guestSource(name) {
  return readFileSync(join(programsDir, `${name}.js`), "utf8").replace(/^export /gm, "");
}

/** Ratios guest/plain for every compute program: interleaved, three rounds each. */
function ratios(makeGuestMain, jsMains) {
  const out = {};
  for (const [label, name] of COMPUTE) {
    const guest = makeGuestMain(name);
    const expected = jsMains[name]();
    const got = guest();
    if (got !== expected) throw new Error(`${label}: guest returned ${got}, JavaScript ${expected}`);
    const js = [], g = [];
    for (let r = 0; r < 3; r++) {
      js.push(timeIt(jsMains[name], quick ? 150 : 400));
      g.push(timeIt(guest, quick ? 150 : 400));
    }
    out[label] = median(g) / median(js);
  }
  return out;
}

async function jsMains() {
  const out = {};
  for (const [, name] of COMPUTE) out[name] = (await import(pathToFileURL(join(programsDir, `${name}.js`)).href)).main;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Engines
// ---------------------------------------------------------------------------------------------
async function mljsApi() {
  const api = await import(pathToFileURL(join(root, "dist", "index.js")).href);
  const sb = await import(pathToFileURL(join(root, "dist", "sandbox", "index.js")).href);
  return { load: api.load, Sandbox: sb.Sandbox };
}

async function quickjs() {
  const { getQuickJS } = await import(pathToFileURL(requirePeer.resolve("quickjs-emscripten")).href);
  return getQuickJS();
}

function ivmModule() {
  return requirePeer("isolated-vm");
}

/** A QuickJS context's function `name` as a host function of one plain-object argument. */
function qjsCall(ctx, fnHandle) {
  return (o) => {
    const arg = ctx.newObject();
    for (const k in o) {
      const v = o[k];
      const h = typeof v === "number" ? ctx.newNumber(v) : ctx.newString(String(v));
      ctx.setProp(arg, k, h);
      h.dispose();
    }
    const r = ctx.callFunction(fnHandle, ctx.undefined, arg);
    arg.dispose();
    const h = ctx.unwrapResult(r);
    const v = ctx.dump(h);
    h.dispose();
    return v;
  };
}

async function mainPart() {
  const { load, Sandbox } = await mljsApi();
  const QuickJS = await quickjs();
  const mains = await jsMains();
  const result = { compute: {}, call: {}, create: {} };

  // Compute.
  const mlPrograms = {};
  for (const [, name] of COMPUTE) mlPrograms[name] = await load(join(programsDir, `${name}.ml`));
  result.compute.mljs = ratios((name) => mlPrograms[name].exports.main, mains);
  const qjsContexts = [];
  result.compute.quickjs = ratios((name) => {
    const ctx = QuickJS.newContext();
    qjsContexts.push(ctx);
    ctx.unwrapResult(ctx.evalCode(guestSource(name))).dispose();
    return () => {
      const h = ctx.unwrapResult(ctx.evalCode("main()"));
      const v = ctx.dump(h);
      h.dispose();
      return v;
    };
  }, mains);
  for (const c of qjsContexts) c.dispose();

  // Host → guest call of the small rule.
  const plainRule = new Function(`${RULE_JS}; return rule;`)();
  const check = (name, f) => {
    for (let i = 0; i < 6; i++) {
      const want = plainRule(order(i));
      const got = f(order(i));
      if (got !== want) throw new Error(`${name}: rule(${JSON.stringify(order(i))}) = ${got}, expected ${want}`);
    }
  };
  const mlRule = (await load({ source: RULE_ML, filename: "rule.ml" })).exports.rule;
  check("mljs", mlRule);
  const ctx = vm.createContext({});
  const vmRule = vm.runInContext(`${RULE_JS}; rule`, ctx);
  check("node:vm", vmRule);
  const qctx = QuickJS.newContext();
  qctx.unwrapResult(qctx.evalCode(RULE_JS)).dispose();
  const qfn = qctx.getProp(qctx.global, "rule");
  const qRule = qjsCall(qctx, qfn);
  check("QuickJS", qRule);
  const batch = quick ? 20_000 : 100_000;
  for (let r = 0; r < 2; r++) {
    // interleaved: each engine's figure is the median of its rounds
    (result.call.js ??= []).push(perCallUs((i) => plainRule(order(i)), batch));
    (result.call.mljs ??= []).push(perCallUs((i) => mlRule(order(i)), batch));
    (result.call.nodeVm ??= []).push(perCallUs((i) => vmRule(order(i)), batch));
    (result.call.quickjs ??= []).push(perCallUs((i) => qRule(order(i)), batch / 10));
  }
  for (const k of Object.keys(result.call)) result.call[k] = Math.min(...result.call[k]);
  qfn.dispose();
  qctx.dispose();

  const sandbox = new Sandbox({ poolSize: 1, timeoutMs: 10_000 });
  try {
    const input = { source: RULE_ML, filename: "rule.ml" };
    const got = await sandbox.run(input, { entry: "rule", args: [order(3)] });
    if (got !== plainRule(order(3))) throw new Error(`Sandbox: ${got}`);
    result.call.sandbox = await perCallUsAsync((i) => sandbox.run(input, { entry: "rule", args: [order(i)] }), quick ? 50 : 200);
    if (typeof sandbox.load === "function") {
      const program = await sandbox.load(input);
      const fn = program.exports.rule;
      if ((await fn(order(3))) !== plainRule(order(3))) throw new Error("SandboxProgram: wrong result");
      result.call.sandboxProgram = await perCallUsAsync((i) => fn(order(i)), quick ? 2_000 : 10_000);
      await program.close?.();
    }
  } finally {
    await sandbox.close();
  }

  // Create → tiny program → result → dispose.
  const n = quick ? 30 : 100;
  result.create.mljs = await msEach(async () => {
    const p = await load({ source: TINY_ML, filename: "tiny.ml" });
    if (p.exports.main() !== 3) throw new Error("mljs tiny");
  }, n);
  result.create.sandbox = await msEach(async () => {
    const s = new Sandbox({ poolSize: 1, timeoutMs: 10_000 });
    try {
      if ((await s.run({ source: TINY_ML, filename: "tiny.ml" }, { entry: "main" })) !== 3) throw new Error("Sandbox tiny");
    } finally {
      await s.close();
    }
  }, quick ? 3 : 7);
  result.create.quickjs = await msEach(() => {
    const c = QuickJS.newContext();
    const h = c.unwrapResult(c.evalCode(TINY_JS));
    if (c.dump(h) !== 3) throw new Error("QuickJS tiny");
    h.dispose();
    c.dispose();
  }, n);
  result.create.nodeVm = await msEach(() => {
    if (vm.runInContext(TINY_JS, vm.createContext({})) !== 3) throw new Error("node:vm tiny");
  }, n);
  return result;
}

/** The isolated-vm part (runs in a child started with --no-node-snapshot). */
async function ivmPart() {
  const ivm = ivmModule();
  const mains = await jsMains();
  const result = {};
  const isolates = [];
  result.compute = ratios((name) => {
    const isolate = new ivm.Isolate({ memoryLimit: 256 });
    isolates.push(isolate);
    const context = isolate.createContextSync();
    context.evalSync(guestSource(name));
    const main = context.global.getSync("main", { reference: true });
    return () => main.applySync(undefined, [], { result: { copy: true } });
  }, mains);
  for (const i of isolates) i.dispose();

  const isolate = new ivm.Isolate({ memoryLimit: 64 });
  const context = isolate.createContextSync();
  context.evalSync(RULE_JS);
  const rule = context.global.getSync("rule", { reference: true });
  const call = (o) => rule.applySync(undefined, [o], { arguments: { copy: true }, result: { copy: true } });
  if (call(order(3)) !== (order(3).total > 100 ? order(3).total * 0.9 : order(3).total)) throw new Error("isolated-vm rule");
  result.call = Math.min(perCallUs((i) => call(order(i)), quick ? 5_000 : 20_000), perCallUs((i) => call(order(i)), quick ? 5_000 : 20_000));
  isolate.dispose();

  result.create = await msEach(() => {
    const iso = new ivm.Isolate({ memoryLimit: 16 });
    const c = iso.createContextSync();
    if (c.evalSync(TINY_JS) !== 3) throw new Error("isolated-vm tiny");
    c.release();
    iso.dispose();
  }, quick ? 30 : 100);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Memory per live program: a fresh process per engine, RSS growth with N live programs.
// ---------------------------------------------------------------------------------------------
async function memoryPart(engine) {
  const gc = globalThis.gc;
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      gc();
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  const keep = [];
  let make;
  let n;
  if (engine === "mljs") {
    const { load } = await mljsApi();
    n = 1000;
    make = async () => {
      const p = await load({ source: RULE_ML, filename: "rule.ml" });
      p.exports.rule(order(1));
      return p;
    };
  } else if (engine === "nodeVm") {
    n = 300;
    make = () => {
      const ctx = vm.createContext({});
      vm.runInContext(RULE_JS, ctx);
      vm.runInContext("rule({ total: 1, country: 'NL' })", ctx);
      return ctx;
    };
  } else if (engine === "quickjs") {
    const QuickJS = await quickjs();
    n = 300;
    make = () => {
      const c = QuickJS.newContext();
      c.unwrapResult(c.evalCode(`${RULE_JS}; rule({ total: 1, country: "NL" })`)).dispose();
      return c;
    };
  } else if (engine === "ivm") {
    const ivm = ivmModule();
    n = 60;
    make = () => {
      const iso = new ivm.Isolate({ memoryLimit: 16 });
      const c = iso.createContextSync();
      c.evalSync(`${RULE_JS}; rule({ total: 1, country: "NL" })`);
      return [iso, c];
    };
  }
  // One made and dropped first, so that code and lazily created shared state are not counted.
  await make();
  await settle();
  const before = process.memoryUsage().rss;
  for (let i = 0; i < n; i++) keep.push(await make());
  await settle();
  const after = process.memoryUsage().rss;
  return { mb: (after - before) / n / 1024 / 1024, n, live: keep.length };
}

/** PSS in MB of one idle Sandbox worker process of this process (from /proc), or null. */
async function sandboxWorkerMb() {
  const { Sandbox } = await mljsApi();
  const s = new Sandbox({ poolSize: 1, timeoutMs: 10_000 });
  try {
    await s.run({ source: RULE_ML, filename: "rule.ml" }, { entry: "rule", args: [order(1)] });
    await new Promise((r) => setTimeout(r, 100));
    for (const pid of readdirSync("/proc")) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) !== process.pid) continue;
        return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"))[1]) / 1024;
      } catch {
        // gone meanwhile
      }
    }
    return null;
  } catch {
    return null;
  } finally {
    await s.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Orchestration
// ---------------------------------------------------------------------------------------------
function child(flags, mode) {
  const r = spawnSync(process.execPath, [...flags, fileURLToPath(import.meta.url), `--mode=${mode}`, ...(quick ? ["--quick"] : [])], {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) return { error: (r.stderr || r.stdout || `exit ${r.status}`).trim().split("\n").slice(-3).join(" ") };
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

function version(pkg) {
  try {
    return JSON.parse(readFileSync(requirePeer.resolve(`${pkg}/package.json`), "utf8")).version;
  } catch {
    return null;
  }
}

const x = (v, d = 2) => (v === undefined || v === null ? "—" : `${v.toFixed(d)}×`);
const us = (v) => (v === undefined || v === null ? "—" : `${v < 0.1 ? v.toFixed(3) : v < 1 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v)} µs`);
const ms = (v) => (v === undefined || v === null ? "—" : `${v < 10 ? v.toFixed(2) : Math.round(v)} ms`);
const mb = (v) => (v === undefined || v === null ? "—" : `${v.toFixed(2)} MB`);

async function orchestrate() {
  const { ensurePeers } = await import("./install.js");
  const peers = ensurePeers();
  const haveIvm = peers.isolatedVm;
  console.log(`mljs vs isolated-vm, QuickJS and node:vm — ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`);
  const cpu = cpus();
  console.log(
    `Machine: ${cpu[0]?.model ?? "?"} × ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, ${platform()} ${release()} ${arch()}; Node ${process.version}`,
  );
  const mljsVersion = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
  console.log(
    `Versions: mljs-lang ${mljsVersion}, isolated-vm ${version("isolated-vm") ?? "not installed"}, quickjs-emscripten ${version("quickjs-emscripten") ?? "not installed"}`,
  );
  if (!haveIvm) console.log(`isolated-vm is left out: ${peers.why}`);
  console.log("Measuring (a few minutes)…");

  const main = await mainPart();
  const iv = haveIvm ? child(["--no-node-snapshot"], "ivm") : { error: peers.why };
  if (iv.error) console.log(`isolated-vm part failed: ${iv.error}`);
  const mem = {};
  for (const e of ["mljs", "quickjs", "nodeVm", ...(haveIvm ? ["ivm"] : [])]) {
    mem[e] = child([...(e === "ivm" ? ["--no-node-snapshot"] : []), "--expose-gc"], `memory-${e}`);
  }
  const worker = await sandboxWorkerMb();
  const { coldStart } = await import("./cold-start.js");
  const cold = coldStart(quick ? 9 : 21);

  const compute = (r) => (r === undefined ? "—" : COMPUTE.map(([label]) => (r[label] === undefined ? "—" : r[label].toFixed(2))).join(" / ") + "×");
  const ivc = iv.error ? undefined : iv;
  const rows = [
    ["", "mljs", "isolated-vm", "QuickJS (wasm)", "node:vm"],
    ["compute fib / quicksort / word count / strings (ratio to plain JS)", compute(main.compute.mljs), compute(ivc?.compute), compute(main.compute.quickjs), "—"],
    [
      "host → guest call of a small rule (fresh input object; plain JS " + us(main.call.js) + ")",
      `${us(main.call.mljs)} (\`load()\` exports)`,
      us(ivc?.call),
      us(main.call.quickjs),
      us(main.call.nodeVm),
    ],
    ["same call through the worker `Sandbox` (`sandbox.run`)", us(main.call.sandbox), "—", "—", "—"],
    ...(main.call.sandboxProgram === undefined ? [] : [["same call through a `SandboxProgram` (`sandbox.load`)", us(main.call.sandboxProgram), "—", "—", "—"]]),
    ["create → tiny program → result → dispose", `\`load()\` ${ms(main.create.mljs)}; \`new Sandbox\` ${ms(main.create.sandbox)}`, ms(ivc?.create), ms(main.create.quickjs), ms(main.create.nodeVm)],
    [
      "memory per live program",
      `\`load()\` ${mb(mem.mljs?.mb)}; one \`Sandbox\` worker ${mb(worker)}`,
      mb(mem.ivm?.mb),
      mb(mem.quickjs?.mb),
      mb(mem.nodeVm?.mb),
    ],
  ];
  console.log("");
  console.log(rows.map((r, i) => `| ${r.join(" | ")} |${i === 0 ? `\n|${r.map(() => "---").join("|")}|` : ""}`).join("\n"));
  console.log(`\nCLI cold start: \`mljs run hello.ml\` ${cold.runs[0].ms.toFixed(1)} ms vs \`node -e 0\` ${cold.node.toFixed(1)} ms = ${cold.runs[0].ratio.toFixed(2)}× (medians of ${quick ? 9 : 21} interleaved runs)`);
  for (const [e, m] of Object.entries(mem)) if (m.error) console.log(`memory (${e}) failed: ${m.error}`);
}

const mode = process.argv.find((a) => a.startsWith("--mode="))?.slice(7);
if (mode === "ivm") console.log(JSON.stringify(await ivmPart()));
else if (mode?.startsWith("memory-")) console.log(JSON.stringify(await memoryPart(mode.slice(7))));
else await orchestrate();
