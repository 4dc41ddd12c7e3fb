/** `args` (STDLIB.md). Not implemented yet. */
import { defineModule } from "./define.js";

const m = defineModule("args", "The args module.");

export const definition = m.done();
