/**
 * The browser playground in a real Chromium (playwright-core): the site is built once into a
 * scratch directory, served on a loopback port, and driven through its `data-testid` hooks.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { buildPlayground } from "../../playground/build.js";
import { serveStatic } from "../../playground/serve.js";

const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync",
];

let outdir: string;
let server: Server;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium was not found at ${CHROMIUM}: run \`npm run test-deps\` to install it (or set CHROMIUM_PATH)`);
  }
  outdir = mkdtempSync(join(tmpdir(), "mljs-playground-"));
  const started = Date.now();
  await buildPlayground(outdir);
  // The build must stay quick: it runs before these tests and before every `npm run playground`.
  expect(Date.now() - started).toBeLessThan(10_000);
  server = await serveStatic(outdir, 0);
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (outdir) rmSync(outdir, { recursive: true, force: true });
});

/** A fresh page at `path` (relative to the site), once the app has started. */
async function open(path = ""): Promise<Page> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(base + path);
  await page.waitForSelector("body[data-ready=true]", { timeout: 10_000 }).catch((e: Error) => {
    throw new Error(`the playground did not start: ${errors.join("; ") || e.message}`);
  });
  return page;
}

async function setSource(page: Page, source: string): Promise<void> {
  await page.click("[data-testid=editor] .cm-content");
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.insertText(source);
}

/** Waits for the run in progress to end and returns the output pane's text. */
async function finished(page: Page, timeout = 10_000): Promise<string> {
  // Evaluated in the page (a string: this file is type-checked without the DOM library).
  await page.waitForFunction(
    '["done", "error"].includes(document.querySelector("[data-testid=output]").dataset.state)', undefined, { timeout },
  );
  return (await page.textContent("[data-testid=output]")) ?? "";
}

async function run(page: Page, source: string, timeout?: number): Promise<string> {
  await setSource(page, source);
  await page.click("[data-testid=run]");
  return finished(page, timeout);
}

function hashOf(source: string): string {
  return `#code=${Buffer.from(source, "utf8").toString("base64url")}`;
}

