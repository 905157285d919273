import { run, runOk } from './proc';

/** Debian packages the lab runs on; each is installed when missing (CI machines may be fresh). */
export const LAB_PACKAGES = [
  'samba',
  'samba-ad-dc',
  'python3-samba',
  'winbind',
  'krb5-user',
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
  await runOk('apt-get update', 'apt-get', ['update'], { env, timeoutMs: 300_000 });
  await runOk('apt-get install', 'apt-get', ['install', '-y', '--no-install-recommends', ...need], { env, timeoutMs: 900_000 });
  const still = await missing();
  if (still.length > 0) throw new Error(`lab: packages still missing after apt-get install: ${still.join(' ')}`);
}
