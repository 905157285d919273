import { app, bitString32, ctx, integer, seq } from '../asn1/der-writer';
import { MSG_TYPE, PVNO } from '../constants';
import { encodeEncryptedData, type EncryptedData } from './common';
import type { Ticket } from './ticket';

/** AP-REQ ::= [APPLICATION 14] (RFC 4120 §5.5.1). ap-options bit 2 is mutual-required. */
export const AP_OPTION_MUTUAL_REQUIRED = 2;

export function encodeApReq(apOptions: number, ticket: Ticket, authenticator: EncryptedData): Uint8Array {
  return app(
    MSG_TYPE.AP_REQ,
    seq([
      ctx(0, integer(PVNO)),
      ctx(1, integer(MSG_TYPE.AP_REQ)),
      ctx(2, bitString32(apOptions)),
      ctx(3, ticket.raw),
      ctx(4, encodeEncryptedData(authenticator)),
    ]),
  );
}