describe("browser playground", () => {
  it("runs a program in the worker and shows what it prints", async () => {
    const page = await open();
    // The first example is loaded and highlighted with the project's lexer.
    expect(await page.locator("[data-testid=editor] .ml-keyword, [data-testid=editor] .ml-string").count()).toBeGreaterThan(0);
    const out = await run(page, [
      "import math;",
      "import regex;",
      "import csv;",
      "import crypto;",
      'print("hello from the worker", 6 * 7, math.sqrt(16));',
      "print(7 // 2); // floor division",
      'print(regex.findall("\\d+", "a1b22c333"), regex.sub("o", "0", "foo"));',
      'print(csv.parse("name,qty\\nA1,2\\n"));',
      'print(crypto.sha256("abc"), crypto.hmac("msg", "key", "md5"));',
      "",
    ].join("\n"));
    expect(out).toContain("hello from the worker 42 4\n3\n");
    expect(out).toContain('["1", "22", "333"] f00\n');
    expect(out).toContain('[{"name": "A1", "qty": "2"}]\n');
    expect(out).toContain("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad 18e3548c59ad40dd03907b7aeee71d67\n");
    expect(out).toMatch(/finished in \d+ ms/);
    await page.close();
  });

  it("shows a syntax error as a diagnostic naming its line, live and on Run", async () => {
    const page = await open();
    await setSource(page, "x = 1;\ny = 2;\nz = (3 + ;\nprint(x);\n");
    const item = page.locator("[data-testid=diagnostics] li.error").first();
    await item.waitFor({ timeout: 5_000 });
    expect(await item.textContent()).toMatch(/^line 3, column \d+: error\[ML1\d{3}\]/);
    expect(await page.locator(".cm-lint-marker-error").count()).toBeGreaterThan(0);
    await page.click("[data-testid=run]");
    const out = await finished(page);
    expect(out).toContain("main.ml:3:");
    // Fixing it clears the list.
    await setSource(page, "print(1);\n");
    await page.waitForFunction('document.querySelector("[data-testid=diagnostics]").dataset.count === "0"');
    await page.close();
  });

  it("shows a runtime error with its ML stack", async () => {
    const page = await open();
    const out = await run(page, "function f(n) {\n  return 1 / n;\n}\nprint(f(0));\n");
    expect(out).toContain("ZeroDivisionError: division by zero");
    expect(out).toMatch(/at f \(main\.ml:2:\d+\)\n\s+at <module> \(main\.ml:4:\d+\)/);
    await page.close();
  });

  it("stops `while (true) {}` with a limit error, and the page goes on running programs", async () => {
    const page = await open();
    const out = await run(page, "while (true) {}\n");
    expect(out).toMatch(/LimitError: (step|time) limit exceeded/);
    expect(out).toContain("at <module> (main.ml:1:");
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    expect(await run(page, 'print("after the runaway");\n')).toContain("after the runaway");
    await page.close();
  });

  it("terminates a worker that does not answer in time and starts a fresh one (limits off in the worker)", async () => {
    const page = await open("?limits=off&time=300");
    const started = Date.now();
    const out = await run(page, "n = 0;\nwhile (true) {\n  n = n + 1;\n}\n");
    expect(out).toContain("did not answer within 1300 ms");
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(await run(page, 'print("fresh worker");\n')).toContain("fresh worker");
    await page.close();
  });

  it("stays responsive with runaway output, deep recursion and a huge string: each run is stopped with an error", async () => {
    const page = await open("?steps=2000000");
    const flood = await run(page, 'while (true) {\n  print("x" * 1000);\n}\n');
    expect(flood).toContain("[output cut at 200000 characters]");
    expect(flood).toContain("LimitError: step limit exceeded");
    expect(flood.length).toBeLessThan(201_000);
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    expect(await run(page, "function f(n) {\n  return f(n + 1);\n}\nf(0);\n")).toContain("RecursionError: maximum recursion depth exceeded");
    expect(await run(page, 's = "x" * 1000000000;\nprint(len(s));\n')).toContain("LimitError: string length limit exceeded");
    expect(await run(page, 'print("still running");\n')).toContain("still running");
    await page.close();
  });

  it("refuses a #code= link that is not a program encoding or is too long, and keeps working", async () => {
    for (const [hash, message] of [
      ["#code=%%%", "not a valid program encoding"],
      [`#code=${"A".repeat(1_500_000)}`, "too long to load"],
    ] as const) {
      const page = await open(hash);
      expect(await page.textContent("[data-testid=status]")).toContain(message);
      expect(await page.textContent("[data-testid=output]")).toBe("");
      expect(await run(page, 'print("runs");\n')).toContain("runs");
      await page.close();
    }
  });

  it("loads and runs the program of a #code= link, and Share writes that link", async () => {
    const source = 'greeting = "héllo, wörld ✓";\nprint(greeting.upper());\n';
    const page = await open(hashOf(source));
    expect(await finished(page)).toContain("HÉLLO, WÖRLD ✓");
    await setSource(page, "print(2 + 2);\n");
    await page.click("[data-testid=share]");
    await page.waitForFunction(`location.hash === ${JSON.stringify(hashOf("print(2 + 2);\n"))}`);
    await page.close();
  });

  it("denies effectful modules: no capability is granted", async () => {
    const page = await open();
    const out = await run(page, 'import file;\nprint(file.read("/etc/passwd"));\n');
    expect(out).toContain("CapabilityError: file.read() requires capability 'file.read'");
    expect(out).not.toContain("root:");
    const env = await run(page, 'import env;\nprint(env.get("HOME"));\n');
    expect(env).toContain("CapabilityError");
    const clock = await run(page, 'import datetime;\nprint(datetime.createDate(2024, 1, 31).addDays(1));\nprint(datetime.now());\n');
    expect(clock).toContain("2024-02-01\n");
    expect(clock).toContain("CapabilityError: datetime.now() requires capability 'datetime.now'");
    await page.close();
  });

  it("keeps an asynchronous program's budget across its awaits (the worker's AsyncLocalStorage)", async () => {
    const page = await open("?steps=200000");
    // Importing http makes the module asynchronous: calls of function values are awaited.
    const out = await run(page, [
      "import http;",
      "import json;",
      "try {",
      '  http.get("http://127.0.0.1/");',
      "} except (e) {",
      "  print(e.type);",
      "}",
      "function inc(x) {",
      "  return x + 1;",
      "}",
      "f = inc;",
      'print("after await", f(1));',
      "// Stdlib work is charged to the run through the frame: after the await it must still be found.",
      "big = range(50000);",
      "for (i in range(20)) {",
      "  s = json.stringify(big);",
      "}",
      'print("not reached");',
      "",
    ].join("\n"));
    expect(out).toContain("CapabilityError\nafter await 2\n");
    expect(out).toContain("LimitError: step limit exceeded (200000 steps)");
    expect(out).toContain("main.ml:16:");
    expect(out).not.toContain("not reached");
    await page.close();
  });

  it("runs every example of the menu in the browser as it runs under Node", async () => {
    const page = await open();
    const expected: Record<string, RegExp> = {
      hello: /Hello, world!\n7 \/ 2 = 3\.5 and 7 \/\/ 2 = 3\n/,
      functions: /fib\(20\) = 6765\nsquares: 144 144\ndoubled: 42\n/,
      objects: /Ada has 150\nrefused: deposit must be positive\n/,
      collections: /chunks: \[\[1, 4, 9\], \[16, 25, 36\], \[49\]\]/,
      data: /leap year\? true days in Feb: 29\nin 3 days: 2024-03-01\n\{\n  "id": 7,/,
      limits: /LimitError: step limit exceeded/,
      capabilities: /CapabilityError: file\.read\(\) requires capability 'file\.read'/,
    };
    const ids = await page.$$eval("[data-testid=examples] option", (options) => options.map((o) => (o as unknown as { value: string }).value));
    expect(ids.filter((id) => id !== "").sort()).toEqual(Object.keys(expected).sort());
    for (const [id, pattern] of Object.entries(expected)) {
      await page.selectOption("[data-testid=examples]", id);
      await page.click("[data-testid=run]");
      expect(await finished(page), id).toMatch(pattern);
    }
    await page.close();
  });
});
