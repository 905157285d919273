import type { Credential } from '../../kerberos/client/credential';
import { s4u2selfAcrossRealms, type S4uHop } from '../../kerberos/client/cross-realm-s4u';
import type { KdcFailure } from '../../kerberos/client/failure';
import { kdcForRealm } from '../../kerberos/client/kdc-address';
import { s4u2self, userFromUpn, type S4uUser } from '../../kerberos/client/s4u';
import { principalText } from '../../kerberos/messages/principal';
import { ldapFilterArg } from '../../scripts/quote';
import { defineCheck } from '../define';
import { openHomeConnections } from '../run/ad-session';
import { deviceUpn } from '../run/device-identity';
import { pkiInputs } from '../run/pki-inputs';
import { lookupMapping, userLookup, type UserLookup } from '../run/user-account';
import type { CheckContext } from '../types';
import { KRB_S4U2SELF, KRB_TGT } from './artifacts';
import { delegationFacts } from './delegation-facts';
import { diagnoseDelegation, type DelegationFacts } from './delegation-diagnosis';
import { commandFor, fail, failureEvidence, failureFacts, type FailureFacts } from './failure-facts';
import { mappingEvidence, realmMapping, type RealmMapping } from './realms';
import { forwardable, ticketEvidence, ticketFacts, type TicketFacts } from './ticket-facts';

/** The user S4U2Self asked for: the certificate's UPN and the principal it was sent as. */
interface S4u2SelfRequest {
  readonly upn: string;
  readonly requestedAs: string;
  readonly realm: string;
  readonly nameType: number;
  /** How the user's realm was chosen (the directory's account, a crossRef, uPNSuffixes, the settings). */
  readonly mapping: RealmMapping;
  /** Why the directory could not be asked, when it could not: the mapping then rests on the settings alone. */
  readonly lookupFailure?: string;
  /** The realm of the UPN's suffix, asked first, when it refused and the directory placed the user elsewhere. */
  readonly firstTry?: FirstTry;
}

/** S4U2Self asked of the realm a kcd.domains row gives the UPN's suffix, and the KDC's refusal code. */
export interface FirstTry {
  readonly realm: string;
  readonly requestedAs: string;
  /** `kcd.domains[i]`. */
  readonly source: string;
  readonly code: string;
}

/** One request of a cross-realm S4U2Self (cross-realm-s4u.ts), as JSON: empty in the service's own realm. */
export interface HopFacts {
  readonly step: S4uHop['step'];
  readonly realm: string;
  readonly kdc: { readonly host: string; readonly address: string; readonly port: number };
  readonly asked: string;
  /** The ticket got (client -> service [flags]); absent when the hop failed. */
  readonly got?: string;
}

export type S4u2SelfFacts =
  | { readonly outcome: 'no-tgt' }
  | { readonly outcome: 'no-device-certificate'; readonly problems: readonly string[] }
  | { readonly outcome: 'no-upn' }
  | (S4u2SelfRequest & {
      readonly outcome: 'refused';
      readonly failure: FailureFacts;
      readonly hops: readonly HopFacts[];
      /** As the settings give it, for the command; and the KDC that refused. */
      readonly serviceAccount: string;
      readonly kdcHost: string;
    })
  | (S4u2SelfRequest & { readonly outcome: 'forwardable'; readonly ticket: TicketFacts; readonly hops: readonly HopFacts[] })
  /** The KDC issued the ticket without FORWARDABLE: the directory says why. */
  | (S4u2SelfRequest & {
      readonly outcome: 'not-forwardable';
      readonly ticket: TicketFacts;
      readonly hops: readonly HopFacts[];
      readonly delegation: DelegationFacts;
    });

const hopFacts = (h: S4uHop): HopFacts => ({
  step: h.step,
  realm: h.realm,
  kdc: { host: h.kdc.host, address: h.kdc.address, port: h.kdc.port },
  asked: h.asked,
  ...(h.got === undefined ? {} : { got: h.got }),
});

type S4uOutcome =
  | { readonly ok: true; readonly value: { readonly credential: Credential; readonly hops: readonly S4uHop[] } }
  | { readonly ok: false; readonly error: KdcFailure & { readonly hops?: readonly S4uHop[] } };

/**
 * S4U2Self in the service's realm, or across the trusts for a user of another realm named in
 * kcd.domains (cross-realm-s4u.ts). Either way the ticket and, across realms, every hop.
 */
