import { randomBytes, randomInt } from 'node:crypto';
import { CLASS_APPLICATION, DerError, expectTag, readOid, readOne, readTlv } from '../asn1/der-reader';
import { concat, flagWord, oid, tlv } from '../asn1/der-writer';
import { CKSUMTYPE, GSS_FLAG, KEY_USAGE, OID } from '../constants';
import { encType } from '../crypto/registry';
import { AP_OPTION_MUTUAL_REQUIRED, encodeApReq } from '../messages/ap-req';
import { encodeAuthenticator } from '../messages/authenticator';
import type { EncryptionKey } from '../messages/common';
import type { Credential } from '../client/credential';
import { authenticatorTime } from '../client/time';

/** RFC 4121 §4.1: the two-byte token ids of the krb5 mechanism. */
const TOK_AP_REQ = Uint8Array.of(0x01, 0x00);
const TOK_AP_REP = Uint8Array.of(0x02, 0x00);
const TOK_KRB_ERROR = Uint8Array.of(0x03, 0x00);

/**
 * The 0x8003 authenticator checksum (RFC 4121 §4.1.1): Lgth=16, zero channel bindings, flags.
 * GSS_C_DCE_STYLE (0x1000) is never set: MIT rejects such a token (lab-notes).
 */
export function gssChecksum(flags: number): Uint8Array {
  const b = Buffer.alloc(24);
  b.writeUInt32LE(16, 0);
  b.writeUInt32LE(flags >>> 0, 20);
  return b;
}

export const DEFAULT_GSS_FLAGS = GSS_FLAG.MUTUAL | GSS_FLAG.REPLAY | GSS_FLAG.SEQUENCE | GSS_FLAG.CONF | GSS_FLAG.INTEG;

/** What the initiator must remember to check the server's AP-REP (RFC 4120 §3.2.5). */
export interface ApReqContext {
  readonly ctime: Date;
  readonly cusec: number;
  readonly sessionKey: EncryptionKey;
  readonly subkey: EncryptionKey;
}

/** RFC 2743 §3.1 InitialContextToken: [APPLICATION 0] { mech OID, inner token }. */
export function wrapGss(mechOid: string, tokId: Uint8Array, body: Uint8Array): Uint8Array {
  return tlv(CLASS_APPLICATION, true, 0, concat([oid(mechOid), tokId, body]));
}

/**
 * A GSS krb5 AP-REQ token for the credential's service, with a fresh authenticator (new
 * ctime/cusec, new subkey): Apache's replay cache refuses a reused one.
 */
export function krb5ApReqToken(cred: Credential, now: Date = new Date()): { token: Uint8Array; context: ApReqContext } {
  const { ctime, cusec } = authenticatorTime(now);
  const key = cred.sessionKey;
  const e = encType(key.etype);
  const subkey: EncryptionKey = { etype: key.etype, value: randomBytes(e.keyBytes) };
  const auth = encodeAuthenticator({
    crealm: cred.crealm,
    cname: cred.cname,
    cksum: { cksumtype: CKSUMTYPE.GSSAPI, checksum: gssChecksum(DEFAULT_GSS_FLAGS) },
    ctime,
    cusec,
    subkey,
    seqNumber: randomInt(0x3fffffff),
  });
  const enc = e.encrypt(key.value, KEY_USAGE.AP_REQ_AUTHENTICATOR, auth);
  const apReq = encodeApReq(flagWord([AP_OPTION_MUTUAL_REQUIRED]), cred.ticket, { etype: key.etype, cipher: enc });
  return { token: wrapGss(OID.KRB5, TOK_AP_REQ, apReq), context: { ctime, cusec, sessionKey: key, subkey } };
}

export type Krb5Reply = { readonly kind: 'ap-rep'; readonly apRep: Uint8Array } | { readonly kind: 'krb-error'; readonly krbError: Uint8Array };

/** Unwraps a krb5 mechanism reply token (RFC 4121 §4.1): an AP-REP, or a KRB-ERROR. */
export function parseKrb5Reply(token: Uint8Array): Krb5Reply {
  const outer = expectTag(readOne(token), CLASS_APPLICATION, 0, 'GSS token');
  const { tlv: mech, next } = readTlv(outer.value, 0);
  const mechOid = readOid(mech, 'GSS token mech');
  if (mechOid !== OID.KRB5 && mechOid !== OID.MS_KRB5) throw new DerError('DER_BAD_VALUE', `GSS token for mechanism ${mechOid}, expected krb5`);
  const id = outer.value.subarray(next, next + 2);
  const body = outer.value.subarray(next + 2);
  if (id.length < 2) throw new DerError('DER_TRUNCATED', 'GSS token without a token id');
  if (id[0] === TOK_AP_REP[0] && id[1] === TOK_AP_REP[1]) return { kind: 'ap-rep', apRep: body };
  if (id[0] === TOK_KRB_ERROR[0] && id[1] === TOK_KRB_ERROR[1]) return { kind: 'krb-error', krbError: body };
  throw new DerError('DER_BAD_VALUE', `GSS krb5 token id ${Buffer.from(id).toString('hex')}`);
}
