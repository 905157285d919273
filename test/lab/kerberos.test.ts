import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AD_CHECKS } from '../../app/checks/ad';
import { kcdEndToEnd } from '../../app/checks/eas/kcd-end-to-end';
import { KRB_CHECKS } from '../../app/checks/krb';

/** The Kerberos chain and the check that uses its ticket at ActiveSync. */
const CHAIN = [...KRB_CHECKS, kcdEndToEnd];
import { runChecks } from '../../app/checks/runner';
import type { CheckResult } from '../../app/contract/check-result';
import type { Settings } from '../../app/contract/settings';
import { Secret } from '../../app/config/secrets';
import { getTgt } from '../../app/kerberos/client/as-exchange';
import type { Credential } from '../../app/kerberos/client/credential';
import { s4u2proxy, s4u2self, userFromUpn } from '../../app/kerberos/client/s4u';
import { etypeName } from '../../app/kerberos/constants';
import { ticketFlagLetters } from '../../app/kerberos/messages/flags';
import { principalText, servicePrincipal } from '../../app/kerberos/messages/principal';
import { negotiateRequest } from '../../app/kerberos/spnego/http';
import { labSecrets, labSettings } from './lab';
import { scenarios, withScenario, type Scenario } from './scenarios';
import { cleanupScratch, kinit, klist, kvnoS4U, scratch } from './tools';

const lab = inject('lab');
const realm = lab.names.realm;
const kdc = { host: lab.dc.fqdn, address: lab.dc.address, port: 88 };
let tmp = '';

beforeAll(async () => {
  tmp = await scratch();
});
afterAll(async () => {
  await cleanupScratch(tmp);
});

async function ourTickets(upn: string, spn: string): Promise<{ tgt: Credential; self: Credential; proxy: Credential }> {
  const as = await getTgt({ kdc, realm, user: lab.accounts.service.name, password: new Secret(lab.accounts.service.password), timeoutMs: 10_000 });
  if (!as.ok) throw new Error(as.error.message);
  const self = await s4u2self({ tgt: as.value.credential, user: userFromUpn(upn, realm), timeoutMs: 10_000 });
  if (!self.ok) throw new Error(self.error.message);
  const proxy = await s4u2proxy({ tgt: as.value.credential, evidence: self.value.credential, targetSpn: servicePrincipal(spn), timeoutMs: 10_000 });
  if (!proxy.ok) throw new Error(proxy.error.message);
  return { tgt: as.value.credential, self: self.value.credential, proxy: proxy.value.credential };
}

/** What `klist -e -f` says of the one service ticket in a ccache. */
function klistFacts(out: string): { client: string; service: string; flags: string; skey: string; tkt: string } {
  const client = /Default principal: (\S+)/.exec(out)?.[1] ?? '';
  const service = /^\S+ \S+\s+\S+ \S+\s+(\S+@\S+)$/m.exec(out)?.[1] ?? '';
  const flags = /Flags: (\w+)/.exec(out)?.[1] ?? '';
  const m = /Etype \(skey, tkt\): ([\w-]+), ([\w-]+)/.exec(out);
  return { client, service, flags, skey: m?.[1] ?? '', tkt: m?.[2] ?? '' };
}

