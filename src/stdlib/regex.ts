/** `regex` (STDLIB.md). Not implemented yet. */
import { defineModule } from "./define.js";

const m = defineModule("regex", "The regex module.");

export const definition = m.done();
