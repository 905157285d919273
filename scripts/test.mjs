// `npm test`: on Linux the Debian packages the lab and browser suites need (installed when
// missing, then every file they use checked), build, typecheck, lint, then every vitest
// project (unit, main, contract, lab, e2e).
// Prints one closing line "tests: N passed, N failed, N skipped" for CI.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const step = (title, command, args) => {
  process.stdout.write(`\n== ${title}\n`);
  const started = Date.now();
  const r = spawnSync(command, args, { stdio: 'inherit' });
  process.stdout.write(`== ${title}: ${r.status === 0 ? 'ok' : `failed (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return r.status === 0;
};

const extra = process.argv.slice(2);
const ok =
  (process.platform !== 'linux' || step('debian packages', process.execPath, ['--import', 'tsx', 'test/setup/cli.ts'])) &&
  step('build', process.execPath, ['scripts/build.mjs']) &&
  step('typecheck', npx, ['tsc', '-p', 'tsconfig.json', '--noEmit']) &&
  step('lint', npx, ['eslint', '--max-warnings', '0', '.']);
if (!ok) process.exit(1);

const resultFile = join(mkdtempSync(join(tmpdir(), 'seg-test-')), 'vitest.json');
const tests = step('tests', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${resultFile}`, ...extra]);
try {
  const r = JSON.parse(readFileSync(resultFile, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  process.stdout.write(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped\n`);
} catch {
  process.stdout.write('\ntests: 0 passed, 1 failed\n');
}
process.exit(tests ? 0 : 1);
