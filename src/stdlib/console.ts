/**
 * `console` (docs/stdlib/console.md): writes lines to the program's output sinks, which the host controls
 * (so no capability is needed). `log`, `info` and `debug` write to standard output, `error` and
 * `warn` to standard error; `info`, `debug` and `warn` prefix the line with `INFO: `, `DEBUG: `
 * and `WARNING: `. Values are shown with `str()` and separated by spaces, as `print` does.
 *
 * Cost (docs/limits.md): besides the step of the call, a step per value and per 16 characters
 * written (and what `str()` charges for showing a container).
 */
import { defineModule } from "./define.js";
import { spendItems, spendText } from "./support/cost.js";
import { programScope, runMeter } from "./support/scope.js";
import { str } from "../runtime/display.js";
import { checkStringLength } from "../runtime/limits.js";

const m = defineModule("console", "Writes lines to the program's standard output and standard error.");

/** Writes `prefix` and the values (`str`, space-separated) as one line to the program's `stream`. */
function write(stream: "stdout" | "stderr", prefix: string, values: readonly unknown[]): void {
  const state = programScope().state;
  const limits = state.limits;
  spendItems(values.length);
  const meter = runMeter();
  let line = prefix;
  for (let i = 0; i < values.length; i++) {
    const text = str(values[i], limits.maxStringLength, meter);
    // Checked before joining, so an oversized line fails before it is built.
    checkStringLength(line.length + text.length + 2, limits);
    line += i > 0 ? " " + text : text;
  }
  checkStringLength(line.length + 1, limits);
  spendText(line.length + 1);
  state[stream](line + "\n");
}

export const log = m.function(
  { name: "log", params: "...values", returns: "null", description: "Writes the values (shown with str(), separated by spaces) and a newline to standard output." },
  (...values: unknown[]) => write("stdout", "", values),
);

export const info = m.function(
  { name: "info", params: "...values", returns: "null", description: "Writes 'INFO: ' and the values as one line to standard output." },
  (...values: unknown[]) => write("stdout", "INFO: ", values),
);

export const debug = m.function(
  { name: "debug", params: "...values", returns: "null", description: "Writes 'DEBUG: ' and the values as one line to standard output." },
  (...values: unknown[]) => write("stdout", "DEBUG: ", values),
);

export const error = m.function(
  { name: "error", params: "...values", returns: "null", description: "Writes the values as one line to standard error." },
  (...values: unknown[]) => write("stderr", "", values),
);

export const warn = m.function(
  { name: "warn", params: "...values", returns: "null", description: "Writes 'WARNING: ' and the values as one line to standard error." },
  (...values: unknown[]) => write("stderr", "WARNING: ", values),
);

export const definition = m.done();
