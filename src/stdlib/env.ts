/** `env` (STDLIB.md). Not implemented yet. */
import { defineModule } from "./define.js";

const m = defineModule("env", "The env module.");

export const definition = m.done();