async function s4u2selfFor(ctx: CheckContext, tgt: Credential, user: S4uUser): Promise<S4uOutcome> {
  const opts = { timeoutMs: ctx.stepTimeoutMs, signal: ctx.signal };
  if (user.realm.toUpperCase() !== tgt.crealm.toUpperCase())
    return s4u2selfAcrossRealms({ tgt, user, kdcFor: (realm) => kdcForRealm(ctx.settings, realm, opts), ...opts });
  const r = await s4u2self({ tgt, user, ...opts });
  return r.ok ? { ok: true, value: { credential: r.value.credential, hops: [] } } : r;
}

function hopEvidence(hops: readonly HopFacts[]): string[] {
  return hops.map(
    (h, i) =>
      `hop ${i + 1}: ${h.step} from ${h.realm} (KDC ${h.kdc.host}${h.kdc.address === '' ? '' : ` ${h.kdc.address}:${h.kdc.port}`}), asked for ${h.asked}: ${h.got ?? 'failed'}`,
  );
}

/** A request and its outcome, as facts: the ticket (and, without FORWARDABLE, why) or the refusal. */
async function settle(ctx: CheckContext, tgt: Credential, request: S4u2SelfRequest, r: S4uOutcome): Promise<S4u2SelfFacts> {
  if (!r.ok)
    return {
      outcome: 'refused',
      ...request,
      failure: failureFacts(r.error),
      hops: (r.error.hops ?? []).map(hopFacts),
      serviceAccount: ctx.settings.kcd.serviceAccount,
      kdcHost: tgt.kdc.host,
    };
  const cred = r.value.credential;
  ctx.provide(KRB_S4U2SELF, { credential: cred, upn: request.upn });
  const ticket = ticketFacts(cred);
  const hops = r.value.hops.map(hopFacts);
  if (forwardable(ticket)) return { outcome: 'forwardable', ...request, ticket, hops };
  return { outcome: 'not-forwardable', ...request, ticket, hops, delegation: await delegationFacts(ctx, request.upn, false) };
}

function requestFor(upn: string, mapping: RealmMapping, lookup?: UserLookup): { request: S4u2SelfRequest; user: S4uUser } {
  const user = userFromUpn(upn, mapping.realm);
  const request = {
    upn,
    requestedAs: principalText(user.name, user.realm),
    realm: user.realm,
    nameType: user.name.nameType,
    mapping,
    ...(lookup !== undefined && (lookup.read === 'no-bind' || lookup.read === 'failed') ? { lookupFailure: lookup.message } : {}),
  };
  return { request, user };
}

/** S4U2Self in the realm the directory maps the user to, after a refusal in the suffix's realm when there was one. */
async function viaDirectory(
  ctx: CheckContext,
  tgt: Credential,
  upn: string,
  refused?: { readonly firstTry: FirstTry; readonly outcome: S4uOutcome },
): Promise<S4u2SelfFacts> {
  const lookup = await userLookup(ctx);
  const { request, user } = requestFor(upn, lookupMapping(ctx, { ...lookup, upn }), lookup);
  if (refused === undefined) return settle(ctx, tgt, request, await s4u2selfFor(ctx, tgt, user));
  if (request.realm === refused.firstTry.realm) return settle(ctx, tgt, request, refused.outcome);
  return settle(ctx, tgt, { ...request, firstTry: refused.firstTry }, await s4u2selfFor(ctx, tgt, user));
}

/** The settings' realm for the UPN's suffix, when a kcd.domains row names it; null when only the directory can tell. */
function suffixMapping(ctx: Pick<CheckContext, 'settings'>, upn: string): RealmMapping | null {
  const mapping = realmMapping(ctx.settings, upn, [], null);
  return mapping.from === 'settings' ? mapping : null;
}

/**
 * A UPN whose suffix is the realm of a kcd.domains row is asked of that realm's KDC straight
 * away, as the SEG itself asks: the KDC's ticket proves the user is there, and the directory is
 * read only when it refuses (the account may live in another domain under the same suffix).
 * That keeps LDAP off the chain's path (issue 21). Any other suffix (an alternative UPN
 * suffix, say) is looked up in the directory first, which alone can map it.
 */
