import type { Result } from '../../contract/result';
import { ETYPE, KDC_OPTION, NAME_TYPE } from '../constants';
import { ticketFlagLetters } from '../messages/flags';
import { principalText, type PrincipalName } from '../messages/principal';
import type { CallOptions } from './kdc-call';
import type { Credential } from './credential';
import { localFailure, type KdcFailure } from './failure';
import { s4u2self, type S4uUser } from './s4u';
import { tgsExchange, type TgsResult } from './tgs-exchange';
import type { KdcEndpoint } from './transport';

/** At most this many KDC requests for one S4U2Self across realms (the bound on a chain). */
export const MAX_HOPS = 10;

/** One request of the chain, for evidence: what was asked of which realm's KDC, and what came back. */
export interface S4uHop {
  readonly step: 'cross-realm TGT' | 'S4U2Self';
  readonly realm: string;
  readonly kdc: KdcEndpoint;
  /** The server principal asked for. */
  readonly asked: string;
  /** The ticket got: client -> service [flags], absent when this hop failed. */
  readonly got?: string;
}

export interface CrossRealmS4uParams extends CallOptions {
  /** The service account's TGT in its own realm. */
  readonly tgt: Credential;
  readonly user: S4uUser;
  /** The KDC of a realm, from the settings (kcd.domains): a realm the settings do not name is an error, never a guess. */
  readonly kdcFor: (realm: string) => Promise<Result<KdcEndpoint>>;
  readonly now?: () => Date;
}

export interface CrossRealmS4uResult {
  /** The S4U2Self ticket: the user (of the other realm) to the service, issued by the service's realm. */
  readonly credential: Credential;
  readonly hops: readonly S4uHop[];
}

export type CrossRealmFailure = KdcFailure & { readonly hops: readonly S4uHop[] };

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CrossRealmFailure };

const isTgt = (n: PrincipalName): boolean => n.nameString[0]?.toLowerCase() === 'krbtgt';
const upper = (realm: string): string => realm.toUpperCase();
const got = (c: Credential): string => `${principalText(c.cname, c.crealm)} -> ${principalText(c.sname, c.srealm)} [${ticketFlagLetters(c.flags)}]`;

/**
 * S4U2Self for a user of another realm (MS-SFU §3.1.5.1.1.2, RFC 6806 referrals), as MIT's
 * `kvno -I user@B` does it and MIT's KDC answers it:
 * 1. the service's TGT buys a cross-realm TGT towards the user's realm, following referrals
 *    through intermediate realms;
 * 2. the user's realm is asked for S4U2Self with the service named as an enterprise principal
 *    "svc@HOME": it looks the user up and answers with a referral TGT back towards home that
 *    carries the user;
 * 3. each realm on the way back is asked again the same way, until the service's own realm
 *    issues the ticket: the user to the service, ready for S4U2Proxy at home.
 * Every request is one hop: at most MAX_HOPS, no realm twice in one direction; each failure
 * names its hop and why (no trust, the DC unreachable, a realm the settings do not know).
 */
