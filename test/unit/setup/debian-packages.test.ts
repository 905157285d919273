import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEBIAN_PACKAGES, NEEDED } from '../../setup/debian-packages';
import { describeAbsent, preflight } from '../../setup/install';

const ROOT = resolve(import.meta.dirname, '../../..');
const SCANNED = ['test/lab', 'test/e2e'];

/** Paths the lab code names that no package provides: the base system's, or files the lab writes itself. */
const NOT_FROM_A_PACKAGE = new Set(['/etc/passwd']);
/** Programs that come with Node and npm, not from Debian. */
const FROM_NODE = new Set(['npx', 'node']);

function sources(): { file: string; text: string }[] {
  return SCANNED.flatMap((dir) =>
    readdirSync(join(ROOT, dir))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => ({ file: `${dir}/${f}`, text: readFileSync(join(ROOT, dir, f), 'utf8') })),
  );
}

/** Programs the lab runs by name: run('x', …), runOk('step', 'x', …), startDaemon('x', …). */
function programsRun(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\b(?:run|startDaemon)\(\s*'([^']+)'/g)) out.push(m[1]!);
  for (const m of text.matchAll(/\brunOk\(\s*'[^']*',\s*'([^']+)'/g)) out.push(m[1]!);
  return out;
}

/** Absolute paths in string literals, with `${CONST}/file` expanded where CONST is an absolute path constant of the same file. */
function pathsNamed(text: string): string[] {
  const consts = new Map([...text.matchAll(/const (\w+) = '(\/[^']+)'/g)].map((m) => [m[1]!, m[2]!]));
  const out = [...text.matchAll(/'(\/(?:usr|etc|lib|bin|sbin|opt)\/[^'\s:]+)'/g)].map((m) => m[1]!);
  for (const m of text.matchAll(/\$\{(\w+)\}(\/[\w.+-]+)/g)) {
    const base = consts.get(m[1]!);
    if (base) out.push(base + m[2]);
  }
  // Paths written into configs the lab generates (apache's TypesConfig /etc/mime.types).
  for (const m of text.matchAll(/^\w+ (\/(?:usr|etc)\/[^\s'`]+)$/gm)) out.push(m[1]!);
  return out;
}

describe('the Debian package table (test/setup/debian-packages.ts)', () => {
  const files = sources();

  it('covers every program the lab and the browser suite run', () => {
    const programs = new Set(NEEDED.map((n) => basename(n.path)));
    const uncovered = files.flatMap(({ file, text }) =>
      programsRun(text)
        .filter((p) => !programs.has(p) && !FROM_NODE.has(p))
        .map((p) => `${file}: ${p}`),
    );
    expect(uncovered).toEqual([]);
  });

  it('covers every absolute path the lab and the browser suite name', () => {
    // A folder (apache's modules folder) is covered by the files checked inside it; a path cut
    // at an interpolation (`${MODULES}/mod_${m}.so` reads as …/mod_) by the files it begins.
    const covered = (p: string): boolean => NOT_FROM_A_PACKAGE.has(p) || NEEDED.some((n) => n.path === p || n.path.startsWith(p.endsWith('_') ? p : `${p}/`));
    const uncovered = files.flatMap(({ file, text }) =>
      pathsNamed(text)
        .filter((p) => !covered(p))
        .map((p) => `${file}: ${p}`),
    );
    expect(uncovered).toEqual([]);
  });

  it('the scan finds what it must (it is not vacuous)', () => {
    const all = files.flatMap(({ text }) => [...programsRun(text), ...pathsNamed(text)]);
    for (const expected of [
      'samba-tool',
      'kvno',
      'apache2',
      'kdb5_ldap_util',
      '/usr/lib/apache2/modules/mod_',
      '/etc/ldap/schema/cosine.schema',
      '/usr/lib/chromium/chromium',
      '/usr/bin/python3',
    ]) {
      expect(all).toContain(expected);
    }
  });

  it('lists each package once, including the ones the issue found missing', () => {
    expect(new Set(DEBIAN_PACKAGES).size).toBe(DEBIAN_PACKAGES.length);
    for (const pkg of ['samba-ad-provision', 'chromium', 'krb5-kdc', 'krb5-admin-server', 'krb5-kdc-ldap', 'slapd']) expect(DEBIAN_PACKAGES).toContain(pkg);
  });

  it('a missing file is reported with the package that provides it', async () => {
    const absent = await preflight([
      { path: '/nonexistent/samba-ad-provision/provision.ldif', pkg: 'samba-ad-provision', usedFor: 'samba-tool domain provision' },
      { path: ROOT, pkg: 'none', usedFor: 'a path that exists' },
    ]);
    expect(describeAbsent(absent)).toBe(
      'These files the tests use are missing:\n  /nonexistent/samba-ad-provision/provision.ldif (samba-tool domain provision): Debian package samba-ad-provision\nInstall: apt-get install --no-install-recommends samba-ad-provision',
    );
  });
});

describe('.ci/run', () => {
  it('runs only the README commands: npm ci, then npm test', () => {
    const commands = readFileSync(join(ROOT, '.ci/run'), 'utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith('set ') && !l.startsWith('cd '));
    expect(commands).toEqual(['npm ci --no-audit --no-fund', 'npm test']);
  });
});
