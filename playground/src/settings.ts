/**
 * The playground's run limits, from the page URL's query (`?steps=…&time=…&limits=off`), with
 * defaults. `limits=off` sends no limit to the worker, leaving only the page's deadline (to see
 * the backstop work).
 */
import type { WorkerLimits } from "./protocol.js";

export const DEFAULT_STEPS = 50_000_000;
export const DEFAULT_TIME_MS = 5_000;
/** How much longer than the time limit the page waits before terminating the worker. */
export const DEADLINE_MARGIN_MS = 1_000;

export interface Settings {
  readonly limits: WorkerLimits;
  readonly deadlineMs: number;
}

function positive(text: string | null, fallback: number): number {
  if (text === null) return fallback;
  const n = Number(text);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

export function settingsFrom(search: string): Settings {
  const q = new URLSearchParams(search);
  const steps = positive(q.get("steps"), DEFAULT_STEPS);
  const timeMs = positive(q.get("time"), DEFAULT_TIME_MS);
  const off = q.get("limits") === "off";
  return {
    limits: off ? { steps: null, timeMs: null } : { steps, timeMs },
    deadlineMs: timeMs + DEADLINE_MARGIN_MS,
  };
}
