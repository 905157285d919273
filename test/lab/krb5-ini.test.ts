/**
 * The generated krb5.ini proven with MIT Kerberos itself, not by its text:
 * - MIT's profile library (libkrb5, through test/lab/krb5-profile.py) and our parser read
 *   hundreds of damaged krb5.ini files alike: the same files refused, the same values read,
 *   the same hosts mapped to the same realms;
 * - in the MIT two-realm lab (mit-realms.ts), MIT's kinit and kvno with KRB5_CONFIG pointing at
 *   the krb5.ini generated from the lab's settings get cross-realm service tickets both ways,
 *   S4U2Self + S4U2Proxy included, with no [capaths] for the two realms' direct trust (lab-notes
 *   "Two MIT realms" puts one in the client's file; MIT 1.20's client does without); without
 *   B's [realms] entry it cannot reach B, and the lines seg.krb5-ini names mend the file.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { krb5Ini } from '../../app/checks/seg/krb5-ini';
import { runChecks } from '../../app/checks/runner';
import { emptySettings, type Settings } from '../../app/contract/settings';
import { clientRealmPath, hostRealm, parseKrb5Ini, profileHas, profileValues } from '../../app/kerberos/krb5-ini';
import { krb5IniScript } from '../../app/scripts/krb5-script';
import { encode } from '../../app/scripts/script';
import { claimPair, releasePair, type AddressPair } from './addresses';
import { kadmin, mitEnv, mitSettings, startMitRealms, stopMitRealms, type MitRealmsLab } from './mit-realms';
import { run, runOk } from './proc';
import { cleanupScratch, scratch } from './tools';

// Debian's interpreter: its ctypes finds Debian's libkrb5.
const PYTHON = '/usr/bin/python3';
const ORACLE = join(__dirname, 'krb5-profile.py');

interface MitReading {
  readonly code: number;
  readonly values: string[][];
  readonly hosts: (string | null)[] | null;
  readonly walks: (string[] | null)[] | null;
}

/** MIT's reading of each file, in one python process. */
async function mitReads(requests: { file: string; values: string[][]; hosts: string[]; walks: string[][] }[]): Promise<MitReading[]> {
  const r = await runOk('krb5-profile.py', PYTHON, [ORACLE], { input: requests.map((q) => JSON.stringify(q)).join('\n') + '\n', timeoutMs: 60_000 });
  return r.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as MitReading);
}

/** A small seeded generator (mulberry32): the same damaged files on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lines that damage or stretch a krb5.ini: comments, braces, sections, quoted values, final markers, a BOM, a CR. */
const SNIPPETS = [
  '}',
  '{',
  '  }*',
  '[realms]',
  '[domain_realm]',
  '[capaths]',
  '[libdefaults',
  '[realms] x',
  '  ALPHA.MIT =',
  '  ALPHA.MIT = {',
  '  BETA.MIT = { ',
  '# comment',
  '   ; comment',
  '  kdc = "q\\"uoted\\tx" rest',
  '  kdc = 10.9.9.9:750',
  '  kdc = [fd00::9]:88',
  '  kdc* = final.alpha.mit',
  '  kdc dc = broken',
  '  = novalue',
  '  .alpha.mit = BETA.MIT',
  '  beta.mit = ALPHA.MIT',
  '  default_realm = BETA.MIT',
  '  BETA.MIT = .',
  '    ALPHA.MIT = SUB.BETA.MIT',
  '',
];

function mutate(text: string, next: () => number): string {
  const lines = text.split('\n');
  const pick = (n: number) => Math.floor(next() * n);
  for (let i = 0, edits = 1 + pick(3); i < edits; i++) {
    const at = pick(lines.length);
    switch (pick(7)) {
      case 0:
        lines.splice(at, 1);
        break;
      case 1:
        lines.splice(at, 0, lines[pick(lines.length)] ?? '');
        break;
      case 2:
        lines.splice(at, 0, SNIPPETS[pick(SNIPPETS.length)]!);
        break;
      case 3:
        lines[at] = (lines[at] ?? '').trimStart();
        break;
      case 4:
        lines[at] = `  ${lines[at] ?? ''}\r`;
        break;
      case 5:
        lines[0] = `\ufeff${lines[0] ?? ''}`;
        break;
      default: {
        const other = pick(lines.length);
        [lines[at], lines[other]] = [lines[other] ?? '', lines[at] ?? ''];
      }
    }
  }
  return lines.join('\n');
}

