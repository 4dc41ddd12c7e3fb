/** `random` (STDLIB.md). Not implemented yet. */
import { defineModule } from "./define.js";

const m = defineModule("random", "The random module.");

export const definition = m.done();
