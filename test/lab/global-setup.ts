import { mkdtemp, chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLab, destroyLab, readLabInfo, isLabRunning, type LabInfo } from './lab';
import { claimPair, releasePair } from './addresses';

declare module 'vitest' {
  export interface ProvidedContext {
    lab: LabInfo;
  }
}

/** Test labs live in folders named so; each records the PID of the test run that owns it. */
export const TEST_LAB_PREFIX = '/var/tmp/seg-kcd-lab-test-';
const OWNER_FILE = 'owner.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A test run killed before its teardown leaves its lab running. Such labs (owner run gone)
 * are stopped by their recorded PIDs and deleted; labs of live runs are left alone.
 */
export async function reapOrphanLabs(): Promise<void> {
  const parent = '/var/tmp';
  const prefix = TEST_LAB_PREFIX.slice(parent.length + 1);
  for (const name of await readdir(parent)) {
    if (!name.startsWith(prefix)) continue;
    const dir = join(parent, name);
    const owner = Number(await readFile(join(dir, OWNER_FILE), 'utf8').catch(() => '0'));
    if (owner > 0 && alive(owner)) continue;
    // No owner yet: another run may be starting this lab right now (the owner is written after start).
    const made = await stat(dir).catch(() => undefined);
    if (!made || (owner === 0 && Date.now() - made.mtimeMs < 10 * 60_000)) continue;
    const info = await readLabInfo(dir);
    if (info) await destroyLab(info);
  }
}

/** A fresh folder for a test lab, marked as owned by this test run. */
export async function testLabDir(): Promise<string> {
  const dir = await mkdtemp(TEST_LAB_PREFIX);
  await chmod(dir, 0o755);
  return dir;
}

/** Marks a started lab as this run's (startLab wipes the folder first, so this comes after it). */
export async function markOwned(info: LabInfo): Promise<void> {
  await writeFile(join(info.dir, OWNER_FILE), String(process.pid));
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
  await reapOrphanLabs();
  const pair = await claimPair();
  const dir = await testLabDir();
  let info: LabInfo;
  try {
    info = await startLab({ ...pair, dir });
    await markOwned(info);
  } catch (e) {
    await releasePair(pair);
    const why = e instanceof Error ? e.message : String(e);
    const where = process.env.CI === 'true' ? 'CI' : 'this machine';
    throw new Error(
      `The test lab could not start on ${where}, so the lab tests cannot run: ${why}\n` +
        'Run `npm run lab -- up` to see each step; test/lab/README.md lists what the lab needs (root, Debian packages, loopback addresses).',
      { cause: e },
    );
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
