/** `path` (STDLIB.md). Not implemented yet. */
import { defineModule } from "./define.js";

const m = defineModule("path", "The path module.");

export const definition = m.done();
