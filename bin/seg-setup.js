#!/usr/bin/env node
'use strict';
// The CLI is bundled by `npm run build` (run by `npm install` through "prepare") into ES
// modules split per command, so each command loads only what it uses.
import('../dist/cli/main.mjs').then((cli) => cli.runFromProcess());
