#!/usr/bin/env node
'use strict';
// The CLI is bundled by `npm run build` (run by `npm install` through "prepare"): a small
// CommonJS dispatcher that loads each command, one bundle with its code cache, when it is called.
require('../dist/cli/main.cjs').runFromProcess();