export async function s4u2selfAcrossRealms(p: CrossRealmS4uParams): Promise<Outcome<CrossRealmS4uResult>> {
  const home = upper(p.tgt.crealm);
  const target = upper(p.user.realm);
  const hops: S4uHop[] = [];
  const fail = (error: KdcFailure): { ok: false; error: CrossRealmFailure } => ({ ok: false, error: { ...error, hops: [...hops] } });
  const hopFailure = (step: S4uHop['step'], realm: string, asked: string, e: KdcFailure): KdcFailure => ({
    ...e,
    message: `Hop ${hops.length} (${step} from ${realm}, asking for ${asked}): ${e.message}`,
  });

  const visit = async (
    step: S4uHop['step'],
    realm: string,
    asked: string,
    seen: Set<string>,
    send: (kdc: KdcEndpoint) => Promise<{ ok: true; value: TgsResult } | { ok: false; error: KdcFailure }>,
  ): Promise<Outcome<Credential>> => {
    if (hops.length >= MAX_HOPS) {
      return fail(
        localFailure(
          's4u2self',
          'KRB_XREALM_TOO_MANY_HOPS',
          `The referral chain for ${principalText(p.user.name, p.user.realm)} is longer than ${MAX_HOPS} requests (last realm ${realm}).`,
          'Check the trusts and [capaths] between the realms: a chain this long is a loop or a misconfiguration.',
        ),
      );
    }
    if (seen.has(realm)) {
      return fail(
        localFailure(
          's4u2self',
          'KRB_XREALM_LOOP',
          `The referrals lead back to ${realm}, already visited on this way (${[...seen].join(' -> ')} -> ${realm}).`,
          'Check the trusts between these realms: the KDCs refer in a circle.',
        ),
      );
    }
    seen.add(realm);
    const kdc = await p.kdcFor(realm);
    if (!kdc.ok) {
      hops.push({ step, realm, kdc: { host: '(unknown)', address: '', port: 0 }, asked });
      return fail(
        hopFailure(
          step,
          realm,
          asked,
          localFailure(
            's4u2self',
            'KRB_XREALM_NO_KDC',
            `The way to ${principalText(p.user.name, p.user.realm)} passes through the realm ${realm}, and the settings name no domain controller for it: ${kdc.error.message}`,
            `Add ${realm} under KCD (kcd.domains) with the host name of one of its domain controllers.`,
          ),
        ),
      );
    }
    const r = await send(kdc.value);
    hops.push({ step, realm, kdc: kdc.value, asked, ...(r.ok ? { got: got(r.value.credential) } : {}) });
    if (!r.ok) return fail(hopFailure(step, realm, asked, explain(step, realm, home, target, r.error)));
    return { ok: true, value: r.value.credential };
  };

  // 1. A cross-realm TGT to the user's realm.
  let tgt = p.tgt;
  let realm = home;
  const outbound = new Set<string>();
  while (!(isTgt(tgt.sname) && upper(tgt.sname.nameString[1] ?? '') === target)) {
    const asked = `krbtgt/${target}@${realm}`;
    const from = tgt;
    const at = realm;
    const r = await visit('cross-realm TGT', at, asked, outbound, (kdc) =>
      tgsExchange({
        ...p,
        tgt: from,
        kdc,
        realm: at,
        sname: { nameType: NAME_TYPE.SRV_INST, nameString: ['krbtgt', target] },
        kdcOptions: [KDC_OPTION.FORWARDABLE, KDC_OPTION.RENEWABLE, KDC_OPTION.CANONICALIZE],
        etypes: ETYPES,
        stage: 's4u2self',
        referralOk: true,
      }),
    );
    if (!r.ok) return r;
    if (!isTgt(r.value.sname))
      return fail(
        localFailure(
          's4u2self',
          'KRB_XREALM_BAD_REFERRAL',
          `${at} answered a request for ${asked} with a ticket for ${principalText(r.value.sname, r.value.srealm)}.`,
        ),
      );
    tgt = r.value;
    realm = upper(r.value.sname.nameString[1] ?? '');
  }

  // 2-3. S4U2Self in the user's realm, then back along the referrals to the service's realm.
  const service = p.tgt.cname;
  const inbound = new Set<string>();
  realm = target;
  for (;;) {
    const atHome = realm === home;
    const sname: PrincipalName = atHome ? service : { nameType: NAME_TYPE.ENTERPRISE, nameString: [`${service.nameString.join('/')}@${home}`] };
    const from = tgt;
    const at = realm;
    const r = await visit('S4U2Self', at, principalText(sname, at), inbound, (kdc) => s4u2self({ ...p, tgt: from, hop: { sname, realm: at, kdc } }));
    if (!r.ok) return r;
    if (!isTgt(r.value.sname)) {
      if (!atHome)
        return fail(
          localFailure('s4u2self', 'KRB_XREALM_BAD_REFERRAL', `${at} issued ${got(r.value)} itself instead of referring the request back to ${home}.`),
        );
      return { ok: true, value: { credential: r.value, hops } };
    }
    tgt = r.value;
    realm = upper(r.value.sname.nameString[1] ?? '');
  }
}

const ETYPES = [ETYPE.AES256_CTS_HMAC_SHA1_96, ETYPE.AES128_CTS_HMAC_SHA1_96, ETYPE.RC4_HMAC];

/** The KDC's refusal in the words of the hop it happened at. */
function explain(step: S4uHop['step'], realm: string, home: string, target: string, e: KdcFailure): KdcFailure {
  if (e.code === 'KRB_KDC_UNREACHABLE' || e.code === 'KRB_KDC_TIMEOUT') {
    return { ...e, remedy: `The domain controller of ${realm} must be reachable from the SEG on TCP 88 for users of ${target}. ${e.remedy ?? ''}`.trim() };
  }
  if (step === 'cross-realm TGT' && e.code === 'KRB_KDC_ERR_S_PRINCIPAL_UNKNOWN') {
    return {
      ...e,
      code: 'KRB_XREALM_NO_TRUST',
      remedy: `${realm} has no trust towards ${target} (no krbtgt/${target}@${realm}): create the trust between the domains (or the forests), or check [capaths] when the path goes through another domain.`,
    };
  }
  if (step === 'S4U2Self' && realm === home && e.code === 'KRB_KDC_ERR_C_PRINCIPAL_UNKNOWN') {
    return {
      ...e,
      code: 'KRB_XREALM_S4U_REFUSED',
      remedy: `The KDC of ${home} does not take the user from the referral of ${target}: it looks the impersonated user up only in its own database. Such a KDC (Samba's, older Windows) cannot do protocol transition for users of another domain; the user must be in ${home}, or the KDC must support cross-realm S4U2Self (Windows Server 2003 forest trusts and later, MIT 1.17+).`,
    };
  }
  return e;
}
