import { describe, expect, it } from 'vitest';
import { deriveCaWebHost } from '../../../app/scripts/ca-web-host';

const none = { cdp: [], caIssuers: [] };

describe('deriveCaWebHost', () => {
  it('takes the host of the device certificate’s http:// CDP first: it is the issuing CA’s own publication point', () => {
    expect(
      deriveCaWebHost({
        device: { cdp: ['ldap:///CN=Issuing,CN=CDP', 'http://pki.se.airwlab.com/CertEnroll/Issuing.crl'], caIssuers: ['http://other.example/x.crt'] },
        intermediates: [{ cdp: ['http://root-pki.example/root.crl'], caIssuers: [] }],
      }),
    ).toEqual({ host: 'pki.se.airwlab.com', from: 'the CRL distribution point of the device certificate' });
  });

  it('falls back to the AIA, then to the intermediate CA certificate, and never to https:// or ldap://', () => {
    expect(deriveCaWebHost({ device: { cdp: ['ldap:///CN=x'], caIssuers: ['http://ca01.se.airwlab.com/CertEnroll/x.crt'] }, intermediates: [] })).toEqual({
      host: 'ca01.se.airwlab.com',
      from: 'the AIA of the device certificate',
    });
    expect(deriveCaWebHost({ device: null, intermediates: [{ cdp: ['https://tls.example/r.crl', 'http://root.example/r.crl'], caIssuers: [] }] })).toEqual({
      host: 'root.example',
      from: 'the CRL distribution point of the intermediate CA certificate',
    });
    expect(deriveCaWebHost({ device: { cdp: ['https://tls.example/r.crl', 'not a url'], caIssuers: ['ldap:///CN=AIA'] }, intermediates: [none] })).toBeNull();
  });
});
