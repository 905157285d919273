import { err, ok, type Result } from '../../contract/result';
import { KEY_USAGE } from '../constants';
import { CryptoError } from '../crypto/types';
import { encType } from '../crypto/registry';
import { parseApRep, parseEncApRepPart, type EncApRepPart } from '../messages/ap-rep';
import { decode } from '../messages/decode';
import { parseKrbError } from '../messages/krb-error';
import { describeKrbError } from '../errors';
import { parseKrb5Reply, type ApReqContext } from './krb5-token';
import { isNegTokenResp, parseNegTokenResp } from './negotiation-token';

/**
 * Checks the server's reply token (RFC 4120 §3.2.5): the AP-REP must decrypt with the ticket's
 * session key (usage 12) and echo our authenticator's ctime and cusec. That proves the server
 * holds the service key, i.e. really decrypted the ticket that names the user.
 */
export function verifyMutualAuth(replyToken: Uint8Array, context: ApReqContext): Result<EncApRepPart> {
  let inner = replyToken;
  if (isNegTokenResp(replyToken)) {
    const resp = decode('SPNEGO NegTokenResp', replyToken, parseNegTokenResp);
    if (!resp.ok) return resp;
    if (resp.value.negState === 2) return err('KRB_SPNEGO_REJECT', 'The server rejected the SPNEGO negotiation (negState reject).');
    if (!resp.value.responseToken) return err('KRB_NO_AP_REP', 'The server accepted but sent no mutual-authentication token (no AP-REP).');
    inner = resp.value.responseToken;
  }
  const reply = decode('GSS krb5 reply token', inner, parseKrb5Reply);
  if (!reply.ok) return reply;
  if (reply.value.kind === 'krb-error') {
    const e = decode('KRB-ERROR', reply.value.krbError, parseKrbError);
    return e.ok ? err(`KRB_AP_${e.value.errorCode}`, `The server answered with ${describeKrbError(e.value.errorCode)}`) : e;
  }
  const encPart = decode('AP-REP', reply.value.apRep, parseApRep);
  if (!encPart.ok) return encPart;
  let plain: Uint8Array;
  try {
    plain = encType(context.sessionKey.etype).decrypt(context.sessionKey.value, KEY_USAGE.AP_REP_ENC_PART, encPart.value.cipher);
  } catch (x) {
    if (x instanceof CryptoError) return err('KRB_MUTUAL_AUTH_FAILED', `The server's AP-REP does not decrypt with the ticket's session key: ${x.message}.`);
    throw x;
  }
  const part = decode('EncAPRepPart', plain, parseEncApRepPart);
  if (!part.ok) return part;
  if (part.value.ctime.getTime() !== context.ctime.getTime() || part.value.cusec !== context.cusec) {
    return err(
      'KRB_MUTUAL_AUTH_FAILED',
      `The server's AP-REP echoes ${part.value.ctime.toISOString()}/${part.value.cusec}, not our authenticator's ${context.ctime.toISOString()}/${context.cusec}.`,
    );
  }
  return ok(part.value);
}