describe('our Kerberos client against the lab KDC', () => {
  it('gets an AES256 TGT with pre-authentication from the ETYPE-INFO2 salt', async () => {
    const as = await getTgt({ kdc, realm, user: lab.accounts.service.name, password: new Secret(lab.accounts.service.password), timeoutMs: 10_000 });
    expect(as.ok).toBe(true);
    if (!as.ok) return;
    expect(as.value.preauth).toEqual({ etype: 18, salt: `${realm}${lab.accounts.service.name}`, iterations: 4096 });
    expect(principalText(as.value.credential.sname, as.value.credential.srealm)).toBe(`krbtgt/${realm}@${realm}`);
    expect(ticketFlagLetters(as.value.credential.flags)).toContain('I');
  });

  it.each([
    ['FQDN', lab.kerberos.targetSpnFqdn],
    ['short', lab.kerberos.targetSpn],
  ])('S4U2Self + S4U2Proxy to the %s SPN match MIT kvno -U (client, service, flags, etypes)', async (_form, spn) => {
    const svcCc = join(tmp, `svc-${_form}.cc`);
    const outCc = join(tmp, `alice-${_form}.cc`);
    expect((await kinit(lab, lab.accounts.service.name, lab.accounts.service.password, svcCc)).code).toBe(0);
    const k = await kvnoS4U(lab, 'alice', spn, svcCc, outCc);
    expect(k.code, k.stderr).toBe(0);
    const mit = klistFacts((await klist(lab, outCc)).stdout);
    const ours = await ourTickets(lab.accounts.users.alice.upn, spn);
    expect(principalText(ours.proxy.cname, ours.proxy.crealm)).toBe(mit.client);
    expect(principalText(ours.proxy.sname, ours.proxy.srealm)).toBe(mit.service);
    expect(ticketFlagLetters(ours.proxy.flags)).toBe(mit.flags);
    expect(etypeName(ours.proxy.sessionKey.etype)).toBe(mit.skey);
    expect(etypeName(ours.proxy.ticket.encPart.etype)).toBe(mit.tkt);
    expect(ticketFlagLetters(ours.self.flags)).toContain('F');
  });

  it('Apache accepts our Negotiate token as alice (SPNEGO and raw krb5, HTTP and HTTPS), and proves itself', async () => {
    const { proxy } = await ourTickets(lab.accounts.users.alice.upn, lab.kerberos.targetSpn);
    const ca = await readFile(lab.pki.root.cert, 'utf8');
    for (const [tls, port] of [
      [true, 443],
      [false, 80],
    ] as const) {
      for (const spnego of [true, false]) {
        const r = await negotiateRequest(
          proxy,
          { host: lab.names.exchangeFqdn, address: lab.web.address, port, tls, path: lab.web.easPath, method: 'GET', extraCa: [ca] },
          { timeoutMs: 10_000, spnego },
        );
        expect(r.ok).toBe(true);
        if (!r.ok) continue;
        expect(r.value.status).toBe(200);
        expect(r.value.body).toContain(`REMOTE_USER=alice@${realm}`);
        expect(r.value.body).toContain('AUTH_TYPE=Negotiate');
        expect(r.value.mutual.verified).toBe(true);
      }
    }
  });
});

async function runKrb(settings: Settings = labSettings(lab)): Promise<Map<string, CheckResult>> {
  const results = await runChecks(CHAIN, { settings, secrets: labSecrets(lab), baseDir: lab.dir });
  return new Map(results.map((r) => [r.id, r]));
}

function text(r: CheckResult | undefined): string {
  return [...(r?.evidence ?? []), r?.remedy ?? '', r?.command ?? '', r?.reason ?? ''].join('\n');
}

