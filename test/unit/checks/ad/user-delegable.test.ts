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
  it('passes on the healthy lab: alice found through the GC, read at her DC, may be delegated, and is not in Protected Users', () => {
    expect(userDelegable.judge(facts('healthy'))).toEqual({
      status: 'pass',
      evidence: [
        'UPN from the device certificate: alice@se.airwlab.com',
        expect.stringMatching(/^searched: global catalogue ldaps:\/\/sedc01\.se\.airwlab\.com:3269 /) as unknown,
        `accounts found: alice (${ALICE}) in se.airwlab.com, found at global catalogue`,
        `realm of the user: SE.AIRWLAB.COM, the domain of the account ${ALICE}; se.airwlab.com is a domain's DNS name (CN=SE,CN=Partitions,CN=Configuration,DC=se,DC=airwlab,DC=com)`,
        'read at sedc01.se.airwlab.com, a DC of se.airwlab.com',
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

  const searched = () => {
    const { upn, searched, unsearched } = healthy();
    return { upn, searched, unsearched };
  };
  const unmapped = { suffix: 'se.airwlab.com', realm: 'SE.AIRWLAB.COM', from: 'home', source: 'kcd.domains[0]' } as const;

  it('fails when no user has the UPN, and says a trusted forest is searched only through a row of its own', () => {
    const outcome = userDelegable.judge({ ...searched(), read: 'not-unique', mapping: unmapped, found: [] });
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toContain('accounts found: none');
    expect(outcome.remedy).toMatch(/^No user has the UPN alice@se\.airwlab\.com: .* If the user lives in a trusted forest, add one of its domains under KCD/);
    expect(outcome.command).toMatch(/^Get-ADUser -LDAPFilter .*userPrincipalName=alice@se\.airwlab\.com.* -Server 'se\.airwlab\.com:3268'$/);
  });

  it('names every account sharing the UPN with its domain (duplicates across domains of a forest), one command each', () => {
    const alice = healthy().found;
    const twin = {
      account: { ...alice.account, dn: 'CN=alice2,CN=Users,DC=child,DC=se,DC=airwlab,DC=com', samAccountName: 'alice2' },
      foundAt: 'global catalogue',
    };
    const outcome = userDelegable.judge({ ...searched(), read: 'not-unique', mapping: unmapped, found: [alice, twin] });
    expect(outcome).toMatchObject({
      status: 'fail',
      remedy: expect.stringMatching(
        /^2 accounts answer to alice@se\.airwlab\.com \(in se\.airwlab\.com, child\.se\.airwlab\.com\): the KDC cannot tell/,
      ) as unknown,
      command: [
        `Set-ADUser -Identity '${ALICE}' -Server 'se.airwlab.com' -UserPrincipalName <a unique UPN>`,
        `Set-ADUser -Identity '${twin.account.dn}' -Server 'child.se.airwlab.com' -UserPrincipalName <a unique UPN>`,
      ].join('\n'),
    });
    expect(outcome.evidence).toContain(
      `accounts found: alice (${ALICE}) in se.airwlab.com, found at global catalogue; alice2 (${twin.account.dn}) in child.se.airwlab.com, found at global catalogue`,
    );
  });

  it('a user of a domain with no DC to read: the GC copy, said so, and Protected Users of that domain not read (warn)', () => {
    const f = healthy();
    const dn = 'CN=alice,CN=Users,DC=child,DC=se,DC=airwlab,DC=com';
    const account = { ...f.account, dn };
    const outcome = userDelegable.judge({
      ...f,
      found: { account, foundAt: 'global catalogue' },
      account,
      copy: { copy: 'gc', why: 'No domain controller is set for CHILD.SE.AIRWLAB.COM' },
      protectedUsers: { read: 'no-dc' },
    });
    expect(outcome.status).toBe('warn');
    if (outcome.status !== 'warn') return;
    expect(outcome.evidence).toContain("read from the global catalogue's copy: No domain controller is set for CHILD.SE.AIRWLAB.COM");
    expect(outcome.evidence.at(-1)).toBe('Protected Users of child.se.airwlab.com: not read (no DC of child.se.airwlab.com was read)');
    expect(outcome.remedy).toMatch(/or add CHILD\.SE\.AIRWLAB\.COM with a domain controller under KCD/);
    expect(outcome.command).toBe("Get-ADGroupMember -Identity 'Protected Users' -Recursive -Server 'child.se.airwlab.com'");
  });

  it("a user of another domain read at that domain's DC: commands name the domain's server", () => {
    const f = healthy();
    const dn = 'CN=bob,CN=Users,DC=beta,DC=test';
    const account = { ...f.account, dn, samAccountName: 'bob', userAccountControl: 512 | 0x100000 };
    const outcome = userDelegable.judge({ ...f, found: { account, foundAt: 'betadc01.beta.test' }, account, copy: { copy: 'dc', at: 'betadc01.beta.test' } });
    expect(outcome).toMatchObject({ status: 'fail', command: "Set-ADAccountControl -Identity 'bob' -Server 'beta.test' -AccountNotDelegated $false" });
    expect(outcome.evidence).toContain('read at betadc01.beta.test, a DC of beta.test');
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
