#!/usr/bin/env node
/**
 * Installs the system programs the test suite drives, when they are missing: Debian's
 * `redis-server` (the BullMQ tests start their own on a free loopback port) and `chromium` (the
 * playground's browser tests, driven by playwright-core). Runs before `npm test`; does nothing when
 * both are already there, so it is safe to run again.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/** Program on the PATH (or at a fixed Debian path) → the Debian package that provides it. */
const NEEDED = [
  { program: "redis-server", paths: ["/usr/bin/redis-server"], pkg: "redis-server" },
  { program: "chromium", paths: ["/usr/bin/chromium"], pkg: "chromium" },
];

function onPath(program) {
  return spawnSync("sh", ["-c", `command -v ${program}`], { stdio: "ignore" }).status === 0;
}

const missing = NEEDED.filter((n) => !n.paths.some((p) => existsSync(p)) && !onPath(n.program));
if (missing.length === 0) process.exit(0);

const packages = missing.map((n) => n.pkg);
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const sudo = isRoot ? [] : onPath("sudo") ? ["sudo", "-n"] : null;
if (sudo === null || !onPath("apt-get")) {
  process.stderr.write(
    `The tests need ${packages.join(" and ")}, which are not installed, and this machine cannot ` +
      `install them here (apt-get as root or through sudo). Install the Debian packages ` +
      `${packages.join(", ")} (or put the programs on the PATH), then run the tests again.\n`,
  );
  process.exit(1);
}

process.stderr.write(`Installing ${packages.join(", ")} for the tests (Debian packages)...\n`);
const apt = (args) =>
  execFileSync(sudo[0] ?? "apt-get", [...sudo.slice(1), ...(sudo.length ? ["apt-get"] : []), ...args], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
apt(["update", "-q"]);
apt(["install", "-y", "-q", "--no-install-recommends", ...packages]);
