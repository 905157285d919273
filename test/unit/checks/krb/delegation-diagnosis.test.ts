import { describe, expect, it } from 'vitest';
import { diagnoseDelegation, nearMisses } from '../../../../app/checks/krb/delegation-diagnosis';

const base = { targetSpn: 'HTTP/semail01', serviceAccount: 'aw_KCDsvc', user: 'carol@se.airwlab.com' };
const GOOD_SVC = { uac: 0x1010200, allowedToDelegateTo: ['HTTP/semail01', 'HTTP/semail01.se.airwlab.com'] };

describe('delegation diagnosis', () => {
  it('a NOT_DELEGATED user: the non-forwardable S4U2Self ticket is explained by the user flag', () => {
    const d = diagnoseDelegation({ ...base, s4u2selfForwardable: false, service: GOOD_SVC, userAccount: { sam: 'carol', uac: 0x100200 } });
    expect(d.findings).toContain('S4U2Self ticket for carol@se.airwlab.com: NOT forwardable (as issued by the KDC)');
    expect(d.findings.join('\n')).toMatch(/NOT_DELEGATED set/);
    expect(d.remedy).toMatch(/sensitive and cannot be delegated/);
    expect(d.command).toBe("Set-ADAccountControl -Identity 'carol' -AccountNotDelegated $false");
  });
  it('protocol transition off: TRUSTED_TO_AUTH_FOR_DELEGATION is missing', () => {
    const d = diagnoseDelegation({ ...base, s4u2selfForwardable: false, service: { ...GOOD_SVC, uac: 0x10200 }, userAccount: { sam: 'carol', uac: 0x200 } });
    expect(d.findings.join('\n')).toMatch(/TRUSTED_TO_AUTH_FOR_DELEGATION NOT set/);
    expect(d.command).toBe("Set-ADAccountControl -Identity 'aw_KCDsvc' -TrustedToAuthForDelegation $true");
  });
  it('the target SPN missing from msDS-AllowedToDelegateTo, with the near misses', () => {
    const d = diagnoseDelegation({
      ...base,
      targetSpn: 'HTTP/semail01',
      s4u2selfForwardable: true,
      service: { uac: 0x1010200, allowedToDelegateTo: ['HTTP/semail01.se.airwlab.com', 'host/semail01', 'HTTP/other'] },
      userAccount: { sam: 'carol', uac: 0x200 },
    });
    expect(d.findings).toContain('target SPN HTTP/semail01 is NOT in msDS-AllowedToDelegateTo; near misses: HTTP/semail01.se.airwlab.com, host/semail01');
    expect(d.command).toBe("Set-ADUser -Identity 'aw_KCDsvc' -Add @{'msDS-AllowedToDelegateTo'='HTTP/semail01'}");
  });
  it('a user in Protected Users is named as such (Windows refuses delegation for them)', () => {
    const d = diagnoseDelegation({ ...base, s4u2selfForwardable: false, service: GOOD_SVC, userAccount: { sam: 'dave', uac: 0x200, protectedUsers: true } });
    expect(d.findings.join('\n')).toMatch(/member of Protected Users/);
    expect(d.remedy).toMatch(/out of Protected Users/);
    expect(d.command).toContain("SamAccountName -eq 'dave'");
  });
  it("a user of another domain: the commands about the user reach the user's domain with -Server", () => {
    const bob = { sam: 'bob', dn: 'CN=bob,CN=Users,DC=beta,DC=test', protectedUsers: true };
    const d = diagnoseDelegation({
      ...base,
      user: 'bob@beta.test',
      domain: 'se.airwlab.com',
      s4u2selfForwardable: false,
      userAccount: { ...bob, uac: 0x100200 },
    });
    expect(d.command?.split('\n')).toStrictEqual([
      "Set-ADAccountControl -Identity 'bob' -Server 'beta.test' -AccountNotDelegated $false",
      "Get-ADGroupMember -Identity 'Protected Users' -Recursive -Server 'beta.test' | Where-Object SamAccountName -eq 'bob'",
    ]);
  });
  it("a user of the service account's own domain: no -Server, the cmdlet's default domain is the right one", () => {
    const dave = { sam: 'dave', dn: 'CN=dave,CN=Users,DC=se,DC=airwlab,DC=com', uac: 0x200, protectedUsers: true };
    const d = diagnoseDelegation({ ...base, domain: 'se.airwlab.com', s4u2selfForwardable: false, userAccount: dave });
    expect(d.command).toBe("Get-ADGroupMember -Identity 'Protected Users' -Recursive | Where-Object SamAccountName -eq 'dave'");
  });
  it('quotes the account names it puts in commands, whatever they hold', () => {
    const d = diagnoseDelegation({
      ...base,
      serviceAccount: "o'svc",
      s4u2selfForwardable: false,
      service: { uac: 0x10200, allowedToDelegateTo: [] },
      userAccount: { sam: "d'ave$x", uac: 0x100200 },
    });
    expect(d.command).toContain("Set-ADAccountControl -Identity 'o''svc' -TrustedToAuthForDelegation $true");
    expect(d.command).toContain("Set-ADAccountControl -Identity 'd''ave$x' -AccountNotDelegated $false");
    expect(d.command).toContain("Set-ADUser -Identity 'o''svc' -Add @{'msDS-AllowedToDelegateTo'='HTTP/semail01'}");
  });
  it('without directory facts it says what the ticket shows and that LDAP could not tell', () => {
    const d = diagnoseDelegation({ ...base, s4u2selfForwardable: false });
    expect(d.remedy).toMatch(/could not be read/);
    expect(d.command).toBeUndefined();
  });
  it('matching is case-insensitive, as the KDC compares SPNs', () => {
    expect(nearMisses('http/SEMAIL01', ['HTTP/semail01'])).toEqual([]);
    const d = diagnoseDelegation({ ...base, targetSpn: 'http/SEMAIL01', service: GOOD_SVC });
    expect(d.findings).toContain('target SPN http/SEMAIL01 is in msDS-AllowedToDelegateTo');
  });
});
