/** `csv` (STDLIB.md). Not implemented yet. */
import { defineModule } from "./define.js";

const m = defineModule("csv", "The csv module.");

export const definition = m.done();
