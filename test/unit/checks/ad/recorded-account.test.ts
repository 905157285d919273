import { describe, expect, it } from 'vitest';
import { accountLine, asAccount, holdersOf, recordAccount } from '../../../../app/checks/ad/recorded-account';
import type { Account } from '../../../../app/ldap/directory';

const base: Account = {
  dn: 'CN=SEMAIL01,CN=Computers,DC=se,DC=airwlab,DC=com',
  samAccountName: 'SEMAIL01$',
  objectClasses: ['computer'],
  spns: ['HTTP/semail01'],
  allowedToDelegateTo: [],
  memberOf: [],
};

describe('accounts as facts', () => {
  it('records pwdLastSet as an ISO string and reads it back as the same date', () => {
    const set = { ...base, pwdLastSet: new Date('2026-12-03T14:10:59.253Z') };
    const recorded = recordAccount(set);
    expect(recorded.pwdLastSet).toBe('2026-12-03T14:10:59.253Z');
    expect(JSON.parse(JSON.stringify(recorded))).toEqual(recorded);
    expect(asAccount(recorded)).toEqual(set);
  });

  it('keeps "must change at next logon" (null) and an absent pwdLastSet apart', () => {
    expect(asAccount(recordAccount({ ...base, pwdLastSet: null }))).toEqual({ ...base, pwdLastSet: null });
    expect(recordAccount(base)).not.toHaveProperty('pwdLastSet');
    expect(asAccount(recordAccount(base))).toEqual(base);
  });

  it('finds the holders of an SPN without regard to case, and names an account with its DN', () => {
    const other = { ...base, samAccountName: 'OTHER$', spns: ['HTTP/other'] };
    expect(holdersOf([base, other], 'http/SEMAIL01')).toEqual([base]);
    expect(accountLine(base)).toBe('SEMAIL01$ (CN=SEMAIL01,CN=Computers,DC=se,DC=airwlab,DC=com)');
  });
});
