import { flagWord } from '../asn1/der-writer';
import { KEY_USAGE, MSG_TYPE, PA_TYPE, etypeName } from '../constants';
import { CryptoError } from '../crypto/types';
import { encType, makeChecksum } from '../crypto/registry';
import { encodeApReq } from '../messages/ap-req';
import { encodeAuthenticator } from '../messages/authenticator';
import type { PaData } from '../messages/common';
import { decode } from '../messages/decode';
import { parseEncKdcRepPart } from '../messages/enc-kdc-rep-part';
import { encodeKdcReq, encodeKdcReqBody } from '../messages/kdc-req';
import type { KdcRep } from '../messages/kdc-rep';
import { principalText, type PrincipalName } from '../messages/principal';
import type { Ticket } from '../messages/ticket';
import { callKdc, type CallOptions } from './kdc-call';
import { credentialFrom, sessionKeyProblem, type Credential } from './credential';
import { atStage, kdcFailure, localFailure, type KdcFailure, type KrbResult } from './failure';
import { replyNameProblem } from './reply-names';
import { authenticatorTime, nonce } from './time';
import type { KdcEndpoint } from './transport';

export interface TgsParams extends CallOptions {
  readonly tgt: Credential;
  readonly sname: PrincipalName;
  /** The realm of the server asked for (KDC-REQ-BODY realm); default the TGT's client realm. */
  readonly realm?: string;
  /** The KDC to ask; default the one that issued the TGT. A cross-realm TGT goes to the other realm's KDC. */
  readonly kdc?: KdcEndpoint;
  /** A referral TGT (RFC 6806) is a valid answer: the caller follows it (cross-realm S4U2Self). */
  readonly referralOk?: boolean;
  readonly kdcOptions: readonly number[];
  /** PA-DATA sent after PA-TGS-REQ (PA-FOR-USER, …). */
  readonly padata?: readonly PaData[];
  readonly additionalTickets?: readonly Ticket[];
  readonly etypes: readonly number[];
  readonly stage: string;
  readonly now?: () => Date;
}

export interface TgsResult {
  readonly credential: Credential;
  readonly rep: KdcRep;
}

/**
 * A cross-realm TGT where another ticket was asked for: the user or the service is in another
 * domain of the forest, and the KDC refers us there (RFC 6806 §8, MS-SFU §3.1.5.1.1.2). Taken
 * for the ticket asked for, it would pass S4U2Self (a referral TGT is forwardable) and prove
 * nothing, so it is said as what it is.
 */
function referralProblem(p: TgsParams, issued: PrincipalName, issuedRealm: string): KdcFailure | null {
  const isTgt = (n: PrincipalName) => n.nameString[0]?.toLowerCase() === 'krbtgt';
  if (!isTgt(issued) || isTgt(p.sname)) return null;
  const to = issued.nameString[1] ?? issuedRealm;
  return localFailure(
    p.stage,
    'KRB_REFERRAL',
    `The KDC of ${p.tgt.crealm} answered with a referral to ${to} (a ticket for ${principalText(issued, issuedRealm)}) instead of a ticket for ${principalText(p.sname)}: that principal is in the domain ${to}, not in ${p.tgt.crealm}.`,
    `Add the domain ${to} under KCD with one of its domain controllers: SEG KCD Setup then follows the referral across the trust (S4U2Self in the user's own domain).`,
  );
}

/**
 * One TGS exchange (RFC 4120 §3.3). The authenticator carries a checksum over the DER of
 * KDC-REQ-BODY, keyed with the TGT session key, usage 6: Samba 4.17 answers
 * KRB_AP_ERR_INAPP_CKSUM without it (lab-notes). No subkey, so the reply is under usage 8.
 */
