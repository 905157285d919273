import { mkdtemp, chmod } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { startLab, destroyLab, readLabInfo, isLabRunning, type LabInfo } from './lab';
import { claimPair, releasePair } from './addresses';

declare module 'vitest' {
  export interface ProvidedContext {
    lab: LabInfo;
  }
}

/**
 * vitest globalSetup of the `lab` project: one lab for the whole run, with the guide's
 * names (SE.AIRWLAB.COM, sedc01, semail01, aw_KCDsvc) on a loopback pair no other lab on
 * this machine uses. A lab that cannot start fails the run, in CI and everywhere else:
 * lab tests are never skipped silently.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // SEG_LAB_REUSE=<dir of a lab started with `npm run lab -- up`>: run against it (fast
  // iteration) and leave it running. Never set in CI.
  const reuse = process.env.SEG_LAB_REUSE;
  if (reuse) {
    const running = await readLabInfo(reuse);
    if (!running || !isLabRunning(running)) throw new Error(`SEG_LAB_REUSE=${reuse}: no running lab there (npm run lab -- up)`);
    project.provide('lab', running);
    return async () => undefined;
  }
  const pair = await claimPair();
  const dir = await mkdtemp('/var/tmp/seg-kcd-lab-test-');
  await chmod(dir, 0o755);
  let info: LabInfo;
  try {
    info = await startLab({ ...pair, dir });
  } catch (e) {
    await releasePair(pair);
    const why = e instanceof Error ? e.message : String(e);
    const where = process.env.CI === 'true' ? 'CI' : 'this machine';
    throw new Error(`The test lab could not start on ${where}, so the lab tests cannot run: ${why}\n` + 'Run `npm run lab -- up` to see each step; test/lab/README.md lists what the lab needs (root, Debian packages, loopback addresses).', { cause: e });
  }
  project.provide('lab', info);
  return async () => {
    try {
      await destroyLab(info);
    } finally {
      await releasePair(pair);
    }
  };
}
