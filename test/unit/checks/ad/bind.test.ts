import { describe, expect, it } from 'vitest';
import { bind, type BindFacts } from '../../../../app/checks/ad/bind';
import { recordedFacts } from '../../../support/facts';
import { okFacts } from './ok-facts';

const facts = (scenario: string) => recordedFacts<BindFacts>(scenario, 'ad.bind');
const DONT_EXPIRE_PASSWORD = 0x10000;

describe('ad.bind judge, from facts recorded in the lab', () => {
  it('passes on the healthy lab, showing the connection, the bind name and the account', () => {
    const outcome = bind.judge(facts('healthy'));
    expect(outcome.status).toBe('pass');
    const text = outcome.evidence?.join('\n') ?? '';
    expect(text).toMatch(/^connection: ldaps:\/\/sedc01\.se\.airwlab\.com:636 .*, DC certificate verified for sedc01\.se\.airwlab\.com$/m);
    expect(text).toContain('bound as aw_KCDsvc@SE.AIRWLAB.COM');
    expect(text).toContain('base DN from rootDSE: DC=se,DC=airwlab,DC=com');
    expect(text).toMatch(/^userAccountControl: .*DONT_EXPIRE_PASSWORD/m);
    expect(text).toMatch(/^pwdLastSet: \d{4}-\d\d-\d\dT/m);
  });

  it.each([
    ['serviceAccountWrongPassword', '52e', /does not try again/, /^Get-ADUser -Identity 'aw_KCDsvc' /],
    ['serviceAccountDisabled', '533', /^Enable the account aw_KCDsvc\.$/, /^Enable-ADAccount -Identity 'aw_KCDsvc'$/],
    ['serviceAccountExpired', '701', /has expired: clear its expiry date/, /^Clear-ADAccountExpiration /],
    ['serviceAccountLocked', '775', /^Unlock aw_KCDsvc/, /^Unlock-ADAccount /],
    ['serviceAccountPasswordExpired', '532', /^Set a new password/, /^Set-ADAccountPassword /],
    ['serviceAccountMustChangePassword', '773', /^Set a new password/, /-ChangePasswordAtLogon \$false$/],
  ])('fails under %s with the bind refusal (data %s) and its own fix', (scenario, code, remedy, command) => {
    const outcome = bind.judge(facts(scenario));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence.join('\n')).toContain(`data ${code}`);
    expect(outcome.evidence.at(-1)).toMatch(/^The bind as aw_KCDsvc@SE\.AIRWLAB\.COM was refused: /);
    expect(outcome.remedy).toMatch(remedy);
    expect(outcome.command).toMatch(command);
  });

  it('fails when the DC does not answer, with no command (there is none to give)', () => {
    const outcome = bind.judge(facts('dcStopped'));
    expect(outcome).toMatchObject({ status: 'fail', remedy: expect.stringMatching(/see net\.paths/) as unknown });
    expect(outcome.evidence).toEqual(['DC: sedc01.se.airwlab.com', expect.stringMatching(/refused the connection/) as unknown]);
    expect(outcome).not.toHaveProperty('command');
  });

  it('falls back to a generic remedy when the session failure brings none', () => {
    const outcome = bind.judge({ read: 'no-session', evidence: [], message: 'The service account name or its password is missing' });
    expect(outcome).toEqual({
      status: 'fail',
      evidence: ['The service account name or its password is missing'],
      remedy: 'Check the connection to the domain controller.',
    });
  });

  it('warns when the password expires, with the cmdlet that stops it', () => {
    const healthy = okFacts(facts('healthy'));
    const uac = (healthy.account.userAccountControl ?? 0) & ~DONT_EXPIRE_PASSWORD;
    const outcome = bind.judge({ ...healthy, account: { ...healthy.account, userAccountControl: uac } });
    expect(outcome.status).toBe('warn');
    if (outcome.status !== 'warn') return;
    expect(outcome.remedy).toMatch(/^The password of aw_KCDsvc expires/);
    expect(outcome.command).toBe("Set-ADUser -Identity 'aw_KCDsvc' -PasswordNeverExpires $true");
  });

  it('shows a password that must change at next logon, and leaves out what the entry lacks', () => {
    const healthy = okFacts(facts('healthy'));
    const { userAccountControl: _uac, ...withoutUac } = healthy.account;
    const outcome = bind.judge({ ...healthy, account: { ...withoutUac, pwdLastSet: null } });
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence).toContain('pwdLastSet: must change at next logon');
    expect(outcome.evidence?.some((line) => line.startsWith('userAccountControl:'))).toBe(false);
    const { pwdLastSet: _pwd, ...bare } = withoutUac;
    expect(bind.judge({ ...healthy, account: bare }).evidence?.some((line) => line.startsWith('pwdLastSet:'))).toBe(false);
  });

  it('fails when the service account cannot be read back as one entry', () => {
    const outcome = bind.judge({ read: 'not-one', name: 'aw_KCDsvc', baseDn: 'DC=se,DC=airwlab,DC=com', count: 2 });
    expect(outcome).toMatchObject({ status: 'fail', evidence: ['search (sAMAccountName=aw_KCDsvc) under DC=se,DC=airwlab,DC=com: 2 entries'] });
  });
});
