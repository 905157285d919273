import { err, ok, type Result } from '../../contract/result';
import { KRB_ERR, MSG_TYPE } from '../constants';
import { decode } from '../messages/decode';
import { parseKdcRep, replyType, type KdcRep } from '../messages/kdc-rep';
import { parseKrbError, type KrbError } from '../messages/krb-error';
import { sendTcp, sendUdp, type KdcEndpoint, type SendOptions } from './transport';

export type KdcAnswer = { readonly kind: 'rep'; readonly rep: KdcRep } | { readonly kind: 'error'; readonly error: KrbError };

export interface CallOptions extends SendOptions {
  /** UDP first, then TCP once if the KDC answers RESPONSE_TOO_BIG (RFC 4120 §7.2.1). Default: TCP only (lab-notes). */
  readonly udp?: boolean;
}

/** Sends one KDC request and reads the reply of the expected type, or a KRB-ERROR. */
export async function callKdc(kdc: KdcEndpoint, request: Uint8Array, expect: KdcRep['msgType'], opts: CallOptions): Promise<Result<KdcAnswer>> {
  if (opts.udp === true) {
    const first = await sendUdp(kdc, request, opts);
    if (first.ok) {
      const answer = parseAnswer(first.value, expect);
      if (!(answer.ok && answer.value.kind === 'error' && answer.value.error.errorCode === KRB_ERR.RESPONSE_TOO_BIG)) return answer;
    }
  }
  const raw = await sendTcp(kdc, request, opts);
  if (!raw.ok) return raw;
  return parseAnswer(raw.value, expect);
}

export function parseAnswer(bytes: Uint8Array, expect: KdcRep['msgType']): Result<KdcAnswer> {
  const type = decode('KDC reply', bytes, replyType);
  if (!type.ok) return type;
  if (type.value === MSG_TYPE.KRB_ERROR) {
    const e = decode('KRB-ERROR', bytes, parseKrbError);
    return e.ok ? ok({ kind: 'error', error: e.value }) : e;
  }
  if (type.value !== expect) return err('KRB_KDC_BAD_REPLY', `The KDC answered with message type ${type.value}, expected ${expect}.`);
  const rep = decode(expect === MSG_TYPE.AS_REP ? 'AS-REP' : 'TGS-REP', bytes, (b) => parseKdcRep(b, expect));
  return rep.ok ? ok({ kind: 'rep', rep: rep.value }) : rep;
}
