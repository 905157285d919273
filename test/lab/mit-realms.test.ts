/**
 * The MIT two-realm lab (mit-realms.ts) and MIT's own client as the reference for
 * cross-realm S4U: the service account of realm A gets a ticket to A's target for a user
 * of realm B (S4U2Self across the trust, then S4U2Proxy at home). This file starts its own
 * lab in beforeAll, so only it pays for slapd and two KDCs.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimPair, releasePair, type AddressPair } from './addresses';
import { mitEnv, startMitRealms, stopMitRealms, type MitRealmsLab } from './mit-realms';
import { mitScenarios, withMitScenario, type MitScenario } from './mit-scenarios';
import { run, type RunResult } from './proc';
import { cleanupScratch, scratch } from './tools';

let lab: MitRealmsLab;
let pair: AddressPair;
let tmp = '';
let dir = '';

beforeAll(async () => {
  pair = await claimPair();
  tmp = await scratch();
  dir = await mkdtemp('/var/tmp/seg-kcd-mit-');
  lab = await startMitRealms({ dir, addressA: pair.dcAddress, addressB: pair.webAddress });
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
  const kvno = await run('kvno', ['-k', lab.service.keytab, '-I', user, '-P', lab.target.principal, '--out-cache', out], { env: mitEnv(lab, { KRB5CCNAME: svc }), timeoutMs: 15_000 });
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
    for (const r of [lab.a, lab.b]) expect(await readFile(join(lab.dir, 'run', `kdc-${r.realm}.log`), 'utf8')).toContain(`PROTOCOL-TRANSITION s4u-client=${lab.user.principal}`);
  });

  it("the service account's password works next to its keytab (our client logs on with the password)", async () => {
    const r = await run('kinit', [lab.service.principal], { env: mitEnv(lab, { KRB5CCNAME: `FILE:${join(tmp, 'pw.cc')}` }), input: `${lab.service.password}\n`, timeoutMs: 15_000 });
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
    await withMitScenario(lab, scenario, async () => {
      const { kvno } = await kvnoCrossRealm();
      expect(kvno.code).not.toBe(0);
      expect(kvno.stderr).toMatch(words);
    });
    // Undone: the reference works again.
    expect((await kvnoCrossRealm()).kvno.code).toBe(0);
  });
});
