import { describe, expect, it } from 'vitest';
import { certificates, type CertificatesFacts } from '../../../../app/checks/input/certificates';
import { recordedFacts } from '../../../support/facts';

const healthy = recordedFacts<CertificatesFacts>('healthy', 'input.certificates');

describe('input.certificates', () => {
  it('passes on the root and device certificate of the lab', () => {
    expect(certificates.judge(healthy)).toEqual({ status: 'pass', evidence: ['certificates.roots: valid', 'certificates.deviceCertificate: valid'] });
  });

  it('fails without a root CA', () => {
    const outcome = certificates.judge({ ...healthy, roots: 0 });
    expect(outcome.evidence).toEqual(['certificates.roots: Add the root CA certificate that issued the device certificates']);
  });

  it('fails without a device certificate, in the Certificates step', () => {
    const outcome = certificates.judge({ ...healthy, deviceCertificateGiven: false });
    expect(outcome.status === 'fail' && outcome.remedy).toBe('In the Certificates step: Add a sample device certificate (its private key is not needed).');
  });
});
