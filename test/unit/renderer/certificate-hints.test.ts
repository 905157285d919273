import { expect, test } from 'vitest';
import type { CertificateSummary } from '../../../app/contract/core-api';
import { certificateHints } from '../../../renderer/wizard/certificate-hints';

const NOW = Date.parse('2026-06-01T00:00:00Z');

function summary(overrides: Partial<CertificateSummary>): CertificateSummary {
  return {
    subject: 'CN=alice',
    issuer: 'CN=SE Issuing CA',
    serialNumber: '01',
    notBefore: '2026-01-01T00:00:00Z',
    notAfter: '2027-01-01T00:00:00Z',
    san: { upn: ['alice@se.airwlab.com'], email: ['alice@se.airwlab.com'], dns: [], uri: [], other: [] },
    eku: ['Client Authentication'],
    cdp: [],
    freshestCrl: [],
    aia: { caIssuers: [], ocsp: [] },
    sha256Fingerprint: 'AA',
    isCa: false,
    selfIssued: false,
    keyAlgorithm: 'RSA 2048',
    subjectKeyId: null,
    authorityKeyId: null,
    ...overrides,
  } as CertificateSummary;
}

test('a good device certificate has nothing to say', () => {
  expect(certificateHints('device', summary({}), NOW)).toEqual([]);
});

test('a device certificate without UPN or Client Authentication, or a CA put in its place, is named at once', () => {
  expect(certificateHints('device', summary({ san: { upn: [], email: [], dns: [], uri: [], other: [] } }), NOW)).toEqual([expect.stringContaining('no UPN')]);
  expect(certificateHints('device', summary({ eku: ['Server Authentication'] }), NOW)).toEqual([expect.stringContaining('Client Authentication')]);
  expect(certificateHints('device', summary({ eku: ['Any Purpose'] }), NOW)).toEqual([]);
  expect(certificateHints('device', summary({ isCa: true }), NOW)).toEqual([expect.stringContaining('CA certificate')]);
});

test('a root must be a self-issued CA; every role is told when the certificate is out of its validity', () => {
  expect(certificateHints('root', summary({ isCa: true, selfIssued: true }), NOW)).toEqual([]);
  expect(certificateHints('root', summary({ isCa: true }), NOW)).toEqual([expect.stringContaining('not self-issued')]);
  expect(certificateHints('intermediate', summary({}), NOW)).toEqual([expect.stringContaining('not a CA certificate')]);
  expect(certificateHints('intermediate', summary({ isCa: true, notAfter: '2026-02-01T00:00:00Z' }), NOW)).toEqual(['It has expired.']);
});
