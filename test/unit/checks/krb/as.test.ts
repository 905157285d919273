import { describe, expect, it } from 'vitest';
import { bindReason, bindRemedy } from '../../../../app/checks/ad/bind-diagnostics';
import { krbAs, type KrbAsFacts } from '../../../../app/checks/krb/as';
import { ntStatusInfo } from '../../../../app/kerberos/ntstatus';
import { recordedFacts } from '../../../support/facts';
import { recordedOutcome } from '../recorded-outcome';

const facts = (scenario: string) => recordedFacts<KrbAsFacts>(scenario, 'krb.as');
const issued = (scenario: string) => recordedOutcome<KrbAsFacts, 'issued'>(scenario, 'krb.as', 'issued');
const noBindReason = (): never => {
  throw new Error('the recorded status names no bind reason');
};
const refused = (scenario: string) => recordedOutcome<KrbAsFacts, 'refused'>(scenario, 'krb.as', 'refused');

describe('krb.as judge, from facts recorded in the lab', () => {
  it('passes with the AES TGT, the salt the KDC named and what it offered', () => {
    const outcome = krbAs.judge(facts('healthy'));
    expect(outcome.status).toBe('pass');
    const text = outcome.evidence?.join('\n') ?? '';
    expect(text).toContain('client: aw_KCDsvc@SE.AIRWLAB.COM');
    expect(text).toContain('service: krbtgt/SE.AIRWLAB.COM@SE.AIRWLAB.COM');
    expect(text).toMatch(/ticket etype: aes256-cts-hmac-sha1-96 \(kvno 1\)/);
    expect(text).toContain('pre-authentication: PA-ENC-TIMESTAMP with aes256-cts-hmac-sha1-96, salt "SE.AIRWLAB.COMaw_KCDsvc", 4096 PBKDF2 iterations');
    expect(text).toMatch(/KDC offered: .*PA-ENC-TIMESTAMP.*PA-ETYPE-INFO2/);
    expect(text).toMatch(/KDC: sedc01\.se\.airwlab\.com \(127\.\d+\.\d+\.\d+:88, TCP\)/);
  });

  it('warns when the account pre-authenticated with RC4, with the command that gives it AES keys', () => {
    const outcome = krbAs.judge({ ...issued('healthy'), preauth: { etype: 23, salt: '' } });
    expect(outcome).toMatchObject({ status: 'warn', remedy: 'The service account pre-authenticated with rc4-hmac, not AES: give it AES keys.' });
    if (outcome.status !== 'warn') return;
    expect(outcome.command).toBe("Set-ADUser -Identity 'aw_KCDsvc' -KerberosEncryptionType AES128,AES256; Set-ADAccountPassword -Identity 'aw_KCDsvc' -Reset");
    expect(outcome.evidence.join('\n')).toContain('pre-authentication: PA-ENC-TIMESTAMP with rc4-hmac, salt ""');
  });

  it('says when the KDC asked for no pre-authentication at all', () => {
    const outcome = krbAs.judge({ ...issued('healthy'), offered: [] });
    expect(outcome.evidence).toContain('KDC offered: (no pre-authentication asked)');
  });

  const kdcLine = (scenario: string): string => `KDC: sedc01.se.airwlab.com (${refused(scenario).kdc.address}:88, TCP; address from network.hosts)`;

  it.each([
    ['serviceAccountWrongPassword', 'KRB_KDC_ERR_PREAUTH_FAILED', /^Set-ADAccountPassword -Identity 'aw_KCDsvc' -Reset/],
    ['serviceAccountLocked', 'KRB_KDC_ERR_CLIENT_REVOKED', /^Unlock-ADAccount -Identity 'aw_KCDsvc'; Enable-ADAccount/],
  ])("%s: the KDC named no account state: fails with the KDC's %s, its likely causes and the command for it", (scenario, code, command) => {
    const outcome = krbAs.judge(facts(scenario));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence.slice(0, 3)).toEqual(['principal: aw_KCDsvc@SE.AIRWLAB.COM', kdcLine(scenario), `error: ${code}`]);
    expect(outcome.evidence.join('\n')).toMatch(/^KDC time: 20\d\d-/m);
    expect(outcome.evidence.join('\n')).not.toMatch(/^KDC status:/m);
    expect(outcome.remedy).toMatch(/^Likely causes: /);
    expect(outcome.command).toMatch(command);
  });

  // The KDC's NTSTATUS names one state; the remedy and command are ad.bind's for the same cause.
  it.each([
    [
      'serviceAccountDisabled',
      'KRB_KDC_ERR_CLIENT_REVOKED',
      'STATUS_ACCOUNT_DISABLED (0xC0000072)',
      'the account is disabled',
      /Enable-ADAccount -Identity 'aw_KCDsvc'/,
    ],
    [
      'serviceAccountExpired',
      'KRB_KDC_ERR_CLIENT_REVOKED',
      'STATUS_ACCOUNT_EXPIRED (0xC0000193)',
      'the account has expired (accountExpires is in the past)',
      /Clear-ADAccountExpiration -Identity 'aw_KCDsvc'/,
    ],
    [
      'serviceAccountPasswordExpired',
      'KRB_KDC_ERR_KEY_EXPIRED',
      'STATUS_PASSWORD_EXPIRED (0xC0000071)',
      'the password has expired (older than the maximum password age)',
      /-PasswordNeverExpires \$true -ChangePasswordAtLogon \$false/,
    ],
    [
      'serviceAccountMustChangePassword',
      'KRB_KDC_ERR_KEY_EXPIRED',
      'STATUS_PASSWORD_MUST_CHANGE (0xC0000224)',
      'the password must be changed at next logon',
      /-PasswordNeverExpires \$true -ChangePasswordAtLogon \$false/,
    ],
  ])("%s: names the account's state from the KDC's status, in ad.bind's words and with its command", (scenario, code, status, meaning, command) => {
    const f = refused(scenario);
    const outcome = krbAs.judge(f);
    const bind = bindRemedy(bindReason(ntStatusInfo(f.failure.ntStatus?.status ?? 0)?.win32 ?? '') ?? noBindReason(), 'aw_KCDsvc', 'SE.AIRWLAB.COM');
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence.slice(0, 3)).toEqual(['principal: aw_KCDsvc@SE.AIRWLAB.COM', kdcLine(scenario), `error: ${code}`]);
    expect(outcome.evidence).toContain(`KDC status: ${status}`);
    expect(outcome.remedy).toBe(`The KDC refused aw_KCDsvc: ${meaning} (${status.split(' ')[0]}). ${bind.remedy}`);
    expect(outcome.remedy).not.toMatch(/Likely causes|locked out/);
    expect(outcome.command).toBe(bind.command);
    expect(outcome.command).toMatch(command);
  });

  it('a status with no account state (or one this tool does not know): the line, and the remedy the failure carries', () => {
    const f = refused('serviceAccountDisabled');
    const known = krbAs.judge({
      ...f,
      failure: { ...f.failure, ntStatus: { status: 0xc000006e, name: 'STATUS_ACCOUNT_RESTRICTION' }, remedy: 'Remove the restriction.' },
    });
    expect(known).toMatchObject({ status: 'fail', remedy: 'Remove the restriction.', command: expect.stringMatching(/^Unlock-ADAccount/) });
    expect(known.evidence).toContain('KDC status: STATUS_ACCOUNT_RESTRICTION (0xC000006E)');
    const unknown = krbAs.judge({ ...f, failure: { ...f.failure, ntStatus: { status: 0xc0001234, name: 'unknown' } } });
    expect(unknown.evidence).toContain('KDC status: unknown (0xC0001234)');
    expect(unknown).toMatchObject({ remedy: f.failure.remedy });
  });

  it('fails on a skewed KDC clock with the w32tm command for the DC', () => {
    const outcome = krbAs.judge(facts('clockSkew'));
    expect(outcome).toMatchObject({ status: 'fail', command: 'w32tm /stripchart /computer:sedc01.se.airwlab.com /samples:3 /dataonly' });
    expect(outcome.evidence?.join('\n')).toContain('error: KRB_KRB_AP_ERR_SKEW');
  });

  it('fails when the DC is down with the command that tests port 88', () => {
    const outcome = krbAs.judge(facts('dcStopped'));
    expect(outcome).toMatchObject({ status: 'fail', command: 'Test-NetConnection sedc01.se.airwlab.com -Port 88' });
  });

  it('falls back to "see the error" and no command for an error with neither', () => {
    const f = refused('serviceAccountWrongPassword');
    const outcome = krbAs.judge({ ...f, failure: { code: 'KRB_KDC_ERR_POLICY', message: 'KDC policy rejects request.' } });
    expect(outcome).toEqual({
      status: 'fail',
      evidence: ['principal: aw_KCDsvc@SE.AIRWLAB.COM', kdcLine('serviceAccountWrongPassword'), 'error: KRB_KDC_ERR_POLICY', 'KDC policy rejects request.'],
      remedy: 'See the error above.',
    });
  });

  it('names the trimmed principal but quotes the account as the settings give it', () => {
    const outcome = krbAs.judge({ ...refused('serviceAccountWrongPassword'), serviceAccount: ' aw_KCDsvc ' });
    expect(outcome.evidence?.[0]).toBe('principal: aw_KCDsvc@SE.AIRWLAB.COM');
    expect(outcome).toMatchObject({ command: expect.stringMatching(/^Set-ADAccountPassword -Identity ' aw_KCDsvc ' /) });
  });

  it("fails with the resolver's remedy when no KDC address is found, or a default one", () => {
    const failure = { code: 'NET_DNS_NXDOMAIN', message: 'sedc01.se.airwlab.com does not resolve.', remedy: 'Pin it under network.hosts.' };
    expect(krbAs.judge({ outcome: 'no-kdc', failure })).toEqual({
      status: 'fail',
      evidence: ['error: NET_DNS_NXDOMAIN', 'sedc01.se.airwlab.com does not resolve.'],
      remedy: 'Pin it under network.hosts.',
    });
    expect(krbAs.judge({ outcome: 'no-kdc', failure: { code: 'X', message: 'y' } })).toMatchObject({ remedy: 'Check the DC host name and network.hosts.' });
  });

  it('skips without the service account password', () => {
    expect(krbAs.judge({ outcome: 'no-password' })).toEqual({ status: 'skip', reason: 'no service account password' });
  });
});
