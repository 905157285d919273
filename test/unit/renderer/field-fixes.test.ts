import { describe, expect, it } from 'vitest';
import { emptySettings } from '../../../app/contract/settings';
import { accountNameFix, apiUrlFix, dcHostFix, hostNameFix, realmFix, spnCrossCheck, targetSpnFix } from '../../../renderer/components/field-fixes';

const email = (patch: Partial<ReturnType<typeof emptySettings>['email']>) => ({ ...emptySettings().email, ...patch });

describe('one-click fixes the wizard offers beside a field (issue 20, item 7)', () => {
  it('a realm in lower case becomes the realm in capitals; a NetBIOS name has no sure answer', () => {
    expect(realmFix('se.airwlab.com')).toBe('SE.AIRWLAB.COM');
    expect(realmFix('SE.AIRWLAB.COM')).toBeNull();
    expect(realmFix('se')).toBeNull();
  });

  it('a DC host typed with its domain becomes the host name, and its domain the realm', () => {
    expect(dcHostFix('sedc01.se.airwlab.com')).toEqual({ dcHost: 'sedc01', realm: 'SE.AIRWLAB.COM' });
    expect(dcHostFix('sedc01')).toBeNull();
    expect(dcHostFix('10.1.2.3')).toBeNull();
    expect(dcHostFix('sedc01..com')).toBeNull();
  });

  it('a target SPN without HTTP/, in lower case, with a realm, a port or as a URL becomes HTTP/host', () => {
    expect(targetSpnFix('semail01')).toBe('HTTP/semail01');
    expect(targetSpnFix('http/semail01')).toBe('HTTP/semail01');
    expect(targetSpnFix('HOST/semail01')).toBe('HTTP/semail01');
    expect(targetSpnFix('HTTP/semail01@SE.AIRWLAB.COM')).toBe('HTTP/semail01');
    expect(targetSpnFix('HTTP/semail01:443')).toBe('HTTP/semail01');
    expect(targetSpnFix('https://semail01.se.airwlab.com/')).toBe('HTTP/semail01.se.airwlab.com');
    expect(targetSpnFix('HTTP/semail01')).toBeNull();
    expect(targetSpnFix('HTTP/sem ail01')).toBeNull();
  });

  it('an account typed with its domain becomes the pre-Windows 2000 name', () => {
    expect(accountNameFix('SE\\aw_KCDsvc')).toBe('aw_KCDsvc');
    expect(accountNameFix('aw_KCDsvc@se.airwlab.com')).toBe('aw_KCDsvc');
    expect(accountNameFix('aw_KCDsvc')).toBeNull();
  });

  it('a host typed as a URL or with a port becomes the host', () => {
    expect(hostNameFix('https://semail01.se.airwlab.com/Microsoft-Server-ActiveSync')).toBe('semail01.se.airwlab.com');
    expect(hostNameFix('semail01.se.airwlab.com:443')).toBe('semail01.se.airwlab.com');
    expect(hostNameFix('semail01.se.airwlab.com')).toBeNull();
  });

  it('an API server without https:// or with a path becomes its origin, the port kept', () => {
    expect(apiUrlFix('as1506.awmdm.com')).toBe('https://as1506.awmdm.com');
    expect(apiUrlFix('https://as1506.awmdm.com/api/help')).toBe('https://as1506.awmdm.com');
    expect(apiUrlFix('http://uem.se.airwlab.com:8443/api')).toBe('https://uem.se.airwlab.com:8443');
    expect(apiUrlFix('https://as1506.awmdm.com')).toBeNull();
  });
});

describe('the target SPN checked against the email server (issue 20, item 7)', () => {
  it('offers HTTP/ and the email host without its domain when the SPN names another host', () => {
    expect(spnCrossCheck('HTTP/semail01', email({ host: 'semail02.se.airwlab.com' }))).toEqual({ spn: 'HTTP/semail02', host: 'semail02.se.airwlab.com' });
  });

  it('accepts the short and the full name of the same host, in any case', () => {
    expect(spnCrossCheck('HTTP/semail01', email({ host: 'semail01.se.airwlab.com' }))).toBeNull();
    expect(spnCrossCheck('HTTP/SEMAIL01.se.airwlab.com', email({ host: 'semail01.se.airwlab.com' }))).toBeNull();
  });

  it("with a CAS array, the SPN names the array's host, not the server's", () => {
    const cas = email({ host: 'semail01.se.airwlab.com', casArray: { enabled: true, fqdn: 'mail.se.airwlab.com' } });
    expect(spnCrossCheck('HTTP/semail01', cas)).toEqual({ spn: 'HTTP/mail', host: 'mail.se.airwlab.com' });
    expect(spnCrossCheck('HTTP/mail', cas)).toBeNull();
  });

  it('says nothing while either side is missing, malformed or an address', () => {
    expect(spnCrossCheck('', email({ host: 'semail01.se.airwlab.com' }))).toBeNull();
    expect(spnCrossCheck('semail01', email({ host: 'semail02.se.airwlab.com' }))).toBeNull();
    expect(spnCrossCheck('HTTP/semail01', email({ host: '' }))).toBeNull();
    expect(spnCrossCheck('HTTP/semail01', email({ host: '10.1.2.3' }))).toBeNull();
  });
});
