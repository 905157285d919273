import { describe, expect, inject, it } from 'vitest';
import { runChecks } from '../../app/checks/runner';
import { AD_CHECKS, LDAPS_TRUST } from '../../app/checks/ad';
import { NET_CHECKS } from '../../app/checks/net';
import { TIME_CHECKS } from '../../app/checks/time';
import type { CheckDefinition } from '../../app/checks/types';
import type { CheckResult } from '../../app/contract/check-result';
import type { Settings } from '../../app/contract/settings';
import { Secret, type Secrets } from '../../app/config/secrets';
import { labSecrets, labSettings } from './lab';
import { scenarios, withScenario, type Scenario } from './scenarios';

const lab = inject('lab');
const FAMILY: readonly CheckDefinition[] = [...NET_CHECKS, ...TIME_CHECKS, ...AD_CHECKS];

async function run(settings: Settings = labSettings(lab), secrets: Secrets = labSecrets(lab)): Promise<Map<string, CheckResult>> {
  const results = await runChecks(FAMILY, { settings, secrets, baseDir: lab.dir });
  return new Map(results.map((r) => [r.id, r]));
}

function get(results: Map<string, CheckResult>, id: string): CheckResult {
  const r = results.get(id);
  if (r === undefined) throw new Error(`no result for ${id}`);
  return r;
}

/** The checks of this family that did not pass (skips of ad.asa without a CAS array are expected). */
function notPassing(results: Map<string, CheckResult>): string[] {
  return [...results.values()]
    .filter((r) => r.status !== 'pass' && !(r.id === 'ad.asa' && r.status === 'skip' && r.reason?.includes('No CAS array') === true))
    .map((r) => `${r.id}:${r.status}`);
}

/** Runs the family under a scenario and checks that exactly `id` turns red (or the listed dependants are skipped). */
async function underScenario(scenario: Scenario, id: string, status: 'fail' | 'warn' = 'fail', settings?: Settings): Promise<CheckResult> {
  return withScenario(lab, scenario, async () => {
    const results = await run(settings);
    const r = get(results, id);
    expect(r.status, JSON.stringify(r, null, 1)).toBe(status);
    const others = notPassing(results).filter((x) => !x.startsWith(`${id}:`));
    // ad.bind failing skips the ad.* checks that depend on it; nothing else may turn red.
    expect(others.filter((x) => !(id === 'ad.bind' && x.endsWith(':skip')))).toEqual([]);
    return r;
  });
}

