import { inputCheck } from './input-rule';

/** What the rule reads of the Certificates step: counts and presence (an entry may be a whole inline PEM). */
export interface CertificatesFacts {
  readonly roots: number;
  readonly deviceCertificateGiven: boolean;
}

export const certificates = inputCheck<CertificatesFacts>({
  id: 'input.certificates',
  title: 'Root CA and device certificate',
  where: 'Certificates step',
  read: (s) => ({ roots: s.certificates.roots.length, deviceCertificateGiven: s.certificates.deviceCertificate.trim() !== '' }),
  findings: (f) => [
    { field: 'certificates.roots', problem: f.roots === 0 ? 'Add the root CA certificate that issued the device certificates' : null },
    { field: 'certificates.deviceCertificate', problem: f.deviceCertificateGiven ? null : 'Add a sample device certificate (its private key is not needed)' },
  ],
});
