/** `http` (STDLIB.md). Not implemented yet. */
import { defineModule } from "./define.js";

const m = defineModule("http", "The http module.");

export const definition = m.done();