describe('directory, network and time checks against the lab DC', () => {
  it('all pass on the healthy lab, with the evidence a person checks', async () => {
    const results = await run();
    expect(notPassing(results)).toEqual([]);
    expect(get(results, 'ad.asa').reason).toMatch(/No CAS array/);
    expect(get(results, 'ad.bind').evidence.join('\n')).toContain(`bound as ${lab.accounts.service.name}@${lab.names.realm}`);
    expect(get(results, 'ad.bind').evidence.join('\n')).toMatch(/ldaps:\/\/.*:636|StartTLS/);
    expect(get(results, 'ad.svc-protocol-transition').evidence.join('\n')).toContain('TRUSTED_TO_AUTH_FOR_DELEGATION');
    expect(get(results, 'ad.target-spn').evidence.join('\n')).toContain(lab.accounts.exchange.name.toLowerCase().replace(/\$$/, ''));
    expect(get(results, 'net.paths').evidence.join('\n')).toMatch(/UDP .*:88 .*open, the KDC answered KDC_ERR_PREAUTH_REQUIRED/);
    expect(get(results, 'time.dc-skew').evidence.join('\n')).toMatch(/rootDSE currentTime/);
    expect(get(results, 'time.dc-skew').evidence.join('\n')).toMatch(/stime of KDC_ERR_PREAUTH_REQUIRED/);
  });

  it('verifies the DC certificate against the CAs of the Certificates step only', async () => {
    const settings = labSettings(lab);
    const results = await runChecks(
      AD_CHECKS.filter((c) => c.id === 'ad.bind'),
      { settings, secrets: labSecrets(lab), baseDir: lab.dir },
    );
    expect(results[0]?.status).toBe('pass');
    const untrusted = { ...settings, certificates: { ...settings.certificates, roots: [lab.pki.devices.alice.cert], intermediates: [] } };
    const bad = await runChecks(
      AD_CHECKS.filter((c) => c.id === 'ad.bind'),
      { settings: untrusted, secrets: labSecrets(lab), baseDir: lab.dir },
    );
    expect(bad[0]?.status).toBe('fail');
    expect(bad[0]?.evidence.join('\n')).toMatch(/does not chain to the CA certificates/);
  });

  it('LDAPS trusts the configured roots only, says so, and ignores NODE_EXTRA_CA_CERTS (issue 16)', async () => {
    const settings = labSettings(lab);
    const good = await runChecks(
      AD_CHECKS.filter((c) => c.id === 'ad.bind'),
      { settings, secrets: labSecrets(lab), baseDir: lab.dir },
    );
    expect(good[0]?.evidence).toContain(LDAPS_TRUST);
    const saved = process.env.NODE_EXTRA_CA_CERTS;
    process.env.NODE_EXTRA_CA_CERTS = lab.pki.chain;
    try {
      const untrusted = { ...settings, certificates: { ...settings.certificates, roots: [lab.pki.devices.alice.cert], intermediates: [] } };
      const bad = await runChecks(
        AD_CHECKS.filter((c) => c.id === 'ad.bind'),
        { settings: untrusted, secrets: labSecrets(lab), baseDir: lab.dir },
      );
      expect(bad[0]?.status).toBe('fail');
    } finally {
      if (saved === undefined) delete process.env.NODE_EXTRA_CA_CERTS;
      else process.env.NODE_EXTRA_CA_CERTS = saved;
    }
  });

  it('ad.bind: a wrong password is 52e, tried once, with no retry', async () => {
    const r = await underScenario(scenarios.serviceAccountWrongPassword, 'ad.bind');
    expect(r.evidence.join('\n')).toContain('data 52e');
    expect(r.remedy).toMatch(/does not try again/);
  });

  it('ad.bind: disabled (533), expired (701) and locked (775) accounts are told apart, with the cmdlet', async () => {
    const disabled = await underScenario(scenarios.serviceAccountDisabled, 'ad.bind');
    expect(disabled.evidence.join('\n')).toContain('data 533');
    expect(disabled.command).toBe(`Enable-ADAccount -Identity '${lab.accounts.service.name}'`);
    const expired = await underScenario(scenarios.serviceAccountExpired, 'ad.bind');
    expect(expired.evidence.join('\n')).toContain('data 701');
    expect(expired.command).toBe(`Clear-ADAccountExpiration -Identity '${lab.accounts.service.name}'`);
    const locked = await underScenario(scenarios.serviceAccountLocked, 'ad.bind');
    expect(locked.evidence.join('\n')).toContain('data 775');
    expect(locked.command).toBe(`Unlock-ADAccount -Identity '${lab.accounts.service.name}'`);
  });

  it('ad.bind: no password given is a skip naming the variable, and nothing is sent', async () => {
    const results = await run(labSettings(lab), {});
    expect(get(results, 'ad.bind').status).toBe('skip');
    expect(get(results, 'ad.bind').reason).toContain('SEG_KCD_PASSWORD');
  });

  it('ad.svc-spn fails without an SPN on the service account, with setspn -S', async () => {
    const r = await underScenario(scenarios.serviceSpnMissing, 'ad.svc-spn');
    expect(r.command).toBe(`setspn -S HTTP/${lab.accounts.service.name} ${lab.accounts.service.name}`);
  });

  it('ad.svc-protocol-transition fails when "use any authentication protocol" is off', async () => {
    const r = await underScenario(scenarios.protocolTransitionOff, 'ad.svc-protocol-transition');
    expect(r.command).toBe(`Set-ADAccountControl -Identity '${lab.accounts.service.name}' -TrustedToAuthForDelegation $true`);
    expect(r.evidence.join('\n')).not.toContain('TRUSTED_TO_AUTH_FOR_DELEGATION');
  });

  it('ad.svc-allowed-to-delegate names the exact values to add', async () => {
    const r = await underScenario(scenarios.delegationTargetMissing, 'ad.svc-allowed-to-delegate');
    expect(r.command).toBe(
      `Set-ADUser -Identity '${lab.accounts.service.name}' -Add @{'msDS-AllowedToDelegateTo'=@('${lab.kerberos.targetSpn}','${lab.kerberos.targetSpnFqdn}')}`,
    );
    const short = await underScenario(scenarios.delegationOnlyShortSpn, 'ad.svc-allowed-to-delegate', 'warn');
    expect(short.command).toContain(`@('${lab.kerberos.targetSpnFqdn}')`);
  });

  it('ad.target-spn: missing, duplicated and on the wrong account', async () => {
    const missing = await underScenario(scenarios.targetSpnMissing, 'ad.target-spn');
    expect(missing.command).toContain(`setspn -S ${lab.kerberos.targetSpn} ${lab.names.exchangeHost.toUpperCase()}`);
    const dup = await underScenario(scenarios.targetSpnDuplicated, 'ad.target-spn');
    expect(dup.evidence.join('\n')).toContain(lab.accounts.asa.name);
    expect(dup.command).toBe(`setspn -D ${lab.kerberos.targetSpn} ${lab.accounts.asa.name}`);
    const wrong = await underScenario(scenarios.targetSpnOnWrongAccount, 'ad.target-spn');
    expect(wrong.remedy).toContain(`service account ${lab.accounts.service.name}`);
    expect(wrong.command).toContain(`setspn -D ${lab.kerberos.targetSpn} ${lab.accounts.service.name}`);
  });

  it('ad.asa passes with the CAS array SPN on the alternate service account, and fails when it sits on the server', async () => {
    const withCas = labSettings(lab, { casArray: true });
    const ok = await run(withCas);
    expect(notPassing(ok)).toEqual([]);
    expect(get(ok, 'ad.asa').evidence.join('\n')).toContain(`${lab.accounts.asa.name} (`);
    const r = await underScenario(scenarios.asaSpnOnServer, 'ad.asa', 'fail', withCas);
    expect(r.evidence.join('\n')).toContain('[server computer account]');
    expect(r.command).toContain(`setspn -D ${lab.kerberos.casSpn} ${lab.accounts.exchange.name}`);
  });

  it('ad.ntauth finds the issuing CA missing by its bytes and gives certutil -dspublish', async () => {
    const r = await underScenario(scenarios.caMissingFromNtauth, 'ad.ntauth');
    expect(r.evidence.join('\n')).toMatch(/MISSING: .*CN=/);
    expect(r.command).toMatch(/^certutil -dspublish -f \S+\.cer NTAuthCA$/);
  });

  it('ad.user-delegable: NOT_DELEGATED, and Protected Users through a nested group', async () => {
    const r = await underScenario(scenarios.userNotDelegable, 'ad.user-delegable');
    expect(r.command).toBe(`Set-ADAccountControl -Identity '${lab.accounts.users.alice.name}' -AccountNotDelegated $false`);
    const settings = labSettings(lab);
    const dave = { ...settings, certificates: { ...settings.certificates, deviceCertificate: lab.pki.devices.dave.cert } };
    const results = await run(dave);
    const d = get(results, 'ad.user-delegable');
    expect(d.status).toBe('fail');
    expect(d.remedy).toMatch(/Protected Users through a nested group/);
    expect(d.command).toContain(lab.accounts.nestedGroup);
  });

  it('ad.enctypes fails for an RC4-only target and names the account and value', async () => {
    const r = await underScenario(scenarios.rc4OnlyTarget, 'ad.enctypes');
    expect(r.evidence.join('\n')).toContain('4 = 0x4 (RC4-HMAC)');
    expect(r.command).toBe(`Set-ADComputer -Identity '${lab.accounts.exchange.name}' -Replace @{'msDS-SupportedEncryptionTypes'=24}`);
  });

  it('time.dc-skew fails when the KDC runs 10 minutes ahead, showing both clocks', async () => {
    const r = await underScenario(scenarios.clockSkew, 'time.dc-skew');
    expect(r.evidence.join('\n')).toMatch(/10 min .* behind the DC|9 min 5\d\.\d s behind the DC/);
    expect(r.command).toContain('w32tm');
  });

  it('net.dns and net.paths report an unpinned, unknown name and a closed port', async () => {
    const settings = labSettings(lab);
    const unknown: Settings = {
      ...settings,
      email: { ...settings.email, host: 'nowhere.invalid', port: 443 },
      network: { ...settings.network, dnsServer: `${lab.dc.address}:1` },
    };
    const results = await runChecks(NET_CHECKS, { settings: unknown, secrets: {}, baseDir: lab.dir, checkTimeoutMs: 20_000 });
    const dns = results.find((r) => r.id === 'net.dns');
    expect(dns?.status).toBe('fail');
    expect(dns?.evidence.join('\n')).toMatch(/nowhere\.invalid: .*DNS server/);
    const closed = { ...settings, email: { ...settings.email, port: 1 } };
    const paths = await runChecks(
      NET_CHECKS.filter((c) => c.id === 'net.paths'),
      { settings: closed, secrets: { kcdPassword: new Secret('unused') }, baseDir: lab.dir },
    );
    expect(paths[0]?.status).toBe('fail');
    expect(paths[0]?.evidence.join('\n')).toMatch(/Exchange ActiveSync .*:1 .*refused/);
  });
});
