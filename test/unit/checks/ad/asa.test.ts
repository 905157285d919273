import { describe, expect, it } from 'vitest';
import { notApplicableReason } from '../../../../app/checks/not-applicable';
import { asa, type AsaFacts } from '../../../../app/checks/ad/asa';
import type { RecordedAccount } from '../../../../app/checks/ad/recorded-account';
import { emptySettings } from '../../../../app/contract/settings';
import { recordedFacts } from '../../../support/facts';
import { okFacts } from './ok-facts';

const facts = (scenario: string) => recordedFacts<AsaFacts>(scenario, 'ad.asa');
/** The CAS array settings are those of the scenarios that turn it on; the healthy lab skips ad.asa. */
const healthy = () => okFacts(facts('asaPasswordRolledWithoutKeytab'));

function theAsa(): RecordedAccount {
  const [account] = healthy().owners;
  if (account === undefined) throw new Error('the lab records the ASA holding the CAS array SPN');
  return account;
}

describe('ad.asa judge, from facts recorded in the lab', () => {
  it('applies only with a CAS array', () => {
    const settings = emptySettings();
    expect(notApplicableReason(asa, settings)).toMatch(/^No CAS array is configured/);
    expect(notApplicableReason(asa, { ...settings, email: { ...settings.email, casArray: { ...settings.email.casArray, enabled: true } } })).toBeNull();
  });

  it('passes when the CAS array SPN sits on a computer account that is no server', () => {
    expect(asa.judge(healthy())).toEqual({
      status: 'pass',
      evidence: [
        'HTTP/mail.se.airwlab.com: EXCHASA$ (CN=EXCHASA,CN=Computers,DC=se,DC=airwlab,DC=com) [computer account without operatingSystem, dNSHostName or HOST/ SPN: an ASA]',
      ],
    });
  });

  it("fails when the SPN sits on the Exchange server's computer account, moving it to an ASA", () => {
    const outcome = asa.judge(facts('asaSpnOnServer'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence[0]).toMatch(/SEMAIL01\$ .* \[server computer account\]$/);
    expect(outcome.remedy).toMatch(/Move it off SEMAIL01\$\.$/);
    expect(outcome.command).toBe('setspn -D HTTP/mail.se.airwlab.com SEMAIL01$\nsetspn -S HTTP/mail.se.airwlab.com CASARRAY-ASA$');
  });

  it('fails when no account holds it, with the commands that create and deploy the ASA', () => {
    const outcome = asa.judge({ ...healthy(), owners: [] });
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toEqual(['HTTP/mail.se.airwlab.com: no account']);
    expect(outcome.remedy).toMatch(/^No account has HTTP\/mail\.se\.airwlab\.com\. Create the alternate service account/);
    expect(outcome.command?.split('\n')).toEqual([
      "New-ADComputer -Name 'CASARRAY-ASA' -AccountPassword $null -Enabled $true",
      'setspn -S HTTP/mail.se.airwlab.com CASARRAY-ASA$',
      ".\\RollAlternateServiceAccountPassword.ps1 -ToArrayMembers 'mail.se.airwlab.com' -GenerateNewPasswordFor 'SE\\CASARRAY-ASA$' -Verbose",
    ]);
  });

  it('does not count an account that holds only the short form', () => {
    const outcome = asa.judge({ ...healthy(), owners: [{ ...theAsa(), spns: ['HTTP/mail'] }] });
    expect(outcome).toMatchObject({ status: 'fail', evidence: ['HTTP/mail.se.airwlab.com: no account'] });
  });

  it('fails on a user account, and on a computer with a HOST/ SPN or a DNS name of its own', () => {
    const user = { ...theAsa(), samAccountName: 'svc_mail', objectClasses: ['top', 'person', 'organizationalPerson', 'user'] };
    expect(asa.judge({ ...healthy(), owners: [user] })).toMatchObject({ status: 'fail', evidence: [expect.stringMatching(/\[user account\]$/) as unknown] });
    const withHost = { ...theAsa(), spns: [...theAsa().spns, 'HOST/exchasa'] };
    expect(asa.judge({ ...healthy(), owners: [withHost] })).toMatchObject({
      status: 'fail',
      evidence: [expect.stringMatching(/\[server computer account\]$/) as unknown],
    });
    const named = { ...theAsa(), dnsHostName: 'exchasa.se.airwlab.com' };
    expect(asa.judge({ ...healthy(), owners: [named] }).status).toBe('fail');
    // The array's own name is not a server's, in any case.
    expect(asa.judge({ ...healthy(), owners: [{ ...theAsa(), dnsHostName: 'MAIL.se.airwlab.com' }] }).status).toBe('pass');
    expect(asa.judge({ ...healthy(), owners: [{ ...theAsa(), operatingSystem: 'Windows Server 2019 Standard' }] }).status).toBe('fail');
  });

  it('fails when two ASAs hold it, keeping the first', () => {
    const second = { ...theAsa(), dn: 'CN=ASA2,CN=Computers,DC=se,DC=airwlab,DC=com', samAccountName: 'ASA2$' };
    const outcome = asa.judge({ ...healthy(), owners: [theAsa(), second] });
    expect(outcome).toMatchObject({ status: 'fail', command: 'setspn -D HTTP/mail.se.airwlab.com ASA2$\nsetspn -S HTTP/mail.se.airwlab.com CASARRAY-ASA$' });
  });

  it('fails when an ASA and a server both hold it, moving it off the server only', () => {
    const server = okFacts(facts('asaSpnOnServer')).owners.filter((a) => a.samAccountName === 'SEMAIL01$');
    const outcome = asa.judge({ ...healthy(), owners: [theAsa(), ...server] });
    expect(outcome).toMatchObject({
      status: 'fail',
      command: 'setspn -D HTTP/mail.se.airwlab.com SEMAIL01$\nsetspn -S HTTP/mail.se.airwlab.com CASARRAY-ASA$',
    });
  });

  it('fails with the reason when the directory could not be read', () => {
    expect(asa.judge({ read: 'no-bind', message: 'refused' })).toMatchObject({ status: 'fail', remedy: 'Fix ad.bind first.' });
  });
});
