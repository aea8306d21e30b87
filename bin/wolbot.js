#!/usr/bin/env node
// `npx wolbot …` in the checkout runs the built CLI (built by `npm install` via `prepare`).
require('../dist/src/cli/main.js');
