/** `log` (STDLIB.md). Not implemented yet. */
import { defineModule } from "./define.js";

const m = defineModule("log", "The log module.");

export const definition = m.done();