export async function tgsExchange(p: TgsParams): Promise<KrbResult<TgsResult>> {
  const now = p.now ?? (() => new Date());
  const start = now();
  const sentNonce = nonce();
  const bodyDer = encodeKdcReqBody({
    kdcOptions: flagWord(p.kdcOptions),
    realm: p.realm ?? p.tgt.crealm,
    sname: p.sname,
    till: new Date(start.getTime() + 10 * 3600_000),
    nonce: sentNonce,
    etypes: p.etypes,
    ...(p.additionalTickets ? { additionalTickets: p.additionalTickets } : {}),
  });
  const key = p.tgt.sessionKey;
  let request: Uint8Array;
  try {
    const cksum = makeChecksum(encType(key.etype).checksumType, key, KEY_USAGE.TGS_REQ_PA_TGS_REQ_CKSUM, bodyDer);
    const { ctime, cusec } = authenticatorTime(start);
    const auth = encodeAuthenticator({
      crealm: p.tgt.crealm,
      cname: p.tgt.cname,
      cksum: { cksumtype: encType(key.etype).checksumType, checksum: cksum },
      ctime,
      cusec,
    });
    const encAuth = encType(key.etype).encrypt(key.value, KEY_USAGE.TGS_REQ_PA_TGS_REQ_AUTHENTICATOR, auth);
    const apReq = encodeApReq(0, p.tgt.ticket, { etype: key.etype, cipher: encAuth });
    request = encodeKdcReq(MSG_TYPE.TGS_REQ, [{ type: PA_TYPE.TGS_REQ, value: apReq }, ...(p.padata ?? [])], bodyDer);
  } catch (x) {
    if (x instanceof CryptoError) return { ok: false, error: localFailure(p.stage, `KRB_${x.code}`, x.message) };
    throw x;
  }
  const kdc = p.kdc ?? p.tgt.kdc;
  const answer = await callKdc(kdc, request, MSG_TYPE.TGS_REP, p);
  if (!answer.ok) return { ok: false, error: atStage(p.stage, answer.error) };
  if (answer.value.kind === 'error') return { ok: false, error: kdcFailure(p.stage, answer.value.error, now()) };
  const rep = answer.value.rep;
  let plain: Uint8Array;
  try {
    if (rep.encPart.etype !== key.etype)
      throw new CryptoError('BAD_KEY', `the TGS-REP is encrypted with ${etypeName(rep.encPart.etype)}, the session key is ${etypeName(key.etype)}`);
    plain = encType(key.etype).decrypt(key.value, KEY_USAGE.TGS_REP_ENC_PART_SESSION_KEY, rep.encPart.cipher);
  } catch (x) {
    if (x instanceof CryptoError) return { ok: false, error: localFailure(p.stage, `KRB_TGS_REP_${x.code}`, `Cannot decrypt the TGS-REP: ${x.message}.`) };
    throw x;
  }
  const part = decode('EncTGSRepPart', plain, parseEncKdcRepPart);
  if (!part.ok) return { ok: false, error: atStage(p.stage, part.error) };
  if (part.value.nonce !== sentNonce) {
    return {
      ok: false,
      error: localFailure(p.stage, 'KRB_NONCE_MISMATCH', `The TGS-REP answers another request (nonce ${part.value.nonce}, sent ${sentNonce}).`),
    };
  }
  const keyProblem = sessionKeyProblem(part.value.key);
  if (keyProblem !== null) return { ok: false, error: localFailure(p.stage, 'KRB_BAD_SESSION_KEY', `Unusable reply: ${keyProblem}.`) };
  const referral = p.referralOk === true ? null : referralProblem(p, rep.ticket.sname, part.value.srealm);
  if (referral !== null) return { ok: false, error: referral };
  // With PA-FOR-USER or an additional ticket (S4U, MS-SFU) the client is the user the ticket is for: s4u.ts checks that one.
  const s4u = (p.padata?.length ?? 0) > 0 || (p.additionalTickets?.length ?? 0) > 0;
  // A referral the caller follows names the next realm's krbtgt instead of the service asked for.
  const followedReferral = p.referralOk === true && part.value.sname.nameString[0]?.toLowerCase() === 'krbtgt';
  const names = replyNameProblem(p.stage, 'TGS-REP', [
    ...(followedReferral
      ? []
      : [{ role: 'service' as const, got: { name: part.value.sname, realm: part.value.srealm }, asked: { name: p.sname, realm: p.realm ?? p.tgt.crealm } }]),
    ...(s4u ? [] : [{ role: 'client' as const, got: { name: rep.cname, realm: rep.crealm }, asked: { name: p.tgt.cname, realm: p.tgt.crealm } }]),
  ]);
  if (names !== null) return { ok: false, error: names };
  return { ok: true, value: { credential: credentialFrom(rep.crealm, rep.cname, rep.ticket, part.value, kdc), rep } };
}
