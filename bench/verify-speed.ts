import { chmod, mkdtemp } from 'node:fs/promises';
import { CATALOGUE } from '../app/checks/catalogue';
import { runChecks } from '../app/checks/runner';
import { selectChecks } from '../app/checks/selection';
import type { CheckResult } from '../app/checks/types';
import { claimPair, releasePair } from '../test/lab/addresses';
import { destroyLab, labSecrets, labSettings, startLab, type LabInfo } from '../test/lab/lab';

/**
 * Issue 8: the whole catalogue on the healthy lab must take at most 1.5 times its slowest
 * single check (independent checks run concurrently). Each single check is timed with the
 * checks it depends on, since that is what running it alone costs.
 */
const ROUNDS = 3;

async function timed(lab: LabInfo, only?: string[]): Promise<{ ms: number; results: CheckResult[] }> {
  const selection = selectChecks(CATALOGUE, only);
  if (!selection.ok) throw new Error(`unknown: ${selection.unknown.join(', ')}`);
  const started = performance.now();
  const results = await runChecks(selection.checks, { settings: labSettings(lab), secrets: labSecrets(lab), baseDir: lab.dir });
  return { ms: performance.now() - started, results };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function main(): Promise<void> {
  const pair = await claimPair();
  const dir = await mkdtemp('/var/tmp/seg-kcd-bench-');
  await chmod(dir, 0o755);
  const lab = await startLab({ ...pair, dir });
  try {
    await timed(lab);
    const whole: number[] = [];
    let last: CheckResult[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const r = await timed(lab);
      whole.push(r.ms);
      last = r.results;
    }
    const singles = new Map<string, number>();
    for (const check of CATALOGUE) {
      const times: number[] = [];
      for (let i = 0; i < ROUNDS; i++) times.push((await timed(lab, [check.id])).ms);
      singles.set(check.id, median(times));
    }
    const [slowestId, slowestMs] = [...singles].sort((a, b) => b[1] - a[1])[0] as [string, number];
    const wholeMs = median(whole);
    const notPassing = last.filter((r) => r.status === 'fail').map((r) => r.id);
    console.log('| measure | time |');
    console.log('|---|---|');
    console.log(`| whole catalogue (${CATALOGUE.length} checks, median of ${ROUNDS}) | ${wholeMs.toFixed(0)} ms |`);
    for (const [id, ms] of [...singles].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log(`| alone: ${id} (with its dependencies) | ${ms.toFixed(0)} ms |`);
    console.log(`| ratio whole / slowest single (${slowestId}) | ${(wholeMs / slowestMs).toFixed(2)} (target ≤ 1.5) |`);
    if (notPassing.length > 0) console.log(`(failing on the healthy lab: ${notPassing.join(', ')})`);
    process.exitCode = wholeMs / slowestMs <= 1.5 ? 0 : 1;
  } finally {
    await destroyLab(lab);
    await releasePair(pair);
  }
}

void main();
