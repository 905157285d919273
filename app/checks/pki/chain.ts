import type { ChainEnd } from '../../pki/chain';
import { EXPORT_CA_CERTIFICATE } from './ca-commands';
import { certLine, when } from '../../pki/describe';
import { Findings } from './findings';
import { chainOf } from './pki-run';
import { pkiInputs } from '../run/pki-inputs';
import { defineCheck } from '../define';
import type { CheckContext } from '../types';
import { certFacts, checkedAt, type CertFacts } from './cert-facts';

export interface ChainFacts {
  readonly now: string;
  /** CA certificate files of the settings that could not be read. */
  readonly problems: readonly { readonly message: string; readonly remedy: string | null }[];
  /** Subjects of the roots the settings give. */
  readonly givenRoots: readonly string[];
  /** null without a readable device certificate. */
  readonly chain: {
    /** Leaf first; with the AIA URL a certificate was fetched from, null when the settings gave it. */
    readonly certificates: readonly { readonly cert: CertFacts; readonly fetchedFrom: string | null }[];
    readonly notes: readonly string[];
    /** How the chain ends, with the root it reached or the last certificate whose issuer is missing. */
    readonly end: { readonly kind: ChainEnd['kind']; readonly cert: CertFacts };
  } | null;
}

async function gather(ctx: CheckContext): Promise<ChainFacts> {
  const inputs = await pkiInputs(ctx);
  const problems = inputs.problems
    .filter((x) => x.field !== 'certificates.deviceCertificate')
    .map((p) => ({ message: p.error.message, remedy: p.error.remedy ?? null }));
  const chain = await chainOf(ctx);
  return {
    now: checkedAt(),
    problems,
    givenRoots: inputs.roots.map((r) => r.summary.subject),
    chain:
      chain === null
        ? null
        : {
            certificates: chain.certificates.map((cert) => ({ cert: certFacts(cert), fetchedFrom: chain.fetched.get(cert) ?? null })),
            notes: chain.notes,
            end: { kind: chain.end.kind, cert: certFacts(chain.end.kind === 'incomplete' ? chain.end.last : chain.end.root) },
          },
  };
}

export const chainCheck = defineCheck<ChainFacts>({
  id: 'pki.chain',
  title: 'Certificate chain builds to the given root',
  dependsOn: ['input.certificates'],
  network: true,
  gather,
  judge(facts) {
    const f = new Findings();
    for (const p of facts.problems) f.fail(p.message, p.remedy ?? 'Choose the CA certificate files again (certificates.roots, certificates.intermediates).');
    const chain = facts.chain;
    const noDevice = 'no readable device certificate (see pki.device-cert)';
    if (chain === null) {
      // An unreadable CA file is this check's own finding, with or without a device certificate to build from.
      if (!f.hasFailure) return { status: 'skip', reason: noDevice };
      f.see(`chain not built: ${noDevice}`);
      return f.outcome();
    }
    const now = Date.parse(facts.now);
    chain.certificates.forEach(({ cert, fetchedFrom }, i) => {
      const role = i === 0 ? 'device' : cert.selfIssued ? 'root' : 'CA';
      f.see(`${i}: ${role} ${certLine(cert)}${fetchedFrom === null ? '' : `, fetched from AIA ${fetchedFrom}`}`);
      if (i > 0 && !cert.isCa) {
        f.fail(
          `${cert.subject} signed the certificate below it but is not a CA (basicConstraints)`,
          'Re-issue the CA certificate with basicConstraints CA:TRUE.',
        );
      }
      if (i > 0 && (Date.parse(cert.notAfter) <= now || Date.parse(cert.notBefore) > now)) {
        f.fail(
          `${cert.subject} is outside its validity (${when(cert.notBefore)} to ${when(cert.notAfter)})`,
          'Renew the CA certificate and re-issue the certificates below it.',
        );
      }
    });
    for (const note of chain.notes) f.see(note);
    const end = chain.end;
    if (end.kind === 'given-root') {
      f.see(`ends at the given root ${end.cert.subject}; every signature verifies`);
    } else if (end.kind === 'other-root') {
      const given = facts.givenRoots.join('; ') || 'none';
      f.fail(
        `the chain ends at root ${end.cert.subject} (SHA-256 ${end.cert.sha256Fingerprint}), which is not among the roots given (${given})`,
        'Either add this root to certificates.roots (if it is your enterprise root CA), or the device certificate comes from a different PKI than the one the SEG trusts: use a certificate issued by your CA.',
        EXPORT_CA_CERTIFICATE,
      );
    } else {
      const missing = end.cert.issuer;
      const aia = end.cert.aia.caIssuers;
      f.fail(
        `no issuer found for ${end.cert.subject}: missing CA certificate "${missing}"${aia.length === 0 ? ' (the certificate has no AIA URL)' : ` (AIA: ${aia.join(', ')})`}`,
        `Add the certificate of "${missing}" under intermediates (or roots) in the Certificates step, and publish it at an HTTP AIA location so that the SEG can fetch it.`,
        EXPORT_CA_CERTIFICATE,
      );
    }
    return f.outcome();
  },
});
