#!/usr/bin/env node
// Thin launcher: the CLI itself lives in dist/cli (built by `npm install` through `prepare`).
import "../dist/cli/main.js";
