/** `functional` (STDLIB.md). Not implemented yet. */
import { defineModule } from "./define.js";

const m = defineModule("functional", "The functional module.");

export const definition = m.done();
