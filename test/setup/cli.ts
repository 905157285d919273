/**
 * `npm test`'s first step on Linux (scripts/test.mjs): installs the Debian packages the lab
 * and browser suites need when missing, then checks every program and data file they use.
 */
import { ensureTestMachine } from './install';

ensureTestMachine((line) => process.stdout.write(`${line}\n`)).then(
  () => process.stdout.write('debian packages: every program and data file the lab and browser tests use is present\n'),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
