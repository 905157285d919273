import { KRB_ERR } from '../../kerberos/constants';
import { s4u2proxy } from '../../kerberos/client/s4u';
import { servicePrincipal } from '../../kerberos/messages/principal';
import { nativeArg } from '../../scripts/quote';
import { defineCheck } from '../define';
import type { CheckContext } from '../types';
import { KRB_S4U2PROXY, KRB_S4U2SELF, KRB_TGT } from './artifacts';
import { delegationFacts } from './delegation-facts';
import { diagnoseDelegation, type DelegationFacts } from './delegation-diagnosis';
import { commandFor, fail, failureEvidence, failureFacts, type FailureFacts } from './failure-facts';
import { forwardable, serviceText, ticketEvidence, ticketFacts, type TicketFacts } from './ticket-facts';

/** What S4U2Proxy asked for, with which S4U2Self ticket as evidence. */
interface S4u2ProxyRequest {
  readonly targetSpn: string;
  readonly evidenceClient: string;
  readonly evidenceService: string;
}

export type S4u2ProxyFacts =
  | { readonly outcome: 'no-evidence-ticket' }
  | (S4u2ProxyRequest & {
      readonly outcome: 'refused';
      readonly failure: FailureFacts;
      /** As the settings give it, for the command; and the KDC that refused. */
      readonly serviceAccount: string;
      readonly kdcHost: string;
    })
  /** KDC_ERR_BADOPTION: the KDC will not delegate to the target; the directory says why. */
  | (S4u2ProxyRequest & { readonly outcome: 'delegation-refused'; readonly failure: FailureFacts; readonly delegation: DelegationFacts })
  | (S4u2ProxyRequest & { readonly outcome: 'issued'; readonly ticket: TicketFacts });

async function gather(ctx: CheckContext): Promise<S4u2ProxyFacts> {
  const tgt = ctx.artifact(KRB_TGT);
  const self = ctx.artifact(KRB_S4U2SELF);
  if (!tgt || !self) return { outcome: 'no-evidence-ticket' };
  const targetSpn = ctx.settings.kcd.targetSpn.trim();
  const r = await s4u2proxy({ tgt, evidence: self.credential, targetSpn: servicePrincipal(targetSpn), timeoutMs: ctx.stepTimeoutMs, signal: ctx.signal });
  const evidence = ticketFacts(self.credential);
  const request = { targetSpn, evidenceClient: evidence.client, evidenceService: serviceText(evidence) };
  if (!r.ok) {
    const failure = failureFacts(r.error);
    if (r.error.krbError?.errorCode === KRB_ERR.BADOPTION) {
      return { outcome: 'delegation-refused', ...request, failure, delegation: await delegationFacts(ctx, self.upn, forwardable(evidence)) };
    }
    return { outcome: 'refused', ...request, failure, serviceAccount: ctx.settings.kcd.serviceAccount, kdcHost: tgt.kdc.host };
  }
  ctx.provide(KRB_S4U2PROXY, r.value.credential);
  return { outcome: 'issued', ...request, ticket: ticketFacts(r.value.credential) };
}

export const krbS4u2proxy = defineCheck<S4u2ProxyFacts>({
  id: 'krb.s4u2proxy',
  title: 'S4U2Proxy for that user to the target SPN succeeds',
  dependsOn: ['krb.s4u2self', 'input.target-spn'],
  network: true,
  gather,
  judge(facts) {
    if (facts.outcome === 'no-evidence-ticket') return { status: 'skip', reason: 'no S4U2Self ticket to use as evidence' };
    const head = [`target SPN: ${facts.targetSpn}`, `evidence ticket: ${facts.evidenceClient} to ${facts.evidenceService}`];
    if (facts.outcome === 'issued') return { status: 'pass', evidence: [...head, ...ticketEvidence(facts.ticket)] };
    const evidence = [...head, ...failureEvidence(facts.failure)];
    if (facts.outcome === 'delegation-refused') {
      const d = diagnoseDelegation(facts.delegation);
      return fail([...evidence, ...d.findings], d.remedy, d.command);
    }
    if (facts.failure.krbError?.errorCode === KRB_ERR.S_PRINCIPAL_UNKNOWN) {
      return fail(
        evidence,
        `No single account holds ${facts.targetSpn}: register it on the Exchange server's computer account (or the ASA), and remove any duplicate.`,
        `setspn -Q ${nativeArg(facts.targetSpn)}`,
      );
    }
    return fail(evidence, facts.failure.remedy ?? 'See the error above.', commandFor(facts.failure.code, facts.serviceAccount, facts.kdcHost));
  },
});
