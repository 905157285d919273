import { inspectTls, type TlsInspection } from '../../eas/tls-inspect';
import { defineCheck } from '../define';
import { runTlsSessions } from '../run/tls-sessions';
import type { CheckContext } from '../types';
import {
  gatherTarget,
  isUnresolved,
  noAnswer,
  noAnswerOutcome,
  unresolvedOutcome,
  where,
  type EasTargetFacts,
  type NoAnswer,
  type UnresolvedTarget,
} from './target-facts';

/** Node's code for a certificate that does not name the host it was reached by (tls.checkServerIdentity). */
const NAME_MISMATCH = 'ERR_TLS_CERT_ALTNAME_INVALID';

export type EasTlsFacts = UnresolvedTarget | NoAnswer | { readonly outcome: 'inspected'; readonly target: EasTargetFacts; readonly tls: TlsInspection };

async function gather(ctx: CheckContext): Promise<EasTlsFacts> {
  const t = await gatherTarget(ctx);
  if (isUnresolved(t)) return t;
  const seen = await inspectTls(t.target, ctx.stepTimeoutMs, ctx.signal, await runTlsSessions(ctx));
  return seen.ok ? { outcome: 'inspected', target: t.facts, tls: seen.value } : noAnswer(t.facts, seen.error);
}

export const easTls = defineCheck<EasTlsFacts>({
  id: 'eas.tls',
  title: 'Email server TLS certificate',
  network: true,
  notApplicable: (s) => (s.email.tls ? null : 'TLS is off (email.tls): the SEG talks to Exchange over plain HTTP'),
  gather,
  judge(facts) {
    if (facts.outcome === 'unresolved') return unresolvedOutcome(facts);
    if (facts.outcome === 'no-answer') return noAnswerOutcome(facts, 'Check that the port serves HTTPS.');
    const { target: t, tls } = facts;
    const leaf = tls.chain[0];
    const evidence = [
      where(t),
      `protocol: ${tls.protocol ?? 'unknown'}`,
      ...tls.chain.map(
        (c, i) =>
          `${i === 0 ? 'certificate' : `issuer ${i}`}: ${c.subject} (issued by ${c.issuer}; valid ${c.validFrom.slice(0, 10)} to ${c.validTo.slice(0, 10)})`,
      ),
      `names on the certificate: ${leaf?.dnsNames.join(', ') || 'none (no subjectAltName)'}`,
    ];
    // Node reports a name the certificate lacks as the authorization error too, once the chain itself verified.
    const nameError = tls.nameError ?? (tls.trustError === NAME_MISMATCH ? tls.trustError : null);
    if (tls.trustError !== null && tls.trustError !== NAME_MISMATCH) {
      const expired = tls.trustError === 'CERT_HAS_EXPIRED';
      return {
        status: 'fail',
        evidence: [...evidence, `not trusted: ${tls.trustError}`],
        remedy: expired
          ? `The certificate of ${t.host} has expired: renew it on Exchange and bind the new one to the site in IIS.`
          : `The certificate of ${t.host} does not chain to a trusted root (${tls.trustError}). Add its root CA in the Certificates step and to the SEG's Trusted Root Certification Authorities store, or let Exchange present the full chain.`,
        command: 'certutil -addstore -f Root root.cer',
      };
    }
    if (nameError !== null) {
      const names = leaf?.dnsNames.join(', ') || 'none (it has no subjectAltName)';
      return {
        status: 'fail',
        evidence: [...evidence, `name mismatch: ${nameError}`],
        remedy: `The SEG connects to "${t.host}", but the certificate does not name it: it names ${names}. Either set email.host to a name the certificate carries, or issue Exchange a certificate whose subjectAltName includes ${t.host}.`,
      };
    }
    if (tls.expiresInDays < 30) {
      return {
        status: 'warn',
        evidence: [...evidence, `expires in ${tls.expiresInDays} days`],
        remedy: `Renew the certificate of ${t.host} before it expires; the SEG stops reaching Exchange the moment it does.`,
      };
    }
    return { status: 'pass', evidence: [...evidence, `${tls.vouchedBy ?? 'trusted'}, names ${t.host}, expires in ${tls.expiresInDays} days`] };
  },
});
