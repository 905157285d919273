import { rm, stat, writeFile } from 'node:fs/promises';
import { run, runOk } from './proc';

/**
 * While it exists and exits 101, Debian's maintainer scripts start no services: installing
 * samba must not start the system's smbd/nmbd (nmbd would broadcast off the machine).
 */
const POLICY_RC_D = '/usr/sbin/policy-rc.d';

/** Debian packages the lab runs on; each is installed when missing (CI machines may be fresh). */
export const LAB_PACKAGES = [
  'samba',
  'samba-ad-dc',
  'python3-samba',
  'winbind',
  'krb5-user',
  // The MIT two-realm lab (mit-realms.ts): MIT's KDC on the LDAP KDB, kadmin.local, slapd.
  'krb5-kdc',
  'krb5-admin-server',
  'krb5-kdc-ldap',
  'slapd',
  'apache2',
  'libapache2-mod-auth-gssapi',
  'ldap-utils',
  'faketime',
  'curl',
  'openssl',
] as const;

async function missing(): Promise<string[]> {
  const out: string[] = [];
  for (const pkg of LAB_PACKAGES) {
    const r = await run('dpkg-query', ['-W', '-f=${Status}', pkg], { timeoutMs: 10_000 });
    if (r.code !== 0 || !r.stdout.includes('install ok installed')) out.push(pkg);
  }
  return out;
}

/** Installs what is missing with apt-get (we run as root); a no-op when all are present. */
export async function ensurePackages(log: (line: string) => void = () => undefined): Promise<void> {
  const need = await missing();
  if (need.length === 0) return;
  log(`lab: installing ${need.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const ownPolicy = !(await stat(POLICY_RC_D).catch(() => undefined));
  if (ownPolicy) await writeFile(POLICY_RC_D, '#!/bin/sh\n# seg-kcd lab: no services started while its packages install\nexit 101\n', { mode: 0o755 });
  try {
    await runOk('apt-get update', 'apt-get', ['update'], { env, timeoutMs: 300_000 });
    await runOk('apt-get install', 'apt-get', ['install', '-y', '--no-install-recommends', ...need], { env, timeoutMs: 900_000 });
  } finally {
    if (ownPolicy) await rm(POLICY_RC_D, { force: true });
  }
  const still = await missing();
  if (still.length > 0) throw new Error(`lab: packages still missing after apt-get install: ${still.join(' ')}`);
}
