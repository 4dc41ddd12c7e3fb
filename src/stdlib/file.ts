/** `file` (STDLIB.md). Not implemented yet. */
import { defineModule } from "./define.js";

const m = defineModule("file", "The file module.");

export const definition = m.done();