describe('the krb.* and eas.kcd-end-to-end checks', () => {
  it('pass on the correct lab with the device certificate as the only user input', async () => {
    const r = await runKrb();
    for (const id of ['krb.as', 'krb.s4u2self', 'krb.s4u2proxy', 'eas.kcd-end-to-end']) expect(r.get(id)?.status, `${id}: ${text(r.get(id))}`).toBe('pass');
    expect(text(r.get('krb.s4u2self'))).toContain(`UPN from the device certificate: ${lab.accounts.users.alice.upn}`);
    expect(text(r.get('eas.kcd-end-to-end'))).toMatch(/mutual authentication: AP-REP verified/);
    expect(text(r.get('krb.as'))).toContain(`KDC: ${lab.dc.fqdn} (${lab.dc.address}:88`);
    expect(text(r.get('krb.as'))).toMatch(/KDC offered: .*PA-ENC-TIMESTAMP.*PA-ETYPE-INFO2/);
  });

  it("carol's certificate (NOT_DELEGATED): S4U2Self fails with a non-forwardable ticket, explained by her flag", async () => {
    const settings = labSettings(lab);
    const r = await runKrb({ ...settings, certificates: { ...settings.certificates, deviceCertificate: lab.pki.devices.carol.cert } });
    expect(r.get('krb.as')?.status).toBe('pass');
    expect(r.get('krb.s4u2self')?.status).toBe('fail');
    expect(text(r.get('krb.s4u2self'))).toMatch(/NOT forwardable/);
    expect(text(r.get('krb.s4u2self'))).toMatch(/carol.*NOT_DELEGATED set/);
    expect(r.get('krb.s4u2self')?.command).toContain("Set-ADAccountControl -Identity 'carol' -AccountNotDelegated $false");
    expect(text(r.get('krb.s4u2self'))).not.toMatch(/member of Protected Users/);
    expect(r.get('krb.s4u2proxy')?.status).toBe('skip');
    expect(r.get('eas.kcd-end-to-end')?.status).toBe('skip');
  });

  const cases: [string, Scenario, string, RegExp[]][] = [
    ['user not delegable', scenarios.userNotDelegable, 'krb.s4u2self', [/NOT forwardable/, /NOT_DELEGATED set/]],
    [
      'protocol transition off',
      scenarios.protocolTransitionOff,
      'krb.s4u2self',
      [/NOT forwardable/, /TRUSTED_TO_AUTH_FOR_DELEGATION NOT set/, /TrustedToAuthForDelegation \$true/],
    ],
    [
      'target SPN not allowed',
      scenarios.delegationTargetMissing,
      'krb.s4u2proxy',
      [/KDC_ERR_BADOPTION/, /FORWARDABLE \(as issued/, /is NOT in msDS-AllowedToDelegateTo/, /msDS-AllowedToDelegateTo'='HTTP\//],
    ],
    ['wrong service account password', scenarios.serviceAccountWrongPassword, 'krb.as', [/KDC_ERR_PREAUTH_FAILED/, /Set-ADAccountPassword/]],
    ['Negotiate not offered', scenarios.negotiateNotOffered, 'eas.kcd-end-to-end', [/HTTP status: 401/, /does not offer Negotiate/, /WindowsAuthEnabled/]],
  ];
  it.each(cases.map(([n, sc, f, p]) => [n, f, sc, p] as const))('%s: fails at %s with the explanation', async (_name, failing, scenario, patterns) => {
    await withScenario(lab, scenario, async () => {
      const r = await runKrb();
      const order = ['krb.as', 'krb.s4u2self', 'krb.s4u2proxy', 'eas.kcd-end-to-end'];
      const at = order.indexOf(failing);
      for (const id of order.slice(0, at)) expect(r.get(id)?.status, `${id}: ${text(r.get(id))}`).toBe('pass');
      expect(r.get(failing)?.status, text(r.get(failing))).toBe('fail');
      for (const p of patterns) expect(text(r.get(failing))).toMatch(p);
      for (const id of order.slice(at + 1)) expect(r.get(id)?.status).toBe('skip');
    });
  });

  const accountStates: [string, Scenario, string, RegExp][] = [
    ['disabled', scenarios.serviceAccountDisabled, 'STATUS_ACCOUNT_DISABLED (0xC0000072)', /the account is disabled/],
    ['expired', scenarios.serviceAccountExpired, 'STATUS_ACCOUNT_EXPIRED (0xC0000193)', /the account has expired/],
    ['password expired', scenarios.serviceAccountPasswordExpired, 'STATUS_PASSWORD_EXPIRED (0xC0000071)', /the password has expired/],
    ['must change password', scenarios.serviceAccountMustChangePassword, 'STATUS_PASSWORD_MUST_CHANGE (0xC0000224)', /must be changed at next logon/],
  ];
  it.each(accountStates)(
    "service account %s: krb.as names the state from the KDC's NTSTATUS, with ad.bind's cause and command",
    async (_name, scenario, status, words) => {
      await withScenario(lab, scenario, async () => {
        const settings = labSettings(lab);
        const [as] = await runChecks(
          KRB_CHECKS.filter((c) => c.id === 'krb.as'),
          { settings, secrets: labSecrets(lab), baseDir: lab.dir },
        );
        const [bind] = await runChecks(
          AD_CHECKS.filter((c) => c.id === 'ad.bind'),
          { settings, secrets: labSecrets(lab), baseDir: lab.dir },
        );
        expect(as?.status, text(as)).toBe('fail');
        expect(text(as)).toContain(`KDC status: ${status}`);
        expect(as?.remedy).toMatch(words);
        expect(as?.remedy).not.toMatch(/Likely causes|locked out/);
        expect(bind?.status).toBe('fail');
        expect(bind?.remedy).toBeDefined();
        expect(as?.remedy).toContain(bind?.remedy);
        expect(as?.command).toBe(bind?.command);
      });
    },
  );

  it('an RC4-only target: the ticket and its session key are rc4-hmac, and Apache still accepts our AP-REQ', async () => {
    await withScenario(lab, scenarios.rc4OnlyTarget, async () => {
      const r = await runKrb();
      for (const id of ['krb.as', 'krb.s4u2self', 'krb.s4u2proxy', 'eas.kcd-end-to-end']) expect(r.get(id)?.status, `${id}: ${text(r.get(id))}`).toBe('pass');
      expect(text(r.get('krb.s4u2proxy'))).toMatch(/ticket etype: rc4-hmac/);
      expect(text(r.get('krb.s4u2proxy'))).toMatch(/session key etype: rc4-hmac/);
      expect(text(r.get('eas.kcd-end-to-end'))).toMatch(/AP-REP verified/);
    });
  });

  it('a KDC clock 10 minutes ahead: krb.as fails with both clocks and the difference', async () => {
    await withScenario(lab, scenarios.clockSkew, async () => {
      const r = await runKrb();
      expect(r.get('krb.as')?.status).toBe('fail');
      expect(text(r.get('krb.as'))).toMatch(/KRB_AP_ERR_SKEW/);
      expect(text(r.get('krb.as'))).toMatch(/local clock .*, KDC clock .*: this machine is (9|10) min .* behind the KDC/);
    });
  });
});

/** The "done when": the CLI verifies the chain from the device certificate alone. */
function cliVerify(
  settingsFile: string,
): Promise<{ code: number; report: { checks: { id: string; status: string; evidence: string[]; remedy: string | null }[] } }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'app/cli/run.ts', 'verify', '--config', settingsFile, '--only', 'eas.kcd-end-to-end', '--json'],
      { env: { PATH: process.env.PATH ?? '', SEG_KCD_PASSWORD: lab.accounts.service.password }, timeout: 60_000, maxBuffer: 4 << 20 },
      (error, stdout) => {
        try {
          resolve({ code: typeof error?.code === 'number' ? error.code : 0, report: JSON.parse(stdout) });
        } catch (e) {
          reject(new Error(`seg-setup printed no JSON: ${String(e)}; ${stdout.slice(0, 500)}`));
        }
      },
    );
  });
}

describe('seg-setup verify --only eas.kcd-end-to-end --json', () => {
  it('passes with the device certificate as the only user input, and fails at S4U2Self for a NOT_DELEGATED user', async () => {
    const file = join(tmp, 'settings.json');
    await writeFile(file, JSON.stringify(labSettings(lab)));
    const good = await cliVerify(file);
    expect(good.code).toBe(0);
    const byId = new Map(good.report.checks.map((c) => [c.id, c]));
    for (const id of ['krb.as', 'krb.s4u2self', 'krb.s4u2proxy', 'eas.kcd-end-to-end']) expect(byId.get(id)?.status, id).toBe('pass');
    await withScenario(lab, scenarios.userNotDelegable, async () => {
      const bad = await cliVerify(file);
      expect(bad.code).toBe(1);
      const s4u = bad.report.checks.find((c) => c.id === 'krb.s4u2self');
      expect(s4u?.status).toBe('fail');
      expect(s4u?.evidence.join('\n')).toMatch(/NOT_DELEGATED set/);
      expect(bad.report.checks.find((c) => c.id === 'eas.kcd-end-to-end')?.status).toBe('skip');
    });
  });
});
