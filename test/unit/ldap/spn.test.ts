import { describe, expect, it } from 'vitest';
import { nearMisses, parseSpn, sameSpn, spnForms } from '../../../app/ldap/spn';

describe('SPNs', () => {
  it('parses class/host[:port][/service]', () => {
    expect(parseSpn('HTTP/semail01')).toEqual({ serviceClass: 'HTTP', host: 'semail01' });
    expect(parseSpn('MSSQLSvc/db.corp:1433')).toEqual({ serviceClass: 'MSSQLSvc', host: 'db.corp', port: 1433 });
    expect(parseSpn('ldap/dc01.corp/corp.com')).toEqual({ serviceClass: 'ldap', host: 'dc01.corp', serviceName: 'corp.com' });
    expect(parseSpn('HTTP')).toBeNull();
    expect(parseSpn('HTTP/')).toBeNull();
    expect(parseSpn('HTTP/a b')).toBeNull();
  });

  it('compares without case, as AD does', () => {
    expect(sameSpn('http/SEMAIL01.se.airwlab.com', 'HTTP/semail01.SE.AIRWLAB.COM')).toBe(true);
    expect(sameSpn('HTTP/semail01', 'HTTP/semail01.se.airwlab.com')).toBe(false);
  });

  it('gives the short and the FQDN form from either', () => {
    expect(spnForms('HTTP/semail01', 'SE.AIRWLAB.COM')).toEqual(['HTTP/semail01', 'HTTP/semail01.se.airwlab.com']);
    expect(spnForms('HTTP/semail01.se.airwlab.com', 'se.airwlab.com')).toEqual(['HTTP/semail01', 'HTTP/semail01.se.airwlab.com']);
    expect(spnForms('HTTP/mail.other.org', 'se.airwlab.com')).toEqual(['HTTP/mail', 'HTTP/mail.other.org']);
    expect(spnForms('HTTP/semail01:8443', 'se.airwlab.com')).toEqual(['HTTP/semail01:8443', 'HTTP/semail01.se.airwlab.com:8443']);
  });

  it('lists near misses: same short host, other class, port or domain', () => {
    const wanted = spnForms('HTTP/semail01', 'se.airwlab.com');
    const values = ['http/SEMAIL01', 'HOST/semail01', 'HTTP/semail01.corp.local', 'HTTP/semail01:443', 'HTTP/semail02', 'HTTP/other.se.airwlab.com', 'garbage'];
    expect(nearMisses(values, wanted)).toEqual(['HOST/semail01', 'HTTP/semail01.corp.local', 'HTTP/semail01:443']);
  });
});
