import type { CheckDefinition } from '../types';
import { EXPORT_CA_CERTIFICATE } from './ca-commands';
import { certLine, when } from '../../pki/describe';
import { Findings } from './findings';
import { chainOf } from './pki-run';
import { pkiInputs } from '../run/pki-inputs';

export const chainCheck: CheckDefinition = {
  id: 'pki.chain',
  title: 'Certificate chain builds to the given root',
  dependsOn: ['input.certificates'],
  network: true,
  async run(ctx) {
    const inputs = await pkiInputs(ctx);
    const f = new Findings();
    for (const p of inputs.problems.filter((x) => x.field !== 'certificates.deviceCertificate')) {
      f.fail(p.error.message, p.error.remedy ?? 'Choose the CA certificate files again in the Certificates step.');
    }
    const chain = await chainOf(ctx);
    if (chain === null) return { status: 'skip', reason: 'no readable device certificate (see pki.device-cert)' };
    const now = Date.now();
    chain.certificates.forEach((cert, i) => {
      const from = chain.fetched.get(cert);
      const role = i === 0 ? 'device' : cert.summary.selfIssued ? 'root' : 'CA';
      f.see(`${i}: ${role} ${certLine(cert)}${from === undefined ? '' : `, fetched from AIA ${from}`}`);
      if (i > 0 && !cert.summary.isCa) {
        f.fail(`${cert.summary.subject} signed the certificate below it but is not a CA (basicConstraints)`, 'Re-issue the CA certificate with basicConstraints CA:TRUE.');
      }
      if (i > 0 && (Date.parse(cert.summary.notAfter) <= now || Date.parse(cert.summary.notBefore) > now)) {
        f.fail(`${cert.summary.subject} is outside its validity (${when(cert.summary.notBefore)} to ${when(cert.summary.notAfter)})`, 'Renew the CA certificate and re-issue the certificates below it.');
      }
    });
    for (const note of chain.notes) f.see(note);
    const end = chain.end;
    if (end.kind === 'given-root') {
      f.see(`ends at the given root ${end.root.summary.subject}; every signature verifies`);
    } else if (end.kind === 'other-root') {
      const given = inputs.roots.map((r) => r.summary.subject).join('; ') || 'none';
      f.fail(
        `the chain ends at root ${end.root.summary.subject} (SHA-256 ${end.root.summary.sha256Fingerprint}), which is not among the roots given (${given})`,
        'Either add this root in the Certificates step (if it is your enterprise root CA), or the device certificate comes from a different PKI than the one the SEG trusts: use a certificate issued by your CA.',
        EXPORT_CA_CERTIFICATE,
      );
    } else {
      const missing = end.last.summary.issuer;
      const aia = end.last.summary.aia.caIssuers;
      f.fail(
        `no issuer found for ${end.last.summary.subject}: missing CA certificate "${missing}"${aia.length === 0 ? ' (the certificate has no AIA URL)' : ` (AIA: ${aia.join(', ')})`}`,
        `Add the certificate of "${missing}" under intermediates (or roots) in the Certificates step, and publish it at an HTTP AIA location so that the SEG can fetch it.`,
        EXPORT_CA_CERTIFICATE,
      );
    }
    return f.outcome();
  },
};
