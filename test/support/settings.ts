import { emptySettings, type Settings } from '../../app/contract/settings';

/**
 * A loopback address nothing listens on: every name of the guide example is pinned to it, so
 * a test that runs network checks on these settings gets a quick "refused" and never sends a
 * packet or a DNS query off the machine.
 */
export const NOWHERE = '127.0.0.254';

/** The vendor guide's example values (product.md), valid for every input check. */
export function guideSettings(): Settings {
  const s = emptySettings();
  return {
    ...s,
    uem: { ...s.uem, apiUrl: 'https://as1506.awmdm.com', user: 'api-admin', tenantCode: 'T3NANT', ignoreTlsErrors: false },
    organizationGroup: { id: '570', name: 'SE Lab', memConfigName: 'SEG-KCD', memConfigId: '' },
    kcd: { targetSpn: 'HTTP/semail01', serviceAccount: 'aw_KCDsvc', domains: [{ realm: 'SE.AIRWLAB.COM', dcHost: 'sedc01' }] },
    email: { ...s.email, host: 'semail01.se.airwlab.com' },
    certificates: { roots: ['root.cer'], intermediates: [], deviceCertificate: 'device.cer' },
    network: {
      hosts: { 'sedc01.se.airwlab.com': NOWHERE, 'semail01.se.airwlab.com': NOWHERE, 'as1506.awmdm.com': NOWHERE, 'pki.se.airwlab.com': NOWHERE },
      dnsServer: '',
      timeoutMs: 5000,
    },
  };
}
