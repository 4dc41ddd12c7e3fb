/** `collections` (STDLIB.md). Not implemented yet. */
import { defineModule } from "./define.js";

const m = defineModule("collections", "The collections module.");

export const definition = m.done();
