import { describe, expect, it } from 'vitest';
import { userDelegable, type ProtectedUsersFacts, type UserDelegableFacts } from '../../../../app/checks/ad/user-delegable';
import { recordedFacts } from '../../../support/facts';
import { okFacts } from './ok-facts';

const facts = (scenario: string) => recordedFacts<UserDelegableFacts>(scenario, 'ad.user-delegable');
const healthy = () => okFacts(facts('healthy'));
const ACCOUNTDISABLE = 0x2;
const PROTECTED_USERS = 'CN=Protected Users,CN=Users,DC=se,DC=airwlab,DC=com';
const ALICE = 'CN=alice,CN=Users,DC=se,DC=airwlab,DC=com';

const withMembership = (protectedUsers: ProtectedUsersFacts): UserDelegableFacts => ({ ...healthy(), protectedUsers });

describe('ad.user-delegable judge, from facts recorded in the lab', () => {
  it('passes on the healthy lab: alice exists, may be delegated, and is not in Protected Users', () => {
    expect(userDelegable.judge(facts('healthy'))).toEqual({
      status: 'pass',
      evidence: [
        'UPN from the device certificate: alice@se.airwlab.com',
        `accounts found in the forest: alice (${ALICE})`,
        'userAccountControl: 512 = 0x200 (NORMAL_ACCOUNT)',
        `not a member of ${PROTECTED_USERS}, directly or nested`,
      ],
    });
  });

  it('fails when the user is sensitive and cannot be delegated', () => {
    const outcome = userDelegable.judge(facts('userNotDelegable'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence.at(-1)).toMatch(/NOT_DELEGATED/);
    expect(outcome.remedy).toMatch(/^alice is marked "Account is sensitive and cannot be delegated" \(NOT_DELEGATED\)/);
    expect(outcome.command).toBe("Set-ADAccountControl -Identity 'alice' -AccountNotDelegated $false");
  });

  it('fails when the user is disabled', () => {
    const f = healthy();
    const outcome = userDelegable.judge({ ...f, account: { ...f.account, userAccountControl: 512 | ACCOUNTDISABLE } });
    expect(outcome).toMatchObject({
      status: 'fail',
      remedy: expect.stringMatching(/^alice is disabled: the KDC refuses S4U2Self/) as unknown,
      command: "Enable-ADAccount -Identity 'alice'",
    });
  });

  it('fails when no user has the UPN', () => {
    const outcome = userDelegable.judge({ read: 'not-unique', upn: 'alice@se.airwlab.com', found: [] });
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toEqual(['UPN from the device certificate: alice@se.airwlab.com', 'accounts found in the forest: none']);
    expect(outcome.remedy).toMatch(/^No user has the UPN alice@se\.airwlab\.com/);
    expect(outcome.command).toMatch(/^Get-ADUser -LDAPFilter .*userPrincipalName=alice@se\.airwlab\.com/);
  });

  it('fails when several accounts answer to the UPN, changing all but the first', () => {
    const alice = healthy().found;
    const twin = { ...alice, dn: 'CN=alice2,CN=Users,DC=child,DC=se,DC=airwlab,DC=com', samAccountName: 'alice2' };
    const outcome = userDelegable.judge({ read: 'not-unique', upn: 'alice@se.airwlab.com', found: [alice, twin] });
    expect(outcome).toMatchObject({
      status: 'fail',
      remedy: expect.stringMatching(/^2 accounts answer to alice@se\.airwlab\.com: a UPN must be unique/) as unknown,
      command: "Set-ADUser -Identity 'CN=alice2,CN=Users,DC=child,DC=se,DC=airwlab,DC=com' -UserPrincipalName <a unique UPN>",
    });
    expect(outcome.evidence?.[1]).toBe(`accounts found in the forest: alice (${ALICE}); alice2 (${twin.dn})`);
  });

  it('warns for a user in another domain, whose Protected Users membership is not read', () => {
    const f = healthy();
    const dn = 'CN=alice,CN=Users,DC=child,DC=se,DC=airwlab,DC=com';
    const outcome = userDelegable.judge({ ...f, found: { ...f.found, dn }, account: { ...f.account, dn }, protectedUsers: { read: 'other-domain' } });
    expect(outcome.status).toBe('warn');
    if (outcome.status !== 'warn') return;
    expect(outcome.evidence.at(-1)).toBe(`${dn} is outside se.airwlab.com: Protected Users membership is read only in the service account's domain`);
    expect(outcome.command).toBe("Get-ADGroupMember -Identity 'Protected Users' -Recursive -Server 'child.se.airwlab.com'");
  });

  it('fails when alice is directly in Protected Users, removing her from it', () => {
    const outcome = userDelegable.judge(withMembership({ read: 'member', group: PROTECTED_USERS, via: [PROTECTED_USERS] }));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence.at(-1)).toBe(`member of ${PROTECTED_USERS} through: ${PROTECTED_USERS}`);
    expect(outcome.remedy).toMatch(/^alice is in Protected Users: Windows domain controllers refuse to delegate/);
    expect(outcome.command).toBe(`Remove-ADGroupMember -Identity '${PROTECTED_USERS}' -Members '${ALICE}' -Confirm:$false`);
  });

  it('fails through a nested group, removing her from the group that leads there', () => {
    const nested = 'CN=Admins,CN=Users,DC=se,DC=airwlab,DC=com';
    const outcome = userDelegable.judge(withMembership({ read: 'member', group: PROTECTED_USERS, via: [nested] }));
    expect(outcome).toMatchObject({
      status: 'fail',
      remedy: expect.stringMatching(/^alice is in Protected Users through a nested group:/) as unknown,
      command: `Remove-ADGroupMember -Identity '${nested}' -Members '${ALICE}' -Confirm:$false`,
    });
  });

  it('fails through an unlisted path (the primary group), removing her from the group itself', () => {
    const outcome = userDelegable.judge(withMembership({ read: 'member', group: PROTECTED_USERS, via: [] }));
    expect(outcome.evidence?.at(-1)).toBe(`member of ${PROTECTED_USERS} through: an unlisted path (primary group?)`);
    expect(outcome).toMatchObject({ status: 'fail', command: `Remove-ADGroupMember -Identity '${PROTECTED_USERS}' -Members '${ALICE}' -Confirm:$false` });
  });

  it('passes when the domain has no Protected Users group', () => {
    const outcome = userDelegable.judge(withMembership({ read: 'no-group' }));
    expect(outcome).toMatchObject({ status: 'pass' });
    expect(outcome.evidence?.at(-1)).toMatch(/^Protected Users: the group does not exist in this domain/);
  });

  it("fails, keeping what it saw, when the domain's SID cannot be read", () => {
    const outcome = userDelegable.judge(withMembership({ read: 'no-sid' }));
    expect(outcome).toMatchObject({ status: 'fail', remedy: 'Check the connection to the domain controller (ad.bind).' });
    expect(outcome.evidence?.slice(-2)).toEqual(['userAccountControl: 512 = 0x200 (NORMAL_ACCOUNT)', 'The domain SID cannot be read']);
  });

  it('fails with the reason when the membership could not be read', () => {
    expect(userDelegable.judge(withMembership({ read: 'failed', message: 'Looking up group RID 525 timed out' }))).toEqual({
      status: 'fail',
      evidence: ['Looking up group RID 525 timed out'],
      remedy: 'Check the connection to the domain controller (ad.bind).',
    });
  });

  it('skips when the device certificate names no UPN', () => {
    expect(userDelegable.judge({ read: 'no-upn' })).toEqual({
      status: 'skip',
      reason: 'The device certificate is missing or names no UPN (SAN otherName): see pki.device-cert',
    });
  });

  it('fails with the reason when the user could not be looked up', () => {
    expect(userDelegable.judge({ read: 'failed', message: 'Searching the global catalogue for alice@se.airwlab.com timed out' })).toMatchObject({
      status: 'fail',
    });
  });
});
