#!/usr/bin/env node
/**
 * Installs the system programs the test suite drives, when they are missing: Debian's
 * `redis-server` (the BullMQ tests start their own on a free loopback port, found on the PATH),
 * `chromium` (the playground's browser tests, driven by playwright-core, at `CHROMIUM_PATH` or
 * /usr/bin/chromium) and `procps` (pgrep and ps, for the language server's tests). Runs before
 * `npm test`; does nothing when all are already there, so it is safe to run again. Installs with apt-get as root, or through `sudo -n` (no password prompt);
 * when neither works, or the install fails, it says what to install and exits 1.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

function onPath(program) {
  return spawnSync("sh", ["-c", 'command -v "$1"', "sh", program], { stdio: "ignore" }).status === 0;
}

const chromiumPath = process.env["CHROMIUM_PATH"] || "/usr/bin/chromium";

/** What the tests run → the Debian package that provides it. */
const NEEDED = [
  { what: "redis-server on the PATH", present: () => onPath("redis-server"), pkg: "redis-server" },
  { what: `chromium at ${chromiumPath}`, present: () => existsSync(chromiumPath), pkg: "chromium" },
  // The language server's tests look for its child process with pgrep and ps.
  { what: "pgrep and ps on the PATH", present: () => onPath("pgrep") && onPath("ps"), pkg: "procps" },
];

const missing = NEEDED.filter((n) => !n.present());
if (missing.length === 0) process.exit(0);

const packages = missing.map((n) => n.pkg);
const advice =
  `Install the Debian packages ${packages.join(", ")} so that the tests find ${missing.map((n) => n.what).join(" and ")} ` +
  `(CHROMIUM_PATH names another Chromium executable), then run the tests again.\n`;
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const sudo = isRoot ? [] : onPath("sudo") ? ["sudo", "-n"] : null;
if (sudo === null || !onPath("apt-get")) {
  process.stderr.write(
    `The tests need ${packages.join(" and ")}, which ${packages.length > 1 ? "are" : "is"} not installed, and this machine cannot ` +
      `install them here (apt-get as root or through sudo). ${advice}`,
  );
  process.exit(1);
}

process.stderr.write(`Installing ${packages.join(", ")} for the tests (Debian packages)...\n`);
// sudo resets the environment: `env` sets DEBIAN_FRONTEND for apt-get behind it.
const command = sudo.length === 0 ? ["apt-get"] : [...sudo, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get"];
const apt = (args) =>
  execFileSync(command[0], [...command.slice(1), ...args], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
try {
  apt(["update", "-q"]);
  apt(["install", "-y", "-q", "--no-install-recommends", ...packages]);
} catch (e) {
  process.stderr.write(`Could not install ${packages.join(", ")} (${e.message.split("\n")[0]}). ${advice}`);
  process.exit(1);
}
const still = missing.filter((n) => !n.present());
if (still.length > 0) {
  process.stderr.write(`apt-get installed ${packages.join(", ")}, but ${still.map((n) => n.what).join(" and ")} is still missing. ${advice}`);
  process.exit(1);
}
