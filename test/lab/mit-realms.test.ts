/**
 * The MIT two-realm lab (mit-realms.ts) and MIT's own client as the reference for
 * cross-realm S4U: the service account of realm A gets a ticket to A's target for a user
 * of realm B (S4U2Self across the trust, then S4U2Proxy at home). This file starts its own
 * lab in beforeAll, so only it pays for slapd and two KDCs.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimPair, releasePair, type AddressPair } from './addresses';
import { apachePaths } from './apache';
import { kcdEndToEnd } from '../../app/checks/eas/kcd-end-to-end';
import { KRB_CHECKS } from '../../app/checks/krb';

/** The Kerberos chain and the check that uses its ticket at ActiveSync. */
const CHAIN = [...KRB_CHECKS, kcdEndToEnd];
import { runChecks } from '../../app/checks/runner';
import type { CheckResult } from '../../app/contract/check-result';
import type { Settings } from '../../app/contract/settings';
import { Secret } from '../../app/config/secrets';
import { deviceCertFor } from './device-cert';
import { mitEnv, mitSettings, startMitRealms, stopMitRealms, type MitRealmsLab } from './mit-realms';
import { mitScenarios, type MitScenario } from './mit-scenarios';
import { withScenario } from './scenarios';
import { run, type RunResult } from './proc';
import { cleanupScratch, scratch } from './tools';

let lab: MitRealmsLab;
let pair: AddressPair;
let tmp = '';
let dir = '';
let settings: Settings;

beforeAll(async () => {
  pair = await claimPair();
  tmp = await scratch();
  dir = await mkdtemp('/var/tmp/seg-kcd-mit-');
  lab = await startMitRealms({ dir, addressA: pair.dcAddress, addressB: pair.webAddress });
  settings = mitSettings(lab, await deviceCertFor(tmp, `${lab.user.name}@${lab.b.domain}`));
}, 120_000);

afterAll(async () => {
  if (lab) await stopMitRealms(lab);
  if (pair) await releasePair(pair);
  await cleanupScratch(tmp);
  if (dir) await rm(dir, { recursive: true, force: true });
});

let n = 0;
/** MIT's reference: the service's TGT from its keytab, then kvno -I user -P target into a ccache of the user's. */
async function kvnoCrossRealm(user = lab.user.principal): Promise<{ kvno: RunResult; klist: RunResult }> {
  n++;
  const svc = `FILE:${join(tmp, `svc-${n}.cc`)}`;
  const out = `FILE:${join(tmp, `out-${n}.cc`)}`;
  const kinit = await run('kinit', ['-f', '-k', '-t', lab.service.keytab, lab.service.principal], { env: mitEnv(lab, { KRB5CCNAME: svc }), timeoutMs: 15_000 });
  expect(kinit.code, kinit.stderr).toBe(0);
  const kvno = await run('kvno', ['-k', lab.service.keytab, '-I', user, '-P', lab.target.principal, '--out-cache', out], {
    env: mitEnv(lab, { KRB5CCNAME: svc }),
    timeoutMs: 15_000,
  });
  const klist = await run('klist', ['-e', '-f', out], { env: mitEnv(lab), timeoutMs: 5_000 });
  return { kvno, klist };
}