const REALMS = ['ALPHA.MIT', 'BETA.MIT', 'SUB.BETA.MIT', 'MIT'];
const QUERIES: string[][] = [
  ['libdefaults', 'default_realm'],
  ['libdefaults', 'dns_lookup_kdc'],
  ...REALMS.flatMap((r) => [
    ['realms', r, 'kdc'],
    ['realms', r, 'admin_server'],
  ]),
  ...REALMS.flatMap((c) => REALMS.filter((s) => s !== c).map((s) => ['capaths', c, s])),
];
const HOSTS = ['kdc.alpha.mit', 'alpha.mit', 'mail.beta.mit', 'beta.mit', 'x.y.alpha.mit', 'other.test'];
const PAIRS = REALMS.flatMap((c) => REALMS.filter((s) => s !== c).map((s) => [c, s] as [string, string]));

/** Settings with the MIT lab's names, for seeds of the parser comparison (no lab running). */
function settingsFor(realms: string[], hosts: Record<string, string> = {}): Settings {
  const s = emptySettings();
  return {
    ...s,
    kcd: { targetSpn: 'HTTP/mail.alpha.mit', serviceAccount: 'aw_KCDsvc', domains: realms.map((realm) => ({ realm, dcHost: 'kdc' })) },
    email: { ...s.email, host: 'mail.alpha.mit' },
    network: { ...s.network, hosts },
  };
}

function generatedText(settings: Settings): string {
  const script = krb5IniScript(settings);
  if (!script.ok) throw new Error(script.error.message);
  return encode(script.value).toString('utf8');
}

let tmp = '';
beforeAll(async () => {
  tmp = await scratch();
});
afterAll(async () => cleanupScratch(tmp));

