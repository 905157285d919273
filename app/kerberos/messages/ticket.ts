import {
  CLASS_APPLICATION,
  DerError,
  expectTag,
  fields,
  readInteger,
  readKerberosString,
  readOne,
  required,
  sequence,
  children,
  type Tlv,
} from '../asn1/der-reader';
import { APP_TAG } from '../constants';
import { parseEncryptedData, type EncryptedData } from './common';
import { parsePrincipalName, type PrincipalName } from './principal';

/** Ticket ::= [APPLICATION 1] (RFC 4120 §5.3). `raw` is kept to send it on byte for byte. */
export interface Ticket {
  readonly realm: string;
  readonly sname: PrincipalName;
  readonly encPart: EncryptedData;
  readonly raw: Uint8Array;
}

export function parseTicket(t: Tlv, what: string): Ticket {
  expectTag(t, CLASS_APPLICATION, APP_TAG.TICKET, what);
  const inner = children(t);
  if (inner.length !== 1 || inner[0] === undefined) throw new DerError('DER_BAD_VALUE', `${what}: expected one SEQUENCE inside`);
  const f = fields(sequence(inner[0], what), what, [0, 1, 2, 3]);
  const vno = readInteger(required(f, 0, what), `${what}.tkt-vno`);
  if (vno !== 5) throw new DerError('DER_BAD_VALUE', `${what}: tkt-vno ${vno}, expected 5`);
  return {
    realm: readKerberosString(required(f, 1, what), `${what}.realm`),
    sname: parsePrincipalName(required(f, 2, what), `${what}.sname`),
    encPart: parseEncryptedData(required(f, 3, what), `${what}.enc-part`),
    raw: t.raw,
  };
}

export function parseTicketBytes(b: Uint8Array): Ticket {
  return parseTicket(readOne(b), 'Ticket');
}
