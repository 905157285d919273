import { describe, expect, it } from 'vitest';
import type { KeyType } from '../../../fixtures/pki/openssl-pki';
import { ALL_PASS, HOST, servedPki, statuses } from './served-pki';

const served = servedPki();

describe.each<KeyType>(['rsa', 'ec', 'rsa-pss'])('healthy PKI (%s)', (keyType) => {
  it('passes every pki check, fetching the issuing CA from AIA', { timeout: 60_000 }, async () => {
    const pki = served.pkiFor({ keyType });
    served.serve(pki);
    const r = await served.run(pki, pki.devicePem);
    const port = served.server.port;
    expect(statuses(r), JSON.stringify(r, null, 1)).toEqual(ALL_PASS);
    expect(r['pki.chain']?.evidence.join('\n')).toContain(`fetched from AIA http://${HOST}:${port}/CertEnroll/issuing.crt`);
    expect(r['pki.device-cert']?.evidence).toContain('SAN UPN: alice@se.airwlab.com (the user S4U2Self impersonates)');
    expect(served.server.rules.requests).toContain('/CertEnroll/issuing+.crl');
    // Connected to the pinned 127.0.0.1, but the Host header names the CDP host, as the SEG would send it.
    expect(new Set(served.server.rules.hostHeaders)).toEqual(new Set([`${HOST}:${port}`]));
  });
});
