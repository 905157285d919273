'use strict';
// Runs the built CLI in this very process and, when it exits, writes its peak RSS (KB) to
// stderr as `##maxrss N`: the whole process, as a person meets it, without a wrapper's share.
// VmHWM, not getrusage's maxRSS: after fork and exec the latter starts at the parent's RSS.
const { readFileSync } = require('node:fs');
process.on('exit', () => process.stderr.write(`##maxrss ${/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))[1]}\n`));
process.argv = [process.argv[0], 'seg-setup', ...process.argv.slice(2)];
require('../dist/cli/main.cjs').runFromProcess();
