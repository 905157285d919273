import { CKSUMTYPE, ETYPE, KDC_OPTION, KEY_USAGE, NAME_TYPE, PA_TYPE } from '../constants';
import { makeChecksum } from '../crypto/registry';
import { encodePaForUser, paForUserChecksumInput } from '../messages/pa-for-user';
import type { PaData } from '../messages/common';
import { principalText, type PrincipalName } from '../messages/principal';
import type { CallOptions } from './kdc-call';
import type { Credential } from './credential';
import { localFailure, type KrbResult } from './failure';
import { tgsExchange, type TgsResult } from './tgs-exchange';
import type { KdcEndpoint } from './transport';

const AUTH_PACKAGE = 'Kerberos';
const DEFAULT_ETYPES = [ETYPE.AES256_CTS_HMAC_SHA1_96, ETYPE.AES128_CTS_HMAC_SHA1_96, ETYPE.RC4_HMAC];

/** The user S4U2Self asks for: from the certificate's UPN, never a password. */
export interface S4uUser {
  readonly name: PrincipalName;
  readonly realm: string;
}

/**
 * The user named by a UPN. When the UPN's suffix is the realm, the name part goes as an
 * NT-PRINCIPAL, as MIT `kvno -U` sends it, so the tickets name the user the way the KDC and
 * the server expect (Samba keeps an enterprise name as given instead of canonicalizing it).
 * Any other suffix goes as one NT-ENTERPRISE component (RFC 6806 §5) for the KDC to map.
 */
export function userFromUpn(upn: string, realm: string): S4uUser {
  const at = upn.lastIndexOf('@');
  const suffix = at < 0 ? '' : upn.slice(at + 1);
  if (at > 0 && suffix.toUpperCase() === realm.toUpperCase()) {
    return { name: { nameType: NAME_TYPE.PRINCIPAL, nameString: [upn.slice(0, at)] }, realm };
  }
  return { name: { nameType: NAME_TYPE.ENTERPRISE, nameString: [upn] }, realm };
}

export interface S4u2SelfParams extends CallOptions {
  readonly tgt: Credential;
  readonly user: S4uUser;
  readonly now?: () => Date;
  /**
   * One hop of a cross-realm S4U2Self (cross-realm-s4u.ts): the service's name as asked of
   * that realm, the realm, its KDC, and a referral TGT as a valid answer. Default: the
   * service itself at home.
   */
  readonly hop?: { readonly sname: PrincipalName; readonly realm: string; readonly kdc: KdcEndpoint };
}

/**
 * S4U2Self (MS-SFU §3.1.5.1.1): a TGS-REQ to the service itself with PA-FOR-USER. Its checksum
 * is HMAC-MD5 keyed with the TGT session key whatever that key's type (MS-SFU §2.2.1; Heimdal
 * mssfu.c accepts it; lab-notes).
 */
export async function s4u2self(p: S4u2SelfParams): Promise<KrbResult<TgsResult>> {
  const key = p.tgt.sessionKey;
  const padata: PaData[] = [];
  const cksum = makeChecksum(CKSUMTYPE.HMAC_MD5, key, KEY_USAGE.PA_FOR_USER_CKSUM, paForUserChecksumInput(p.user.name, p.user.realm, AUTH_PACKAGE));
  padata.push({
    type: PA_TYPE.FOR_USER,
    value: encodePaForUser({
      userName: p.user.name,
      userRealm: p.user.realm,
      cksum: { cksumtype: CKSUMTYPE.HMAC_MD5, checksum: cksum },
      authPackage: AUTH_PACKAGE,
    }),
  });
  return tgsExchange({
    ...p,
    sname: p.tgt.cname,
    ...(p.hop === undefined ? {} : { ...p.hop, referralOk: true }),
    kdcOptions: [KDC_OPTION.FORWARDABLE, KDC_OPTION.RENEWABLE, KDC_OPTION.CANONICALIZE],
    padata,
    etypes: DEFAULT_ETYPES,
    stage: 's4u2self',
  });
}

export interface S4u2ProxyParams extends CallOptions {
  readonly tgt: Credential;
  /** The ticket S4U2Self returned: the evidence that the user authenticated. */
  readonly evidence: Credential;
  readonly targetSpn: PrincipalName;
  readonly now?: () => Date;
}

/**
 * S4U2Proxy (MS-SFU §3.1.5.2.1): a TGS-REQ for the target SPN with cname-in-addl-tkt and the
 * S4U2Self ticket as the additional ticket. PA-PAC-OPTIONS is not needed (lab-notes).
 * The ticket must name the evidence ticket's user (§3.2.5.2.2): one for anybody else, the
 * service account itself say, would prove delegation of the wrong identity.
 */
export async function s4u2proxy(p: S4u2ProxyParams): Promise<KrbResult<TgsResult>> {
  const r = await tgsExchange({
    ...p,
    sname: p.targetSpn,
    kdcOptions: [KDC_OPTION.FORWARDABLE, KDC_OPTION.RENEWABLE, KDC_OPTION.CANONICALIZE, KDC_OPTION.CNAME_IN_ADDL_TKT],
    additionalTickets: [p.evidence.ticket],
    etypes: DEFAULT_ETYPES,
    stage: 's4u2proxy',
  });
  if (!r.ok) return r;
  const got = principalText(r.value.credential.cname, r.value.credential.crealm);
  const user = principalText(p.evidence.cname, p.evidence.crealm);
  if (got.toLowerCase() === user.toLowerCase()) return r;
  return {
    ok: false,
    error: localFailure(
      's4u2proxy',
      'KRB_S4U_WRONG_CLIENT',
      `The KDC issued the ticket to ${principalText(p.targetSpn)} for ${got}, not for the user of the S4U2Self ticket, ${user}.`,
      "The KDC did not honour cname-in-addl-tkt: check that it is a domain controller of the service account's domain, and see its System event log for the KDC's reason.",
    ),
  };
}
