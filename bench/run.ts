import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm run bench`: every benchmark in bench/ (one file each, printing its own table of
 * measurements and ratios against the reference tool), one after another so that they do
 * not compete for the two cores. `npm run bench -- crl` runs the ones whose name matches.
 */
const dir = __dirname;
const filter = process.argv[2];
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.includes('-child') && !f.startsWith('_'))
  .filter((f) => filter === undefined || f.includes(filter))
  .sort();
let failed = 0;
for (const file of benches) {
  process.stdout.write(`\n### ${file}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    process.stdout.write(`### ${file} failed (exit ${r.status ?? r.signal})\n`);
  }
}
process.exit(failed === 0 ? 0 : 1);