async function gather(ctx: CheckContext): Promise<S4u2SelfFacts> {
  const tgt = ctx.artifact(KRB_TGT);
  if (!tgt) return { outcome: 'no-tgt' };
  const inputs = await pkiInputs(ctx);
  if (inputs.device === null) return { outcome: 'no-device-certificate', problems: inputs.problems.map((p) => p.error.message) };
  const upn = await deviceUpn(ctx);
  if (upn === null) return { outcome: 'no-upn' };
  const bySuffix = suffixMapping(ctx, upn);
  if (bySuffix === null) return viaDirectory(ctx, tgt, upn);
  const { request, user } = requestFor(upn, bySuffix);
  const outcome = await s4u2selfFor(ctx, tgt, user);
  if (outcome.ok) return settle(ctx, tgt, request, outcome);
  const firstTry = { realm: request.realm, requestedAs: request.requestedAs, source: bySuffix.source, code: outcome.error.code };
  return viaDirectory(ctx, tgt, upn, { firstTry, outcome });
}

export const krbS4u2self = defineCheck<S4u2SelfFacts>({
  id: 'krb.s4u2self',
  title: "S4U2Self for the certificate's user returns a forwardable ticket",
  dependsOn: ['krb.as'],
  network: true,
  applies: (s) => (s.certificates.deviceCertificate.trim() === '' ? 'No sample device certificate is set: its UPN names the user' : null),
  // The certificate's UPN needs no TGT: read with the run, beside the AS exchange. So do the
  // directory's connections when the directory will be read first (see gather). The bind and the
  // lookup wait for krb.as, so that with `--only` a wrong password reaches the DC once
  // (measured: badPwdCount +1, not +2).
  prefetch: async (ctx) => {
    const upn = await deviceUpn(ctx);
    if (upn !== null && suffixMapping(ctx, upn) === null) await openHomeConnections(ctx);
  },
  gather,
  judge(facts) {
    switch (facts.outcome) {
      case 'no-tgt':
        return { status: 'skip', reason: 'krb.as provided no TGT' };
      case 'no-device-certificate':
        return fail(
          ['device certificate: none could be read', ...facts.problems],
          'Give the sample device certificate (PEM, DER or PFX) in certificates.deviceCertificate: its UPN names the user to impersonate.',
        );
      case 'no-upn':
        return fail(
          ['device certificate: no SAN otherName UPN (1.3.6.1.4.1.311.20.2.3)'],
          'The device certificate must carry the user principal name in its Subject Alternative Name: add "User Principal Name" to the SAN of the certificate template in the UEM console.',
        );
    }
    const head = [
      `UPN from the device certificate: ${facts.upn}`,
      mappingEvidence(facts.mapping),
      ...(facts.lookupFailure === undefined ? [] : [`directory not searched for the user: ${facts.lookupFailure}`]),
      ...(facts.firstTry === undefined
        ? []
        : [
            `asked first of ${facts.firstTry.realm}, the realm of the UPN's suffix (${facts.firstTry.source}), as ${facts.firstTry.requestedAs}: ${facts.firstTry.code}`,
          ]),
      `requested as: ${facts.requestedAs} (PA-FOR-USER, name-type ${facts.nameType})`,
    ];
    if (facts.outcome === 'refused') {
      const { failure } = facts;
      const evidence = [...head, ...hopEvidence(facts.hops), ...failureEvidence(failure)];
      // By code, not by the KRB-ERROR: across realms the home KDC's C_PRINCIPAL_UNKNOWN is
      // KRB_XREALM_S4U_REFUSED (a KDC that cannot take the user from a referral), not an unknown UPN.
      if (failure.code === 'KRB_KDC_ERR_C_PRINCIPAL_UNKNOWN') {
        return fail(
          evidence,
          `The KDC knows no user ${facts.upn}: the certificate's UPN must be the userPrincipalName of an account in ${facts.realm}.`,
          `Get-ADUser -LDAPFilter ${ldapFilterArg('userPrincipalName', facts.upn)}`,
        );
      }
      return fail(evidence, failure.remedy ?? 'See the error above.', commandFor(failure.code, facts.serviceAccount, facts.kdcHost));
    }
    const evidence = [...head, ...hopEvidence(facts.hops), ...ticketEvidence(facts.ticket)];
    if (facts.outcome === 'not-forwardable') {
      const d = diagnoseDelegation(facts.delegation);
      return fail([...evidence, ...d.findings], d.remedy, d.command);
    }
    return { status: 'pass', evidence };
  },
});
