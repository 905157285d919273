import {
  CLASS_CONTEXT,
  DerError,
  TAG_ENUMERATED,
  CLASS_UNIVERSAL,
  CLASS_APPLICATION,
  expectTag,
  fields,
  readOctets,
  readOid,
  readOne,
  readTlv,
  sequence,
} from '../asn1/der-reader';
import { concat, ctx, octets, oid, seq, tlv } from '../asn1/der-writer';
import { OID } from '../constants';

/**
 * SPNEGO (RFC 4178): NegTokenInit with one mechanism and its first token inside the GSS
 * InitialContextToken framing, and the server's NegTokenResp.
 */
export function negTokenInit(mechToken: Uint8Array, mechOid: string = OID.KRB5): Uint8Array {
  const init = seq([ctx(0, seq([oid(mechOid)])), ctx(2, octets(mechToken))]);
  return tlv(CLASS_APPLICATION, true, 0, concat([oid(OID.SPNEGO), ctx(0, init)]));
}

export interface NegTokenResp {
  /** 0 accept-completed, 1 accept-incomplete, 2 reject, 3 request-mic. */
  readonly negState?: number;
  readonly supportedMech?: string;
  readonly responseToken?: Uint8Array;
}

export function parseNegTokenResp(bytes: Uint8Array): NegTokenResp {
  const what = 'NegTokenResp';
  const outer = expectTag(readOne(bytes), CLASS_CONTEXT, 1, what);
  const { tlv: inner, next } = readTlv(outer.value, 0);
  if (next !== outer.value.length) throw new DerError('DER_TRAILING_BYTES', `${what}: bytes after the SEQUENCE`);
  const f = fields(sequence(inner, what), what, [0, 1, 2, 3]);
  const state = f.get(0);
  const mech = f.get(1);
  const token = f.get(2);
  let negState: number | undefined;
  if (state) {
    expectTag(state, CLASS_UNIVERSAL, TAG_ENUMERATED, `${what}.negState`);
    if (state.value.length !== 1) throw new DerError('DER_BAD_VALUE', `${what}.negState must be one byte`);
    negState = state.value[0];
  }
  return {
    ...(negState === undefined ? {} : { negState }),
    ...(mech ? { supportedMech: readOid(mech, `${what}.supportedMech`) } : {}),
    ...(token ? { responseToken: readOctets(token, `${what}.responseToken`) } : {}),
  };
}

/** True when the bytes start like a NegTokenResp ([1] constructed) rather than a raw GSS token. */
export function isNegTokenResp(bytes: Uint8Array): boolean {
  return bytes[0] === 0xa1;
}
