import { describe, expect, it } from 'vitest';
import { resolveNames } from './names';
import { opensslTime } from './pki';
import { fileTime } from './scenarios';

describe('lab names are parameters, checked before anything starts', () => {
  it('defaults to the guide: SE.AIRWLAB.COM, sedc01, semail01, aw_KCDsvc', () => {
    const n = resolveNames();
    expect(n).toMatchObject({
      realm: 'SE.AIRWLAB.COM',
      domain: 'se.airwlab.com',
      netbios: 'SE',
      baseDn: 'DC=se,DC=airwlab,DC=com',
      dcFqdn: 'sedc01.se.airwlab.com',
      exchangeFqdn: 'semail01.se.airwlab.com',
      serviceAccount: 'aw_KCDsvc',
      casFqdn: 'mail.se.airwlab.com',
    });
  });

  it('derives every name from the options', () => {
    const n = resolveNames({
      realm: 'LAB2.EXAMPLE.TEST',
      dcHost: 'dc7',
      exchangeHost: 'mbx3',
      casHost: 'owa',
      dcAddress: '127.0.9.1',
      webAddress: '127.0.9.2',
    });
    expect(n).toMatchObject({
      netbios: 'LAB2',
      baseDn: 'DC=lab2,DC=example,DC=test',
      dcFqdn: 'dc7.lab2.example.test',
      pkiFqdn: 'pki.lab2.example.test',
      uemFqdn: 'uem.lab2.example.test',
    });
  });

  it.each([
    [{ realm: 'se.airwlab.com' }, /upper-case/],
    [{ realm: 'LOCAL' }, /upper-case DNS name/],
    [{ dcHost: 'sedc01.se.airwlab.com' }, /without the domain/],
    [{ dcAddress: '10.0.0.5' }, /127/],
    [{ dcAddress: '127.0.0.1' }, /other than 127.0.0.1/],
    [{ dcAddress: '127.0.0.300' }, /127/],
    [{ dcAddress: '127.0.5.1', webAddress: '127.0.5.1' }, /different addresses/],
    [{ serviceAccount: 'svc account' }, /sAMAccountName/],
    [{ netbiosDomain: 'MUCH-TOO-LONG-NAME' }, /NetBIOS/],
  ])('refuses %o', (options, why) => {
    expect(() => resolveNames(options)).toThrow(why);
  });
});

describe('time formats the lab writes', () => {
  it('OpenSSL UTCTime and AD FILETIME', () => {
    const t = new Date(Date.UTC(2026, 10, 25, 16, 5, 9));
    expect(opensslTime(t)).toBe('261125160509Z');
    // 1970-01-01 is 11644473600 s after 1601-01-01 (the FILETIME epoch).
    expect(fileTime(new Date(0))).toBe('116444736000000000');
    // Seconds from 1601-01-01 to 2026-11-25T16:05:09Z (Python datetime) times 10^7.
    expect(fileTime(t)).toBe('134400963090000000');
  });
});
