/**
 * `mljs run --inspect[=[host:]port]` and `--inspect-brk[=[host:]port]`: the inspector of this
 * process, opened before the program is loaded (docs/debugging.md). The program runs in this
 * process (`LoadOptions.debug`), so a debugger attached here sees its modules through their
 * source maps as `.ml` files; `--inspect-brk` pauses on the program's first ML statement, not in
 * mljs itself.
 */
import { createRequire } from "node:module";
import type * as Inspector from "node:inspector";
import { UsageError } from "./usage.js";

/** Where the inspector listens. */
export interface InspectAddress {
  readonly host: string;
  readonly port: number;
}

/** Node's defaults for `--inspect`. */
const DEFAULT_ADDRESS: InspectAddress = { host: "127.0.0.1", port: 9229 };

/**
 * Reads the value of `--inspect=VALUE` (`""`: the option was given alone): a port (`9230`, `0`
 * for any free port), `host:port`, or `[ipv6]:port`.
 */
export function parseInspectAddress(option: string, value: string): InspectAddress {
  if (value === "") return DEFAULT_ADDRESS;
  const m = /^(?:(\[[0-9A-Fa-f:.]+\]|[^:[\]]+):)?(\d+)$/.exec(value);
  const port = m === null ? NaN : Number(m[2]);
  if (m === null || !Number.isInteger(port) || port > 65535) {
    // An IPv6 address needs its brackets: in `::1:9229` the port cannot be told from the address.
    const hint = m === null && /^[0-9A-Fa-f:]*::?[0-9A-Fa-f:]*$/.test(value) && value.split(":").length > 2
      ? `; write an IPv6 address in brackets: --${option}=[::1]:9229` : "";
    throw new UsageError(`--${option} expects [host:]port with a port from 0 to 65535 (0: any free port), got '${value}'${hint}`, "run");
  }
  const host = m[1] === undefined ? DEFAULT_ADDRESS.host : m[1].replace(/^\[(.*)\]$/, "$1");
  return { host, port };
}

/**
 * The warning for an inspector that listens beyond this machine (any host but a loopback
 * address or `localhost`), or null: whoever reaches the port can run any code in the process.
 */
export function exposureWarning(address: InspectAddress): string | null {
  const host = address.host.toLowerCase();
  if (host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host)) return null;
  return `mljs: warning: the debugger listens on ${host.includes(":") ? `[${host}]` : host}, not only on this machine: anyone who can reach ${address.port === 0 ? "its port" : `port ${address.port}`} there controls this process (runs any code with its rights); use 127.0.0.1 unless the network is yours alone\n`;
}

/**
 * Opens the inspector on `address` (Node prints "Debugger listening on ws://…" to standard
 * error) and, when `wait`, blocks until a debugger has attached and asked the program to run.
 *
 * An inspector that is already open is used as it is: VS Code's `node` launch configurations
 * open it (and attach) before the CLI starts, as does `node --inspect bin/mljs.cjs`. Then
 * nothing waits — a debugger that attached that way has already let the process run, and
 * would never ask again — and `--inspect-brk` pauses on the first ML line only if one is attached.
 * `note` receives a line saying so.
 */
export function startInspector(address: InspectAddress, wait: boolean, note: (line: string) => void): void {
  let inspector: typeof Inspector;
  try {
    // Required, not imported: the CLI bundle runs as a script, where `import()` is not available.
    inspector = createRequire(import.meta.url)("node:inspector") as typeof Inspector;
  } catch {
    throw new UsageError("--inspect needs a Node.js built with the inspector, and this one is not", "run");
  }
  const open = inspector.url();
  if (open !== undefined) {
    note(`mljs: the inspector of this process is already open (${open}): using it${wait ? "; not waiting for a debugger" : ""}\n`);
    return;
  }
  const warning = exposureWarning(address);
  if (warning !== null) note(warning);
  inspector.open(address.port, address.host, false);
  // Node reports a failure to listen on standard error and leaves the inspector closed.
  if (inspector.url() === undefined) {
    throw new UsageError(`the debugger could not listen on ${address.host.includes(":") ? `[${address.host}]` : address.host}:${address.port} (see the message above); choose another address or port: --inspect=[HOST:]PORT (0 picks a free port)`, "run");
  }
  if (wait) inspector.waitForDebugger();
}
