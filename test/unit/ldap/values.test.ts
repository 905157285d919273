import { describe, expect, it } from 'vitest';
import { parseGeneralizedTime } from '../../../app/ldap/root-dse';
import { sidToString } from '../../../app/ldap/sid';
import { fileTimeToDate } from '../../../app/ldap/directory';
import { buffers, integer, text, texts } from '../../../app/ldap/entry';
import { bindNameFor } from '../../../app/checks/run/ad-session';
import { thumbprint } from '../../../app/ldap/certificates';

describe('directory value decoders', () => {
  it('reads rootDSE currentTime and whenCreated (GeneralizedTime)', () => {
    expect(parseGeneralizedTime('20261125155239.0Z')?.toISOString()).toBe('2026-11-25T15:52:39.000Z');
    expect(parseGeneralizedTime('20261125155239Z')?.toISOString()).toBe('2026-11-25T15:52:39.000Z');
    expect(parseGeneralizedTime('20261125155239.25Z')?.toISOString()).toBe('2026-11-25T15:52:39.250Z');
    for (const bad of ['', '2026-11-25T15:52:39Z', '20261325155239.0Z', '20260230120000.0Z', '20261125246000.0Z', '20261125155239.0']) {
      expect(parseGeneralizedTime(bad), bad).toBeNull();
    }
  });

  it('turns a binary objectSid into S-1-5-21-…, and refuses malformed ones', () => {
    const sid = Buffer.from('AQQAAAAAAAUVAAAAevxmPK8an1ffzNWc', 'base64');
    expect(sidToString(sid)).toBe('S-1-5-21-1013382266-1470044847-2631257311');
    expect(sidToString(Buffer.from([1, 1, 0, 0, 0, 0, 0, 5, 18, 0, 0, 0]))).toBe('S-1-5-18');
    expect(sidToString(sid.subarray(0, 10))).toBeNull();
    expect(sidToString(Buffer.from([2, 0, 0, 0, 0, 0, 0, 5]))).toBeNull();
    expect(sidToString(Buffer.alloc(0))).toBeNull();
  });

  it('reads FILETIME values: a date, 0 and "never" as null, junk as undefined', () => {
    expect(fileTimeToDate('134085595329050000')?.toISOString()).toBe('2025-11-25T15:52:12.905Z');
    expect(fileTimeToDate('116444736000000000')?.toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(fileTimeToDate('0')).toBeNull();
    expect(fileTimeToDate('9223372036854775807')).toBeNull();
    expect(fileTimeToDate('-1')).toBeUndefined();
    expect(fileTimeToDate(undefined)).toBeUndefined();
  });

  it('reads entry attributes whatever case the server chose', () => {
    const entry = {
      dn: 'CN=x',
      'msDS-SupportedEncryptionTypes': '24',
      serviceprincipalname: ['HTTP/a', 'HTTP/b'],
      cACertificate: [Buffer.from([1, 2])],
      userAccountControl: 'junk',
    };
    expect(integer(entry, 'msds-supportedencryptiontypes')).toBe(24);
    expect(texts(entry, 'servicePrincipalName')).toEqual(['HTTP/a', 'HTTP/b']);
    expect(text(entry, 'missing')).toBeUndefined();
    expect(buffers(entry, 'cacertificate')).toEqual([Buffer.from([1, 2])]);
    expect(integer(entry, 'userAccountControl')).toBeUndefined();
  });

  it('binds with the implicit UPN, keeping a name the person already qualified', () => {
    expect(bindNameFor('aw_KCDsvc', 'SE.AIRWLAB.COM')).toBe('aw_KCDsvc@SE.AIRWLAB.COM');
    expect(bindNameFor('aw_KCDsvc@corp.example', 'SE.AIRWLAB.COM')).toBe('aw_KCDsvc@corp.example');
    expect(bindNameFor('SE\\aw_KCDsvc', 'SE.AIRWLAB.COM')).toBe('SE\\aw_KCDsvc');
  });

  it('shows thumbprints as certutil does', () => {
    expect(thumbprint(Buffer.from('abc'))).toBe('A9993E364706816ABA3E25717850C26C9CD0D89D');
  });
});
