/** `console` (STDLIB.md). Not implemented yet. */
import { defineModule } from "./define.js";

const m = defineModule("console", "The console module.");

export const definition = m.done();
