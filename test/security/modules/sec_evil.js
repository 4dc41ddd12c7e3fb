// Never evaluated: imports/js-file.ml checks that `import sec_evil;` does not load JavaScript.
// If it ever were, it would leave the marker the security runner looks for.
import { writeFileSync } from "node:fs";
writeFileSync("/tmp/mljs-escape-js-file", "escaped");