describe("krb5.ini as MIT's profile library reads it", () => {
  it('600 damaged krb5.ini files: MIT and our parser refuse the same ones and read the same values and host realms', async () => {
    const seeds = [
      generatedText(settingsFor(['ALPHA.MIT', 'BETA.MIT'], { 'kdc.alpha.mit': '127.0.0.1' })),
      generatedText(settingsFor(['BETA.MIT', 'SUB.BETA.MIT', 'ALPHA.MIT'])),
      // No comment above the first section: a byte-order mark or an indent then hides it.
      generatedText(settingsFor(['ALPHA.MIT', 'SUB.BETA.MIT'])).replace(/^[^[]*/, ''),
      // Every form a [capaths] value takes: ".", several realms in order, a blank and more after one.
      '[capaths]\n  ALPHA.MIT = {\n    BETA.MIT = .\n    SUB.BETA.MIT = BETA.MIT\n    MIT = BETA.MIT  then\n    MIT = SUB.BETA.MIT\n  }\n  SUB.BETA.MIT = {\n    ALPHA.MIT = .\n    ALPHA.MIT = MIT\n    BETA.MIT = MIT\n  }\n',
      readFileSync(join(__dirname, '../fixtures/krb5/three-realms-by-hand.ini'), 'utf8').replace(/SE\.AIRWLAB\.COM/g, 'ALPHA.MIT'),
    ];
    const next = random(0x5eed);
    const texts = [...seeds, ...Array.from({ length: 600 }, (_, i) => mutate(seeds[i % seeds.length]!, next))];
    const dir = join(tmp, 'fuzz');
    await mkdir(dir);
    const files = await Promise.all(
      texts.map(async (text, i) => {
        const file = join(dir, `${i}.conf`);
        await writeFile(file, text);
        return file;
      }),
    );
    const mit = await mitReads(files.map((file) => ({ file, values: QUERIES, hosts: HOSTS, walks: PAIRS })));
    const disagreements: string[] = [];
    let refused = 0;
    let walked = 0;
    texts.forEach((text, i) => {
      const ours = parseKrb5Ini(text);
      const theirs = mit[i]!;
      const said = (what: string) => disagreements.push(`${files[i]}: ${what}`);
      if (theirs.code !== 0) refused++;
      if ((theirs.code === 0) !== (ours.errors.length === 0)) return said(`MIT code ${theirs.code}, ours ${JSON.stringify(ours.errors)}`);
      if (theirs.code !== 0) return;
      QUERIES.forEach((q, k) => {
        const path = q.slice(0, -1) as [string, ...string[]];
        const value = profileValues(ours.profile, path, q[q.length - 1]!);
        if (JSON.stringify(value) !== JSON.stringify(theirs.values[k]))
          said(`${q.join('/')}: MIT ${JSON.stringify(theirs.values[k])}, ours ${JSON.stringify(value)}`);
      });
      // krb5_walk_realm_tree reads a [capaths] entry as the client does; without one it gives the
      // KDC's hierarchical path, which the client no longer walks, so only entries are compared.
      PAIRS.forEach(([client, server], k) => {
        const entry = profileValues(ours.profile, ['capaths', client], server);
        if (entry.length === 0) return;
        const path = clientRealmPath(entry, client, server);
        if (JSON.stringify(path) !== JSON.stringify(theirs.walks?.[k]))
          said(`walk ${client} → ${server}: MIT ${JSON.stringify(theirs.walks?.[k])}, ours ${JSON.stringify(path)}`);
        walked++;
      });
      HOSTS.forEach((host, k) => {
        if (hostRealm(ours.profile, host) !== theirs.hosts?.[k]) said(`${host}: MIT ${theirs.hosts?.[k]}, ours ${hostRealm(ours.profile, host)}`);
      });
    });
    expect(disagreements).toEqual([]);
    // The fuzzer reaches both sides: files MIT refuses and files it reads.
    expect(refused).toBeGreaterThan(50);
    expect(texts.length - refused).toBeGreaterThan(50);
    expect(walked).toBeGreaterThan(50);
  }, 120_000);
});

describe('the generated krb5.ini in the MIT two-realm lab', () => {
  let lab: MitRealmsLab;
  let pair: AddressPair;
  let dir = '';
  let settings: Settings;
  let generated = '';

  beforeAll(async () => {
    pair = await claimPair();
    dir = await mkdtemp('/var/tmp/seg-kcd-krb5ini-');
    lab = await startMitRealms({ dir, addressA: pair.dcAddress, addressB: pair.webAddress });
    // A service in B, so that A's service account has somewhere to go across the trust.
    await kadmin(lab, lab.b, `addprinc -randkey HTTP/web.${lab.b.domain}`);
    const base = mitSettings(lab, 'device.cer');
    settings = { ...base, seg: { ...base.seg, folder: join(tmp, 'seg') } };
    generated = generatedText(settings);
    await mkdir(join(tmp, 'seg'));
  }, 120_000);

  afterAll(async () => {
    if (lab) await stopMitRealms(lab);
    if (pair) await releasePair(pair);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  let n = 0;
  /** The environment of MIT's tools with KRB5_CONFIG at this krb5.ini only, and a fresh ccache. */
  async function envWith(krb5ini: string): Promise<NodeJS.ProcessEnv> {
    const file = join(tmp, `krb5-${++n}.ini`);
    await writeFile(file, krb5ini);
    return { ...mitEnv({ krb5Conf: file }), KRB5CCNAME: `FILE:${join(tmp, `cc-${n}`)}` };
  }

  /** kinit as B's user (password on stdin), then kvno for A's target. */
  async function userToTarget(krb5ini: string) {
    const env = await envWith(krb5ini);
    const kinit = await run('kinit', [lab.user.principal], { env, input: `${lab.user.password}\n`, timeoutMs: 15_000 });
    expect(kinit.code, kinit.stderr).toBe(0);
    const kvno = await run('kvno', [lab.target.spn], { env, timeoutMs: 15_000 });
    const klist = await run('klist', [], { env, timeoutMs: 5_000 });
    return { kvno, klist };
  }

  /** kinit as A's service account (password on stdin), then kvno for a host of B, named as a host. */
  async function serviceToB(krb5ini: string) {
    const env = await envWith(krb5ini);
    const kinit = await run('kinit', [lab.service.principal], { env, input: `${lab.service.password}\n`, timeoutMs: 15_000 });
    expect(kinit.code, kinit.stderr).toBe(0);
    const kvno = await run('kvno', ['-S', 'HTTP', `web.${lab.b.domain}`], { env, timeoutMs: 15_000 });
    const klist = await run('klist', [], { env, timeoutMs: 5_000 });
    return { kvno, klist };
  }

  /** seg.krb5-ini over a folder holding this krb5.ini. */
  async function check(krb5ini: string) {
    await writeFile(join(tmp, 'seg', 'krb5.ini'), krb5ini);
    const [result] = await runChecks([krb5Ini], { settings, secrets: {}, baseDir: tmp });
    return result!;
  }

  it('names both realms by their pinned KDC addresses, maps both domains, and needs no [capaths] for their direct trust', () => {
    const { profile, errors } = parseKrb5Ini(generated);
    expect(errors).toEqual([]);
    expect(profileValues(profile, ['libdefaults'], 'default_realm')).toEqual([lab.a.realm]);
    expect(profileValues(profile, ['realms', lab.a.realm], 'kdc')).toEqual([lab.a.address]);
    expect(profileValues(profile, ['realms', lab.b.realm], 'kdc')).toEqual([lab.b.address]);
    expect(hostRealm(profile, lab.target.host)).toBe(lab.a.realm);
    expect(hostRealm(profile, `web.${lab.b.domain}`)).toBe(lab.b.realm);
    expect(profileHas(profile, ['capaths'])).toBe(false);
  });

  it("lets B's user get a ticket for A's target, through krbtgt/A@B", async () => {
    const { kvno, klist } = await userToTarget(generated);
    expect(kvno.code, kvno.stderr).toBe(0);
    expect(klist.stdout).toContain(`krbtgt/${lab.a.realm}@${lab.b.realm}`);
    expect(klist.stdout).toContain(lab.target.principal);
  });

  it("lets A's service account get a ticket for a host of B, its realm taken from [domain_realm]", async () => {
    const { kvno, klist } = await serviceToB(generated);
    expect(kvno.code, kvno.stderr).toBe(0);
    expect(klist.stdout).toContain(`krbtgt/${lab.b.realm}@${lab.a.realm}`);
    expect(klist.stdout).toContain(`HTTP/web.${lab.b.domain}@${lab.b.realm}`);
  });

  it("lets A's service account do S4U2Self for B's user across the trust and S4U2Proxy at home (kvno -I -P)", async () => {
    const env = await envWith(generated);
    const kinit = await run('kinit', ['-f', '-k', '-t', lab.service.keytab, lab.service.principal], { env, timeoutMs: 15_000 });
    expect(kinit.code, kinit.stderr).toBe(0);
    const out = `FILE:${join(tmp, `s4u-${n}`)}`;
    const kvno = await run('kvno', ['-k', lab.service.keytab, '-I', lab.user.principal, '-P', lab.target.principal, '--out-cache', out], {
      env,
      timeoutMs: 15_000,
    });
    expect(kvno.code, kvno.stderr).toBe(0);
    const klist = await run('klist', [out], { env, timeoutMs: 5_000 });
    expect(klist.stdout).toContain(`Default principal: ${lab.user.principal}`);
    expect(klist.stdout).toContain(lab.target.principal);
  });

  it('seg.krb5-ini passes the generated file', async () => {
    const result = await check(generated);
    expect([result.status, result.remedy]).toEqual(['pass', null]);
  });

  it("without B's [realms] entry MIT cannot reach B; seg.krb5-ini names it, and its lines, added to the file, make MIT reach B again", async () => {
    const blockStart = generated.indexOf(`    ${lab.b.realm} = {`);
    const without = generated.slice(0, blockStart) + generated.slice(generated.indexOf('    }\r\n', blockStart) + '    }\r\n'.length);
    const broken = await serviceToB(without);
    expect(broken.kvno.code).not.toBe(0);
    expect(broken.kvno.stderr).toContain(`Cannot find KDC for realm "${lab.b.realm}"`);

    const result = await check(without);
    expect(result.status).toBe('fail');
    const [words, block] = (result.remedy ?? '').split(':\n') as [string, string];
    const lines = block.slice(0, block.lastIndexOf('\n'));
    expect(block.slice(lines.length + 1)).toBe('A value in these lines replaces any other of the same tag in the file.');
    expect(words).toMatch(new RegExp(`^realm ${lab.b.realm.replace('.', '\\.')} is missing from \\[realms\\]\\.`));
    expect(lines.split('\n')).toEqual([
      '[realms]',
      `    ${lab.b.realm} = {`,
      `        # kdc.${lab.b.domain}, at the address network.hosts pins it to`,
      `        kdc = ${lab.b.address}`,
      `        admin_server = ${lab.b.address}`,
      '    }',
    ]);

    const mended = `${without}${lines}\n`;
    expect((await serviceToB(mended)).kvno.code).toBe(0);
    expect((await check(mended)).status).toBe('pass');
  });
});
