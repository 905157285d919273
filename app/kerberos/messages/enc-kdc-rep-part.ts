import {
  CLASS_APPLICATION,
  DerError,
  children,
  fields,
  readKerberosString,
  readKerberosTime,
  readOne,
  readSequenceOf,
  readUInt32,
  required,
  sequence,
} from '../asn1/der-reader';
import { APP_TAG } from '../constants';
import { parseEncryptionKey, parsePaData, type EncryptionKey, type PaData } from './common';
import { parseFlags } from './flags';
import { parsePrincipalName, type PrincipalName } from './principal';

/** EncKDCRepPart (RFC 4120 §5.4.2), the decrypted enc-part of AS-REP / TGS-REP. */
export interface EncKdcRepPart {
  readonly key: EncryptionKey;
  readonly nonce: number;
  readonly flags: number;
  readonly authtime: Date;
  readonly starttime?: Date;
  readonly endtime: Date;
  readonly renewTill?: Date;
  readonly srealm: string;
  readonly sname: PrincipalName;
  readonly encryptedPaData: readonly PaData[];
}

/**
 * Accepts [APPLICATION 25] and [26] for either reply: RFC 4120 §5.4.2 notes that some
 * implementations (Windows among them) use EncASRepPart's tag in TGS replies.
 */
export function parseEncKdcRepPart(bytes: Uint8Array): EncKdcRepPart {
  const what = 'EncKDCRepPart';
  const outer = readOne(bytes);
  if (outer.cls !== CLASS_APPLICATION || (outer.tag !== APP_TAG.ENC_AS_REP_PART && outer.tag !== APP_TAG.ENC_TGS_REP_PART)) {
    throw new DerError('DER_UNEXPECTED_TAG', `${what}: expected [APPLICATION 25] or [APPLICATION 26]`);
  }
  const inner = children(outer);
  if (inner.length !== 1 || inner[0] === undefined) throw new DerError('DER_BAD_VALUE', `${what}: expected one SEQUENCE inside`);
  const f = fields(sequence(inner[0], what), what, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  const start = f.get(6);
  const renew = f.get(8);
  const epa = f.get(12);
  return {
    key: parseEncryptionKey(required(f, 0, what), `${what}.key`),
    nonce: readUInt32(required(f, 2, what), `${what}.nonce`),
    flags: parseFlags(required(f, 4, what), `${what}.flags`),
    authtime: readKerberosTime(required(f, 5, what), `${what}.authtime`),
    ...(start ? { starttime: readKerberosTime(start, `${what}.starttime`) } : {}),
    endtime: readKerberosTime(required(f, 7, what), `${what}.endtime`),
    ...(renew ? { renewTill: readKerberosTime(renew, `${what}.renew-till`) } : {}),
    srealm: readKerberosString(required(f, 9, what), `${what}.srealm`),
    sname: parsePrincipalName(required(f, 10, what), `${what}.sname`),
    encryptedPaData: epa ? readSequenceOf(epa, `${what}.encrypted-pa-data`, parsePaData) : [],
  };
}
