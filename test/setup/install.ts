import { access, rm, stat, writeFile } from 'node:fs/promises';
import { run, sleep, type RunResult } from '../lab/proc';
import { DEBIAN_PACKAGES, NEEDED, type Needed } from './debian-packages';

/**
 * While it exists and exits 101, Debian's maintainer scripts start no services: installing
 * samba must not start the system's smbd/nmbd (nmbd would broadcast off the machine), nor
 * slapd or the MIT KDC.
 */
const POLICY_RC_D = '/usr/sbin/policy-rc.d';

/** apt-get's words when another apt or dpkg holds its lock (dpkg frontend, dpkg, or the lists lock of `apt-get update`). */
const LOCKED = /Could not get lock|Unable to acquire the dpkg frontend lock|Unable to lock directory|Unable to lock the administration directory/;
const LOCK_WAIT_MS = 20 * 60_000;

async function installed(pkg: string): Promise<boolean> {
  const r = await run('dpkg-query', ['-W', '-f=${Status}', pkg], { timeoutMs: 10_000 });
  return r.code === 0 && r.stdout.includes('install ok installed');
}

export async function missingPackages(): Promise<string[]> {
  const out: string[] = [];
  for (const pkg of DEBIAN_PACKAGES) if (!(await installed(pkg))) out.push(pkg);
  return out;
}

/**
 * apt-get, waiting while another apt or dpkg (another engineer's install, unattended
 * upgrades) holds the lock instead of failing: the second installer waits its turn.
 */
async function aptGet(args: readonly string[], log: (line: string) => void): Promise<RunResult> {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    const r = await run('apt-get', ['-o', 'DPkg::Lock::Timeout=60', ...args], { env, timeoutMs: 1_800_000 });
    if (r.code === 0) return r;
    const words = `${r.stderr}\n${r.stdout}`;
    if (!LOCKED.test(words) || Date.now() > deadline) {
      throw new Error(`apt-get ${args.join(' ')} exited ${r.code}: ${words.trim().split('\n').slice(-8).join('\n')}`);
    }
    log(`debian packages: another apt-get or dpkg holds the package lock; waiting for it (${words.match(LOCKED)?.[0] ?? ''})`);
    await sleep(5_000);
  }
}

/**
 * Installs the tests' Debian packages that are missing (one apt-get for all, without
 * recommends: the table names everything used), under a policy-rc.d that starts no service.
 * A no-op when all are installed. Needs root.
 */
export async function ensurePackages(log: (line: string) => void = () => undefined): Promise<void> {
  const need = await missingPackages();
  if (need.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`debian packages missing: ${need.join(' ')}. Install them as root: apt-get install --no-install-recommends ${need.join(' ')}`);
  }
  const started = Date.now();
  log(`debian packages: installing ${need.join(' ')}`);
  const ownPolicy = !(await stat(POLICY_RC_D).catch(() => undefined));
  if (ownPolicy) await writeFile(POLICY_RC_D, '#!/bin/sh\n# seg-kcd tests: no services started while their packages install\nexit 101\n', { mode: 0o755 });
  try {
    await aptGet(['update'], log);
    await aptGet(['install', '-y', '--no-install-recommends', ...need], log);
  } finally {
    if (ownPolicy) await rm(POLICY_RC_D, { force: true });
  }
  const still = await missingPackages();
  if (still.length > 0) throw new Error(`debian packages still missing after apt-get install: ${still.join(' ')}`);
  log(`debian packages: installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** The table's entries whose path is absent, each naming the package that provides it. */
export async function preflight(entries: readonly Needed[] = NEEDED): Promise<Needed[]> {
  const absent: Needed[] = [];
  for (const n of entries)
    if (
      !(await access(n.path).then(
        () => true,
        () => false,
      ))
    )
      absent.push(n);
  return absent;
}

export function describeAbsent(absent: readonly Needed[]): string {
  const pkgs = [...new Set(absent.map((n) => n.pkg))];
  return [
    'These files the tests use are missing:',
    ...absent.map((n) => `  ${n.path} (${n.usedFor}): Debian package ${n.pkg}`),
    `Install: apt-get install --no-install-recommends ${pkgs.join(' ')}`,
  ].join('\n');
}

/** Installs what is missing, then checks every path up front; throws one message naming each missing file's package. */
export async function ensureTestMachine(log: (line: string) => void = () => undefined, entries: readonly Needed[] = NEEDED): Promise<void> {
  await ensurePackages(log);
  const absent = await preflight(entries);
  if (absent.length > 0) throw new Error(describeAbsent(absent));
}
