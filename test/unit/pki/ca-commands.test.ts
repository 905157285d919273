import { describe, expect, it } from 'vitest';
import { httpBaseOf, verifyUrlFetch } from '../../../app/checks/pki/ca-commands';

describe('CA commands', () => {
  it('takes the HTTP base of the first http(s) URL', () => {
    expect(httpBaseOf(['ldap:///CN=x', ' http://pki.se.airwlab.com/CertEnroll/ca.crl'])).toBe('http://pki.se.airwlab.com');
    expect(httpBaseOf(['https://[::1]:8443/x.crl'])).toBe('https://[::1]:8443');
    expect(httpBaseOf([])).toBe('http://<pki host>');
  });

  it('puts no host into the cmd line that could end its quoted string or expand', () => {
    expect(httpBaseOf(['http://a"&calc&"/x.crl', 'http://pki%PATH%/x.crl'])).toBe('http://<pki host>');
  });

  it('quotes a certificate file name that is not plain', () => {
    expect(verifyUrlFetch('device.cer')).toBe('certutil -verify -urlfetch device.cer');
    expect(verifyUrlFetch('my device.cer')).toBe("certutil -verify -urlfetch 'my device.cer'");
  });
});
