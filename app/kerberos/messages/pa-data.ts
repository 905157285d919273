import {
  fields,
  readBoolean,
  readInt32,
  readKerberosTime,
  readOctets,
  readOne,
  readSequenceOf,
  required,
  sequence,
  type Tlv,
  TAG_GENERAL_STRING,
  expectTag,
  CLASS_UNIVERSAL,
  DerError,
} from '../asn1/der-reader';
import { boolean, ctx, integer, kerberosTime, seq } from '../asn1/der-writer';

/** Pre-authentication payloads: ETYPE-INFO2 (RFC 4120 §5.2.7.5), PA-ENC-TS-ENC (§5.2.7.2), PA-PAC-REQUEST (MS-KILE §2.2.3). */

export interface EtypeInfo2Entry {
  readonly etype: number;
  /** The salt octets as sent (KerberosString, but used as raw bytes by string-to-key). */
  readonly salt?: Uint8Array;
  readonly s2kparams?: Uint8Array;
}

function parseEntry(t: Tlv, what: string): EtypeInfo2Entry {
  const f = fields(sequence(t, what), what, [0, 1, 2]);
  const salt = f.get(1);
  const params = f.get(2);
  if (salt && salt.constructed) throw new DerError('DER_UNEXPECTED_TAG', `${what}.salt is constructed`);
  return {
    etype: readInt32(required(f, 0, what), `${what}.etype`),
    ...(salt ? { salt: expectTag(salt, CLASS_UNIVERSAL, TAG_GENERAL_STRING, `${what}.salt`).value } : {}),
    ...(params ? { s2kparams: readOctets(params, `${what}.s2kparams`) } : {}),
  };
}

export function parseEtypeInfo2(bytes: Uint8Array): EtypeInfo2Entry[] {
  return readSequenceOf(readOne(bytes), 'ETYPE-INFO2', parseEntry);
}

export function encodePaEncTsEnc(time: Date): Uint8Array {
  const ms = time.getTime();
  return seq([ctx(0, kerberosTime(time)), ctx(1, integer((ms % 1000) * 1000))]);
}

export function parsePaEncTsEnc(bytes: Uint8Array): Date {
  const f = fields(sequence(readOne(bytes), 'PA-ENC-TS-ENC'), 'PA-ENC-TS-ENC', [0, 1]);
  return readKerberosTime(required(f, 0, 'PA-ENC-TS-ENC'), 'PA-ENC-TS-ENC.patimestamp');
}

export function encodePacRequest(includePac: boolean): Uint8Array {
  return seq([ctx(0, boolean(includePac))]);
}

export function parsePacRequest(bytes: Uint8Array): boolean {
  const f = fields(sequence(readOne(bytes), 'PA-PAC-REQUEST'), 'PA-PAC-REQUEST', [0]);
  return readBoolean(required(f, 0, 'PA-PAC-REQUEST'), 'PA-PAC-REQUEST.include-pac');
}
