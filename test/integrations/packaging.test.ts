import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const root = fileURLToPath(new URL("../..", import.meta.url));

// Runs in a fresh process: a resolve hook makes both frameworks unresolvable, as when neither
// optional peer dependency is installed, then imports the integrations by package name.
const script = `
import { register } from "node:module";
register("data:text/javascript," + encodeURIComponent(
  "export async function resolve(s, c, next) {" +
  "  if (/^(express|fastify)(\\\\/|$)/.test(s)) throw new Error('not installed: ' + s);" +
  "  return next(s, c);" +
  "}"));
const express = await import("mljs-lang/express");
const fastify = await import("mljs-lang/fastify");
const blocked = await import("express").then(() => "express loaded", (e) => e.message);
console.log(JSON.stringify({ express: Object.keys(express).sort(), fastify: Object.keys(fastify).sort(), blocked }));
`;

describe("mljs-lang/express and mljs/fastify as package subpaths", () => {
  it("load by name (from the built package) with neither framework installed", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { cwd: root, timeout: 20_000 });
    expect(JSON.parse(stdout)).toEqual({
      express: ["capabilities", "errorHandler", "handler", "loadRules"],
      fastify: ["handler", "loadRules", "mljsPlugin"],
      blocked: "not installed: express",
    });
  });
});
