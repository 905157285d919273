import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isLabRunning, readLabInfo } from '../test/lab/lab';
import { renderRows, ROW_PREFIX, type BenchRow } from './table-lib';

/**
 * `npm run bench`: every benchmark in bench/ (one file each, printing its own table of
 * measurements and ratios against the reference tool), one after another so that they do
 * not compete for the two cores. `npm run bench -- crl` runs the ones whose name matches.
 * Files ending in -child.ts (processes a bench starts) and -lib.ts (shared code) are not benches.
 */
const dir = __dirname;
const filter = process.argv[2];
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('-child.ts') && !f.endsWith('-lib.ts'))
  .filter((f) => filter === undefined || f.includes(filter))
  .sort();
/** Benches that measure against a running lab (the others start what they need themselves). */
const NEEDS_RUNNING_LAB = new Set(['kerberos.ts', 'chain-process.ts']);
const labDir = process.env.SEG_LAB_DIR ?? '/var/tmp/seg-kcd-lab';
const labCli = (command: string) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(dir, '..', 'test', 'lab', 'cli.ts'), command], {
    stdio: 'inherit',
    env: { ...process.env, SEG_LAB_DIR: labDir },
  });

async function main(): Promise<void> {
  let startedLab = false;
  if (benches.some((b) => NEEDS_RUNNING_LAB.has(b))) {
    const running = await readLabInfo(labDir);
    if (!running || !isLabRunning(running)) {
      process.stdout.write(`Starting the lab in ${labDir} for the benches that need one…\n`);
      if (labCli('up').status !== 0) throw new Error('the lab did not start: see the lines above');
      startedLab = true;
    }
  }
  let failed = 0;
  const rows: BenchRow[] = [];
  try {
    for (const file of benches) {
      process.stdout.write(`\n### ${file}\n`);
      const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file)], {
        stdio: ['inherit', 'pipe', 'inherit'],
        encoding: 'utf8',
        env: { ...process.env, SEG_LAB_DIR: labDir },
      });
      for (const line of r.stdout.split('\n')) {
        if (line.startsWith(ROW_PREFIX)) rows.push(JSON.parse(line.slice(ROW_PREFIX.length)) as BenchRow);
        else if (line !== '') process.stdout.write(`${line}\n`);
      }
      if (r.status !== 0) {
        failed++;
        process.stdout.write(`### ${file} failed (exit ${r.status ?? r.signal})\n`);
      }
    }
  } finally {
    if (startedLab) labCli('down');
  }
  if (rows.length > 0) process.stdout.write(`\n### every target, as a ratio against its reference on the same input in the same run\n${renderRows(rows)}\n`);
  process.exitCode = failed === 0 ? 0 : 1;
}

void main();
