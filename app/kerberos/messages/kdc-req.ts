import {
  DerError,
  application,
  fields,
  readInt32,
  readKerberosString,
  readKerberosTime,
  readSequenceOf,
  readUInt32,
  required,
  sequence,
  readOne,
  type Tlv,
} from '../asn1/der-reader';
import { app, bitString32, ctx, integer, generalString, kerberosTime, opt, seq } from '../asn1/der-writer';
import { MSG_TYPE, PVNO } from '../constants';
import { encodePaData, parsePaData, type PaData } from './common';
import { parseFlags } from './flags';
import { encodePrincipalName, parsePrincipalName, type PrincipalName } from './principal';
import { parseTicket, type Ticket } from './ticket';

/** KDC-REQ-BODY, AS-REQ and TGS-REQ (RFC 4120 §5.4.1). */
export interface KdcReqBody {
  readonly kdcOptions: number;
  readonly cname?: PrincipalName;
  readonly realm: string;
  readonly sname?: PrincipalName;
  readonly till: Date;
  readonly rtime?: Date;
  readonly nonce: number;
  readonly etypes: readonly number[];
  readonly additionalTickets?: readonly Ticket[];
}

export interface KdcReq {
  readonly msgType: typeof MSG_TYPE.AS_REQ | typeof MSG_TYPE.TGS_REQ;
  readonly padata: readonly PaData[];
  readonly body: KdcReqBody;
}

/**
 * The DER of KDC-REQ-BODY alone, without the [4] wrapper: this is what the TGS-REQ
 * authenticator checksum covers (RFC 4120 §5.5.1; wrapping it gives BAD_INTEGRITY, lab-notes).
 */
export function encodeKdcReqBody(b: KdcReqBody): Uint8Array {
  return seq([
    ctx(0, bitString32(b.kdcOptions)),
    opt(1, b.cname, encodePrincipalName),
    ctx(2, generalString(b.realm)),
    opt(3, b.sname, encodePrincipalName),
    ctx(5, kerberosTime(b.till)),
    opt(6, b.rtime, kerberosTime),
    ctx(7, integer(b.nonce)),
    ctx(8, seq(b.etypes.map(integer))),
    b.additionalTickets && b.additionalTickets.length > 0 ? ctx(11, seq(b.additionalTickets.map((t) => t.raw))) : undefined,
  ]);
}

/** Encodes the request around an already-encoded body (so the checksummed bytes are the sent bytes). */
export function encodeKdcReq(msgType: KdcReq['msgType'], padata: readonly PaData[], bodyDer: Uint8Array): Uint8Array {
  const inner = seq([ctx(1, integer(PVNO)), ctx(2, integer(msgType)), padata.length > 0 ? ctx(3, seq(padata.map(encodePaData))) : undefined, ctx(4, bodyDer)]);
  return app(msgType, inner);
}

export function parseKdcReqBody(t: Tlv, what: string): KdcReqBody {
  const f = fields(sequence(t, what), what, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  const cname = f.get(1);
  const sname = f.get(3);
  const rtime = f.get(6);
  const addl = f.get(11);
  return {
    kdcOptions: parseFlags(required(f, 0, what), `${what}.kdc-options`),
    ...(cname ? { cname: parsePrincipalName(cname, `${what}.cname`) } : {}),
    realm: readKerberosString(required(f, 2, what), `${what}.realm`),
    ...(sname ? { sname: parsePrincipalName(sname, `${what}.sname`) } : {}),
    till: readKerberosTime(required(f, 5, what), `${what}.till`),
    ...(rtime ? { rtime: readKerberosTime(rtime, `${what}.rtime`) } : {}),
    nonce: readUInt32(required(f, 7, what), `${what}.nonce`),
    etypes: readSequenceOf(required(f, 8, what), `${what}.etype`, readInt32),
    ...(addl ? { additionalTickets: readSequenceOf(addl, `${what}.additional-tickets`, parseTicket) } : {}),
  };
}

export function parseKdcReq(bytes: Uint8Array): KdcReq & { bodyDer: Uint8Array } {
  const outer = readOne(bytes);
  const msgType = outer.tag;
  if (msgType !== MSG_TYPE.AS_REQ && msgType !== MSG_TYPE.TGS_REQ) throw new DerError('DER_UNEXPECTED_TAG', `KDC-REQ: [APPLICATION ${msgType}]`);
  return parseKdcReqAs(bytes, msgType);
}

function parseKdcReqAs(bytes: Uint8Array, msgType: KdcReq['msgType']): KdcReq & { bodyDer: Uint8Array } {
  const what = msgType === MSG_TYPE.AS_REQ ? 'AS-REQ' : 'TGS-REQ';
  const f = fields(application(bytes, msgType, what), what, [1, 2, 3, 4]);
  const pa = f.get(3);
  const body = required(f, 4, what);
  return {
    msgType,
    padata: pa ? readSequenceOf(pa, `${what}.padata`, parsePaData) : [],
    body: parseKdcReqBody(body, `${what}.req-body`),
    bodyDer: body.raw,
  };
}
