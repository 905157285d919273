import { err, ok, type Result } from '../../contract/result';
import { flagWord } from '../asn1/der-writer';
import { nonce } from './time';
import { parseAnswer } from './kdc-call';
import { sendTcp, sendUdp } from './transport';
import { ETYPE, KDC_OPTION, MSG_TYPE, NAME_TYPE } from '../constants';
import { encodeKdcReq, encodeKdcReqBody } from '../messages/kdc-req';
import { kdcTime, type KrbError } from '../messages/krb-error';

/**
 * An AS-REQ without pre-authentication: the KDC answers it with a KRB-ERROR (usually
 * PREAUTH_REQUIRED, 25) that carries its own clock (stime/susec, RFC 4120 §5.9.1). It
 * needs no secret and is not a failed logon (no bad-password count), which makes it the
 * probe for both "does 88 answer over UDP and TCP" and "what time is it on the KDC".
 */
export function asReqWithoutPreauth(client: string, realm: string, now: Date = new Date()): Uint8Array {
  const body = encodeKdcReqBody({
    kdcOptions: flagWord([KDC_OPTION.FORWARDABLE, KDC_OPTION.RENEWABLE, KDC_OPTION.CANONICALIZE]),
    cname: { nameType: NAME_TYPE.PRINCIPAL, nameString: [client] },
    realm,
    sname: { nameType: NAME_TYPE.SRV_INST, nameString: ['krbtgt', realm] },
    till: new Date(now.getTime() + 86_400_000),
    nonce: nonce(),
    etypes: [ETYPE.AES256_CTS_HMAC_SHA1_96, ETYPE.AES128_CTS_HMAC_SHA1_96],
  });
  return encodeKdcReq(MSG_TYPE.AS_REQ, [], body);
}

/** What the KDC sent back to the probe. */
export type KdcAnswer =
  /** The KRB-ERROR (usually PREAUTH_REQUIRED) and the KDC's clock read from its stime and susec. */
  | { readonly kind: 'krb-error'; readonly error: KrbError; readonly kdcTime: Date }
  /** The account does not require pre-authentication (DONT_REQ_PREAUTH): an AS-REP, whose clock is encrypted. */
  | { readonly kind: 'as-rep' };

export type KdcTransport = 'udp' | 'tcp';

export interface KdcProbe {
  readonly transport: KdcTransport;
  readonly answer: KdcAnswer;
  /** Local clock halfway between sending and receiving: what the KDC's clock is compared with. */
  readonly localTime: Date;
  readonly ms: number;
}

export interface KdcProbeTarget {
  /** The DC's name, for evidence. */
  readonly host: string;
  readonly address: string;
  readonly port?: number;
  /** Any account name: an unknown one gets C_PRINCIPAL_UNKNOWN, which is an answer too. */
  readonly client: string;
  readonly realm: string;
}

/** Sends the probe over one transport and reads the answer; every failure is a value. */
export async function probeKdc(target: KdcProbeTarget, transport: KdcTransport, timeoutMs: number, signal?: AbortSignal): Promise<Result<KdcProbe>> {
  const kdc = { host: target.host, address: target.address, port: target.port ?? 88 };
  const request = asReqWithoutPreauth(target.client, target.realm);
  const sent = Date.now();
  const started = performance.now();
  const options = { timeoutMs, ...(signal !== undefined ? { signal } : {}) };
  const reply = await (transport === 'udp' ? sendUdp : sendTcp)(kdc, request, options);
  const ms = performance.now() - started;
  if (!reply.ok) return reply;
  const answer = parseAnswer(reply.value, MSG_TYPE.AS_REP);
  if (!answer.ok) {
    return err(
      'kdc.bad-reply',
      `${transport.toUpperCase()} ${kdc.address}:${kdc.port} answered with something that is not Kerberos (${answer.error.message})`,
      'Check that the address is a domain controller and not another service on port 88.',
    );
  }
  const localTime = new Date(sent + ms / 2);
  const value = answer.value;
  return ok({
    transport,
    answer: value.kind === 'rep' ? { kind: 'as-rep' } : { kind: 'krb-error', error: value.error, kdcTime: kdcTime(value.error) },
    localTime,
    ms: Math.round(ms),
  });
}
