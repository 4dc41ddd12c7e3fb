/** `crypto` (STDLIB.md). Not implemented yet. */
import { defineModule } from "./define.js";

const m = defineModule("crypto", "The crypto module.");

export const definition = m.done();
