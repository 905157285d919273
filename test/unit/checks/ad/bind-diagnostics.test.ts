import { describe, expect, it } from 'vitest';
import { bindRemedy, parseBindReason } from '../../../../app/checks/ad/bind-diagnostics';

const samba = (code: string) => `80090308: LdapErr: DSID-0C0903A9, comment: AcceptSecurityContext error, data ${code}, v1db1 Code: 0x31`;
const windows = (code: string) => `80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data ${code}, v4563`;

describe('parseBindReason', () => {
  it.each([
    ['52e', 'ERROR_LOGON_FAILURE', true],
    ['525', 'ERROR_NO_SUCH_USER', false],
    ['530', 'ERROR_INVALID_LOGON_HOURS', false],
    ['531', 'ERROR_INVALID_WORKSTATION', false],
    ['532', 'ERROR_PASSWORD_EXPIRED', false],
    ['533', 'ERROR_ACCOUNT_DISABLED', false],
    ['701', 'ERROR_ACCOUNT_EXPIRED', false],
    ['773', 'ERROR_PASSWORD_MUST_CHANGE', false],
    ['775', 'ERROR_ACCOUNT_LOCKED_OUT', false],
  ] as const)('reads data %s as %s, from Samba and from Windows', (code, win32, wrongPassword) => {
    for (const message of [samba(code), windows(code), windows(code.toUpperCase())]) {
      const reason = parseBindReason(message);
      expect(reason?.subCode).toBe(code);
      expect(reason?.win32).toBe(win32);
      expect(reason?.wrongPassword).toBe(wrongPassword);
    }
  });

  it('returns null for unknown codes and for messages without one', () => {
    expect(parseBindReason(samba('999'))).toBeNull();
    expect(parseBindReason('Invalid credentials')).toBeNull();
    expect(parseBindReason('')).toBeNull();
    expect(parseBindReason('metadata 52e')).toBeNull();
  });
});

describe('bindRemedy', () => {
  const reason = (code: string) => {
    const r = parseBindReason(samba(code));
    if (r === null) throw new Error(code);
    return r;
  };

  it('gives the exact cmdlet for the account', () => {
    expect(bindRemedy(reason('533'), 'aw_KCDsvc', 'SE.AIRWLAB.COM').command).toBe("Enable-ADAccount -Identity 'aw_KCDsvc'");
    expect(bindRemedy(reason('775'), 'aw_KCDsvc', 'SE.AIRWLAB.COM').command).toBe("Unlock-ADAccount -Identity 'aw_KCDsvc'");
    expect(bindRemedy(reason('701'), 'aw_KCDsvc', 'SE.AIRWLAB.COM').command).toBe("Clear-ADAccountExpiration -Identity 'aw_KCDsvc'");
    expect(bindRemedy(reason('532'), 'aw_KCDsvc', 'SE.AIRWLAB.COM').command).toContain("Set-ADAccountPassword -Identity 'aw_KCDsvc' -Reset");
  });

  it('says a wrong password is not retried, and quotes a hostile name for PowerShell', () => {
    const fix = bindRemedy(reason('52e'), "o'brien\u2019; rm", 'SE.AIRWLAB.COM');
    expect(fix.remedy).toMatch(/does not try again/);
    expect(fix.command).toContain("-Identity 'o''brien\u2019\u2019; rm'");
  });
});
