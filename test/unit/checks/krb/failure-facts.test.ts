import { describe, expect, it } from 'vitest';
import { commandFor, failureEvidence, failureFacts } from '../../../../app/checks/krb/failure-facts';
import { kdcFailure, localFailure } from '../../../../app/kerberos/client/failure';
import { parseKrbError } from '../../../../app/kerberos/messages/krb-error';
import { recorded } from '../../kerberos/kdc-recordings';

describe('KDC failures as facts', () => {
  it('keeps the code, words and remedy of an error without a KRB-ERROR', () => {
    const f = failureFacts(localFailure('as', 'KRB_KDC_TIMEOUT', 'No answer from the KDC.', 'Check port 88.'));
    expect(f).toEqual({ code: 'KRB_KDC_TIMEOUT', message: 'No answer from the KDC.', remedy: 'Check port 88.' });
    expect(failureEvidence(f)).toEqual(['error: KRB_KDC_TIMEOUT', 'No answer from the KDC.']);
  });

  it('keeps the code, clock and e-text of a KRB-ERROR Samba sent (recorded in the lab), never its e-data', () => {
    const error = parseKrbError(recorded('mit-as', 'reply'));
    const f = failureFacts(kdcFailure('as', error, error.stime));
    expect(f).toMatchObject({
      code: 'KRB_KDC_ERR_PREAUTH_REQUIRED',
      krbError: { errorCode: 25, stime: error.stime.toISOString(), eText: 'Need to use PA-ENC-TIMESTAMP/PA-PK-AS-REQ' },
    });
    expect(Object.keys(f.krbError ?? {}).sort()).toEqual(['eText', 'errorCode', 'stime']);
    const refused = failureFacts(kdcFailure('s4u2proxy', parseKrbError(recorded('seg-s4u2proxy-refused', 'reply')), new Date()));
    expect(refused.krbError).not.toHaveProperty('eText');
    expect(refused.code).toBe('KRB_KDC_ERR_BADOPTION');
  });

  it("shows the KDC's clock and e-text when the KDC sent a KRB-ERROR", () => {
    const lines = failureEvidence({
      code: 'KRB_KDC_ERR_BADOPTION',
      message: 'm',
      krbError: { errorCode: 13, stime: '2026-12-03T14:00:00.000Z', eText: 'S4U2Proxy: not allowed' },
    });
    expect(lines).toEqual(['error: KRB_KDC_ERR_BADOPTION', 'm', 'KDC time: 2026-12-03T14:00:00.000Z', 'e-text: S4U2Proxy: not allowed']);
  });
});

describe('the command for a KDC failure of the service account', () => {
  it.each([
    ['KRB_KDC_ERR_PREAUTH_FAILED', "Set-ADAccountPassword -Identity 'aw_KCDsvc' -Reset   # then enter the same password in the KCD step"],
    ['KRB_KDC_ERR_CLIENT_REVOKED', "Unlock-ADAccount -Identity 'aw_KCDsvc'; Enable-ADAccount -Identity 'aw_KCDsvc'"],
    ['KRB_KDC_ERR_KEY_EXPIRED', "Set-ADUser -Identity 'aw_KCDsvc' -PasswordNeverExpires $true; Set-ADAccountPassword -Identity 'aw_KCDsvc' -Reset"],
    ['KRB_KDC_ERR_ETYPE_NOSUPP', "Set-ADUser -Identity 'aw_KCDsvc' -KerberosEncryptionType AES128,AES256; Set-ADAccountPassword -Identity 'aw_KCDsvc' -Reset"],
    ['KRB_KDC_ERR_C_PRINCIPAL_UNKNOWN', "Get-ADUser -Identity 'aw_KCDsvc' -Properties userPrincipalName"],
    ['KRB_KRB_AP_ERR_SKEW', 'w32tm /stripchart /computer:dc01.example.com /samples:3 /dataonly'],
    ['KRB_KDC_TIMEOUT', 'Test-NetConnection dc01.example.com -Port 88'],
    ['KRB_KDC_UNREACHABLE', 'Test-NetConnection dc01.example.com -Port 88'],
  ])('%s: %s', (code, command) => {
    expect(commandFor(code, 'aw_KCDsvc', 'dc01.example.com')).toBe(command);
  });

  it('has none for an error no command helps with', () => {
    expect(commandFor('KRB_KDC_ERR_BADOPTION', 'aw_KCDsvc', 'dc01.example.com')).toBeUndefined();
  });

  it('quotes a hostile account name so that it stays one argument', () => {
    expect(commandFor('KRB_KDC_ERR_C_PRINCIPAL_UNKNOWN', "x'; Remove-Item C:\\ -Recurse; '", 'dc')).toBe(
      "Get-ADUser -Identity 'x''; Remove-Item C:\\ -Recurse; ''' -Properties userPrincipalName",
    );
  });
});
