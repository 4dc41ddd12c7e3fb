#!/usr/bin/env node
// `node bin/mljs.js …`: the launcher is bin/mljs.cjs (what the package's `mljs` command runs).
import "./mljs.cjs";
