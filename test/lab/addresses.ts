import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { portAnswers } from './proc';

/** Where labs on this machine claim their loopback addresses (several engineers and test runs share it). */
const CLAIMS = '/var/tmp/seg-kcd-lab-claims';

export interface AddressPair {
  readonly dcAddress: string;
  readonly webAddress: string;
}

/** True when something already listens where a lab's KDC, LDAP or web server would. */
export async function pairInUse(pair: AddressPair): Promise<boolean> {
  const probes = await Promise.all([
    portAnswers(pair.dcAddress, 88),
    portAnswers(pair.dcAddress, 389),
    portAnswers(pair.webAddress, 80),
    portAnswers(pair.webAddress, 443),
    portAnswers(pair.webAddress, 8443),
  ]);
  return probes.some(Boolean);
}

function owner(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Claims a free pair 127.0.N.1/127.0.N.2 (N from `first`) for this process: mkdir is atomic,
 * so two test runs starting together never take the same pair. A claim whose owner has
 * exited and whose ports are quiet is stale and taken over. Release it with releasePair.
 */
export async function claimPair(first = 40, last = 99): Promise<AddressPair> {
  await mkdir(CLAIMS, { recursive: true });
  for (let n = first; n <= last; n++) {
    const pair = { dcAddress: `127.0.${n}.1`, webAddress: `127.0.${n}.2` };
    const dir = join(CLAIMS, pair.dcAddress);
    try {
      await mkdir(dir);
    } catch {
      const holder = Number(await readFile(join(dir, 'owner'), 'utf8').catch(() => '0'));
      if (holder > 0 && owner(holder)) continue;
      if (await pairInUse(pair)) continue;
      await rm(dir, { recursive: true, force: true });
      try {
        await mkdir(dir);
      } catch {
        continue;
      }
    }
    if (await pairInUse(pair)) {
      await rm(dir, { recursive: true, force: true });
      continue;
    }
    await writeFile(join(dir, 'owner'), String(process.pid));
    return pair;
  }
  throw new Error(`lab: no free loopback address pair in 127.0.${first}.x-127.0.${last}.x`);
}

export async function releasePair(pair: AddressPair): Promise<void> {
  await rm(join(CLAIMS, pair.dcAddress), { recursive: true, force: true });
}