describe('MIT two realms: the reference for cross-realm S4U2Self + S4U2Proxy', () => {
  it(`kvno -I user@B -P target@A succeeds: a forwardable AES ticket to A's target whose client is B's user`, async () => {
    const { kvno, klist } = await kvnoCrossRealm();
    expect(kvno.code, kvno.stderr).toBe(0);
    expect(klist.stdout).toContain(`Default principal: ${lab.user.principal}`);
    expect(klist.stdout).toContain(lab.target.principal);
    expect(/Flags: (\w+)/.exec(klist.stdout)?.[1]).toContain('F');
    expect(klist.stdout).toMatch(/Etype \(skey, tkt\): aes256-cts-hmac-sha1-96, aes256-cts-hmac-sha1-96/);
    // Both KDCs took part: A logged the protocol transition for B's user, and B did too.
    for (const r of [lab.a, lab.b])
      expect(await readFile(join(lab.dir, 'run', `kdc-${r.realm}.log`), 'utf8')).toContain(`PROTOCOL-TRANSITION s4u-client=${lab.user.principal}`);
  });

  it("the service account's password works next to its keytab (our client logs on with the password)", async () => {
    const r = await run('kinit', [lab.service.principal], {
      env: mitEnv(lab, { KRB5CCNAME: `FILE:${join(tmp, 'pw.cc')}` }),
      input: `${lab.service.password}\n`,
      timeoutMs: 15_000,
    });
    expect(r.code, r.stderr).toBe(0);
  });

  it('a user of B gets a ticket for the target in A across the trust (plain cross-realm TGS)', async () => {
    const cc = `FILE:${join(tmp, 'bob.cc')}`;
    const kinit = await run('kinit', [lab.user.principal], { env: mitEnv(lab, { KRB5CCNAME: cc }), input: `${lab.user.password}\n`, timeoutMs: 15_000 });
    expect(kinit.code, kinit.stderr).toBe(0);
    const kvno = await run('kvno', [lab.target.principal], { env: mitEnv(lab, { KRB5CCNAME: cc }), timeoutMs: 15_000 });
    expect(kvno.code, kvno.stderr).toBe(0);
    const klist = await run('klist', [cc], { env: mitEnv(lab), timeoutMs: 5_000 });
    expect(klist.stdout).toContain(`krbtgt/${lab.a.realm}@${lab.b.realm}`);
  });

  const broken: [string, MitScenario, RegExp][] = [
    ['trust removed', mitScenarios.trustRemoved, /not found in Kerberos database/],
    // MIT's KDC of B cannot decrypt A's referral TGT and says only "PROCESS_TGS" (its log: integrity check failed).
    ['cross-realm keys differ', mitScenarios.crossRealmKeyMismatch, /KDC returned error string: PROCESS_TGS/],
    ['target not in krbAllowedToDelegateTo', mitScenarios.delegationTargetMissing, /KDC can't fulfill requested option/],
    ['protocol transition off', mitScenarios.protocolTransitionOff, /KDC can't fulfill requested option/],
    ["realm B's KDC down", mitScenarios.realmBDown, /Cannot contact any KDC for realm '[^']+'/],
  ];
  it.each(broken)('%s: the reference fails (exit code, words)', async (_name, scenario, words) => {
    await withScenario(lab, scenario, async () => {
      const { kvno } = await kvnoCrossRealm();
      expect(kvno.code).not.toBe(0);
      expect(kvno.stderr).toMatch(words);
    });
    // Undone: the reference works again.
    expect((await kvnoCrossRealm()).kvno.code).toBe(0);
  });
});

async function runKrb(s: Settings = settings): Promise<Map<string, CheckResult>> {
  const results = await runChecks(CHAIN, { settings: s, secrets: { kcdPassword: new Secret(lab.service.password) }, baseDir: tmp });
  return new Map(results.map((r) => [r.id, r]));
}

function text(r: CheckResult | undefined): string {
  return [...(r?.evidence ?? []), r?.remedy ?? '', r?.command ?? '', r?.reason ?? ''].join('\n');
}

/** The facts of the one service ticket in `klist -e -f` output. */
function klistFacts(out: string): { client: string; service: string; flags: string } {
  return {
    client: /Default principal: (\S+)/.exec(out)?.[1] ?? '',
    service: /^\S+ \S+\s+\S+ \S+\s+(\S+@\S+)$/m.exec(out)?.[1] ?? '',
    flags: /Flags: (\w+)/.exec(out)?.[1] ?? '',
  };
}

describe('our client: S4U2Self across realms (krb.s4u2self, krb.s4u2proxy) against the MIT realms', () => {
  it('a device certificate of a user of B: every hop in the evidence, and the same tickets as MIT kvno -I', async () => {
    const r = await runKrb();
    for (const id of ['krb.as', 'krb.s4u2self', 'krb.s4u2proxy', 'eas.kcd-end-to-end']) expect(r.get(id)?.status, `${id}: ${text(r.get(id))}`).toBe('pass');
    // The ActiveSync stand-in of realm A took the proxied ticket as B's user (its access log's %u).
    expect(await readFile(apachePaths(lab.dir).accessLog, 'utf8')).toContain(` ${lab.user.principal} "OPTIONS /Microsoft-Server-ActiveSync`);
    expect(text(r.get('eas.kcd-end-to-end'))).toMatch(/AP-REP verified/);
    const self = text(r.get('krb.s4u2self'));
    expect(self).toContain(
      `hop 1: cross-realm TGT from ${lab.a.realm} (KDC kdc.${lab.a.domain} ${lab.a.address}:88), asked for krbtgt/${lab.b.realm}@${lab.a.realm}: ${lab.service.principal} -> krbtgt/${lab.b.realm}@${lab.a.realm}`,
    );
    expect(self).toContain(
      `hop 2: S4U2Self from ${lab.b.realm} (KDC kdc.${lab.b.domain} ${lab.b.address}:88), asked for ${lab.service.name}@${lab.a.realm}@${lab.b.realm}: ${lab.service.principal} -> krbtgt/${lab.a.realm}@${lab.b.realm}`,
    );
    expect(self).toContain(
      `hop 3: S4U2Self from ${lab.a.realm} (KDC kdc.${lab.a.domain} ${lab.a.address}:88), asked for ${lab.service.principal}: ${lab.user.principal} -> ${lab.service.principal} [F`,
    );
    const proxy = r.get('krb.s4u2proxy')?.evidence ?? [];
    const ref = klistFacts((await kvnoCrossRealm()).klist.stdout);
    // Client, service and the flags that matter are MIT's; MIT's kvno asks for no renewable ticket, we do.
    expect(proxy).toContain(`client: ${ref.client}`);
    expect(proxy).toContain(`service: ${ref.service}`);
    const ours = /flags: (\w+)/.exec(proxy.join('\n'))?.[1] ?? '';
    for (const f of ref.flags.replace('R', '')) expect(ours).toContain(f);
  });

  const hopFailures: [string, MitScenario, string, RegExp, RegExp][] = [
    ['trust removed', mitScenarios.trustRemoved, 'KRB_XREALM_NO_TRUST', /Hop 1 \(cross-realm TGT from [A-Z.]+, asking for krbtgt\//, /has no trust towards/],
    ["realm B's KDC down", mitScenarios.realmBDown, 'KRB_KDC_UNREACHABLE', /Hop 2 \(S4U2Self from /, /must be reachable from the SEG/],
    ['cross-realm keys differ', mitScenarios.crossRealmKeyMismatch, 'KRB_', /Hop 2 \(S4U2Self from /, /./],
  ];
  it.each(hopFailures)('%s: krb.s4u2self fails at the hop it happened, saying why', async (_name, scenario, code, where, why) => {
    await withScenario(lab, scenario, async () => {
      const r = await runKrb();
      const self = r.get('krb.s4u2self');
      expect(self?.status, text(self)).toBe('fail');
      expect(text(self)).toContain(`error: ${code}`);
      expect(text(self)).toMatch(where);
      expect(self?.remedy).toMatch(why);
    });
  });

  it('no domain controller for realm B in the settings: the hop names the realm to add under KCD', async () => {
    const noDc = { ...settings, kcd: { ...settings.kcd, domains: settings.kcd.domains.map((d) => (d.realm === lab.b.realm ? { ...d, dcHost: '' } : d)) } };
    const r = await runKrb(noDc);
    const self = r.get('krb.s4u2self');
    expect(self?.status).toBe('fail');
    expect(text(self)).toContain('error: KRB_XREALM_NO_KDC');
    expect(text(self)).toMatch(/Hop 2 \(S4U2Self from [A-Z.]+, asking for/);
    expect(self?.remedy).toContain(`Add ${lab.b.realm} under KCD`);
  });

  it('delegation broken (target not allowed): S4U2Self across realms passes, S4U2Proxy fails with BADOPTION', async () => {
    await withScenario(lab, mitScenarios.delegationTargetMissing, async () => {
      const r = await runKrb();
      expect(r.get('krb.s4u2self')?.status).toBe('pass');
      expect(r.get('krb.s4u2proxy')?.status).toBe('fail');
      expect(text(r.get('krb.s4u2proxy'))).toMatch(/KDC_ERR_BADOPTION/);
    });
  });
});

describe('seg-setup verify against the MIT realms', () => {
  it('--only eas.kcd-end-to-end passes for the device certificate of a user of B', async () => {
    const file = join(tmp, 'mit-settings.json');
    await writeFile(file, JSON.stringify(settings, null, 2));
    const r = await run('npx', ['tsx', 'app/cli/run.ts', 'verify', '--config', file, '--only', 'eas.kcd-end-to-end', '--json'], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', SEG_KCD_PASSWORD: lab.service.password },
      timeoutMs: 120_000,
    });
    const report = JSON.parse(r.stdout) as { checks: { id: string; status: string; evidence: string[] }[] };
    const byId = new Map(report.checks.map((c) => [c.id, c]));
    expect(byId.get('eas.kcd-end-to-end')?.status, r.stdout.slice(0, 4000)).toBe('pass');
    expect(byId.get('krb.s4u2self')?.evidence.join('\n')).toContain(`hop 3: S4U2Self from ${lab.a.realm}`);
    expect(r.code).toBe(0);
  });
});
