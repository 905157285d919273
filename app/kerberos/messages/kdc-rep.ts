import { CLASS_APPLICATION, DerError, application, fields, readInteger, readKerberosString, readOne, readSequenceOf, required } from '../asn1/der-reader';
import { MSG_TYPE, PVNO } from '../constants';
import { parseEncryptedData, parsePaData, type EncryptedData, type PaData } from './common';
import { parsePrincipalName, type PrincipalName } from './principal';
import { parseTicket, type Ticket } from './ticket';

/** AS-REP ::= [APPLICATION 11], TGS-REP ::= [APPLICATION 13] (RFC 4120 §5.4.2). */
export interface KdcRep {
  readonly msgType: typeof MSG_TYPE.AS_REP | typeof MSG_TYPE.TGS_REP;
  readonly padata: readonly PaData[];
  readonly crealm: string;
  readonly cname: PrincipalName;
  readonly ticket: Ticket;
  readonly encPart: EncryptedData;
}

export function parseKdcRep(bytes: Uint8Array, msgType: KdcRep['msgType']): KdcRep {
  const what = msgType === MSG_TYPE.AS_REP ? 'AS-REP' : 'TGS-REP';
  const f = fields(application(bytes, msgType, what), what, [0, 1, 2, 3, 4, 5, 6]);
  const pvno = readInteger(required(f, 0, what), `${what}.pvno`);
  const mt = readInteger(required(f, 1, what), `${what}.msg-type`);
  if (pvno !== PVNO || mt !== msgType) throw new DerError('DER_BAD_VALUE', `${what}: pvno ${pvno} msg-type ${mt}`);
  const pa = f.get(2);
  return {
    msgType,
    padata: pa ? readSequenceOf(pa, `${what}.padata`, parsePaData) : [],
    crealm: readKerberosString(required(f, 3, what), `${what}.crealm`),
    cname: parsePrincipalName(required(f, 4, what), `${what}.cname`),
    ticket: parseTicket(required(f, 5, what), `${what}.ticket`),
    encPart: parseEncryptedData(required(f, 6, what), `${what}.enc-part`),
  };
}

/** The message type of a KDC answer, from its outer [APPLICATION n] tag. */
export function replyType(bytes: Uint8Array): number {
  const t = readOne(bytes);
  if (t.cls !== CLASS_APPLICATION) throw new DerError('DER_UNEXPECTED_TAG', 'KDC reply is not an application-tagged message');
  return t.tag;
}
