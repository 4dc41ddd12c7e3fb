/** `json` (STDLIB.md). Not implemented yet. */
import { defineModule } from "./define.js";

const m = defineModule("json", "The json module.");

export const definition = m.done();
