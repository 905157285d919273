import { DerError, fields, readInt32, readKerberosString, readSequenceOf, required, sequence, type Tlv } from '../asn1/der-reader';
import { ctx, generalString, integer, seq } from '../asn1/der-writer';
import { NAME_TYPE } from '../constants';

export interface PrincipalName {
  readonly nameType: number;
  readonly nameString: readonly string[];
}

export function encodePrincipalName(p: PrincipalName): Uint8Array {
  return seq([ctx(0, integer(p.nameType)), ctx(1, seq(p.nameString.map(generalString)))]);
}

export function parsePrincipalName(t: Tlv, what: string): PrincipalName {
  const f = fields(sequence(t, what), what, [0, 1]);
  const nameString = readSequenceOf(required(f, 1, what), `${what}.name-string`, readKerberosString);
  if (nameString.length === 0) throw new DerError('DER_BAD_VALUE', `${what}: empty name-string`);
  return { nameType: readInt32(required(f, 0, what), `${what}.name-type`), nameString };
}

/** "HTTP/semail01.se.airwlab.com" (components joined by '/', RFC 1964 §2.1.1 without escapes). */
export function principalText(p: PrincipalName, realm?: string): string {
  return p.nameString.join('/') + (realm === undefined ? '' : `@${realm}`);
}

export function servicePrincipal(spn: string): PrincipalName {
  return { nameType: NAME_TYPE.SRV_INST, nameString: spn.split('/') };
}
