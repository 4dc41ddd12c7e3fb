/** `datetime` (STDLIB.md). Not implemented yet. */
import { defineModule } from "./define.js";

const m = defineModule("datetime", "The datetime module.");

export const definition = m.done();
