import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { randomInt } from 'node:crypto';
import { err, ok, type Result } from '../api/result';
import {
  CLASS_APPLICATION,
  DerError,
  MAX_MESSAGE_BYTES,
  fields,
  readInt32,
  readKerberosString,
  readKerberosTime,
  readOne,
  required,
  sequence,
  children,
} from '../kerberos/asn1/der-reader';
import { app, bitString32, ctx, flagWord, generalString, integer, kerberosTime, seq } from '../kerberos/asn1/der-writer';
import { ETYPE, KDC_OPTION, MSG_TYPE, NAME_TYPE, PVNO } from '../kerberos/constants';
import { encodePrincipalName } from '../kerberos/messages/principal';

/**
 * An AS-REQ without pre-authentication: the KDC answers it with a KRB-ERROR (usually
 * PREAUTH_REQUIRED, 25) that carries its own clock (stime/susec, RFC 4120 §5.9.1). It
 * needs no secret and changes nothing on the account (no bad-password count), which makes
 * it the probe for both "does UDP/TCP 88 answer" and "what time does the KDC think it is".
 */
export function asReqWithoutPreauth(client: string, realm: string, now: Date = new Date()): Uint8Array {
  const body = seq([
    ctx(0, bitString32(flagWord([KDC_OPTION.FORWARDABLE, KDC_OPTION.RENEWABLE, KDC_OPTION.CANONICALIZE]))),
    ctx(1, encodePrincipalName({ nameType: NAME_TYPE.PRINCIPAL, nameString: [client] })),
    ctx(2, generalString(realm)),
    ctx(3, encodePrincipalName({ nameType: NAME_TYPE.SRV_INST, nameString: ['krbtgt', realm] })),
    ctx(5, kerberosTime(new Date(now.getTime() + 86_400_000))),
    ctx(7, integer(randomInt(1, 0x7fffffff))),
    ctx(8, seq([integer(ETYPE.AES256_CTS_HMAC_SHA1_96), integer(ETYPE.AES128_CTS_HMAC_SHA1_96)])),
  ]);
  return app(MSG_TYPE.AS_REQ, seq([ctx(1, integer(PVNO)), ctx(2, integer(MSG_TYPE.AS_REQ)), ctx(4, body)]));
}

/** What the KDC sent back to the probe. */
export type KdcAnswer =
  | { readonly kind: 'krb-error'; readonly errorCode: number; readonly kdcTime: Date; readonly realm: string; readonly eText?: string }
  /** The account does not require pre-authentication (DONT_REQ_PREAUTH): a full AS-REP, no clock in clear. */
  | { readonly kind: 'as-rep' };

/** Reads a KDC reply: KRB-ERROR (with the KDC's clock to the microsecond) or AS-REP. */
export function parseKdcAnswer(bytes: Uint8Array): KdcAnswer {
  const outer = readOne(bytes);
  if (outer.cls !== CLASS_APPLICATION || !outer.constructed) throw new DerError('DER_UNEXPECTED_TAG', 'KDC reply: not a Kerberos message');
  if (outer.tag === MSG_TYPE.AS_REP) return { kind: 'as-rep' };
  if (outer.tag !== MSG_TYPE.KRB_ERROR) throw new DerError('DER_UNEXPECTED_TAG', `KDC reply: [APPLICATION ${outer.tag}] is neither KRB-ERROR nor AS-REP`);
  const [inner] = children(outer);
  if (inner === undefined) throw new DerError('DER_BAD_VALUE', 'KRB-ERROR: empty');
  const f = fields(sequence(inner, 'KRB-ERROR'), 'KRB-ERROR', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  const stime = readKerberosTime(required(f, 4, 'KRB-ERROR'), 'KRB-ERROR.stime');
  const susec = readInt32(required(f, 5, 'KRB-ERROR'), 'KRB-ERROR.susec');
  if (susec < 0 || susec > 999_999) throw new DerError('DER_BAD_VALUE', `KRB-ERROR.susec ${susec} out of range`);
  const eTextTlv = f.get(11);
  const eText = eTextTlv === undefined ? undefined : readKerberosString(eTextTlv, 'KRB-ERROR.e-text');
  return {
    kind: 'krb-error',
    errorCode: readInt32(required(f, 6, 'KRB-ERROR'), 'KRB-ERROR.error-code'),
    kdcTime: new Date(stime.getTime() + Math.floor(susec / 1000)),
    realm: readKerberosString(required(f, 9, 'KRB-ERROR'), 'KRB-ERROR.realm'),
    ...(eText !== undefined ? { eText } : {}),
  };
}

export type KdcTransport = 'udp' | 'tcp';

export interface KdcProbe {
  readonly transport: KdcTransport;
  readonly answer: KdcAnswer;
  /** Local clock halfway between sending and receiving: what the KDC's clock is compared with. */
  readonly localTime: Date;
  readonly ms: number;
}

export interface KdcProbeTarget {
  readonly address: string;
  readonly port?: number;
  readonly client: string;
  readonly realm: string;
}

function exchangeUdp(address: string, port: number, request: Uint8Array, timeoutMs: number, signal?: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = createSocket(address.includes(':') ? 'udp6' : 'udp4');
    const finish = (error: Error | null, reply?: Buffer) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.close();
      if (error !== null || reply === undefined) reject(error ?? new Error('no reply'));
      else resolve(reply);
    };
    const onAbort = () => finish(Object.assign(new Error('cancelled'), { code: 'ECANCELLED' }));
    const timer = setTimeout(() => finish(Object.assign(new Error(`no UDP answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('error', (e) => finish(e));
    socket.once('message', (msg) => finish(null, msg));
    socket.send(request, port, address);
  });
}

/** RFC 4120 §7.2.2: over TCP each message is preceded by its length as 4 bytes, big-endian. */
function exchangeTcp(address: string, port: number, request: Uint8Array, timeoutMs: number, signal?: AbortSignal): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: address, port });
    let received = Buffer.alloc(0);
    const finish = (error: Error | null, reply?: Buffer) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      if (error !== null || reply === undefined) reject(error ?? new Error('no reply'));
      else resolve(reply);
    };
    const onAbort = () => finish(Object.assign(new Error('cancelled'), { code: 'ECANCELLED' }));
    const timer = setTimeout(() => finish(Object.assign(new Error(`no TCP answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('error', (e) => finish(e));
    socket.once('connect', () => {
      const prefix = Buffer.alloc(4);
      prefix.writeUInt32BE(request.length);
      socket.write(Buffer.concat([prefix, request]));
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 4) return;
      const length = received.readUInt32BE(0);
      if (length > MAX_MESSAGE_BYTES) finish(new Error(`the KDC announced a ${length}-byte reply`));
      else if (received.length >= 4 + length) finish(null, received.subarray(4, 4 + length));
    });
    socket.once('end', () => finish(new Error('the KDC closed the connection without a full reply')));
  });
}

/** Sends the probe over one transport and reads the answer; every failure is a value. */
export async function probeKdc(target: KdcProbeTarget, transport: KdcTransport, timeoutMs: number, signal?: AbortSignal): Promise<Result<KdcProbe>> {
  const port = target.port ?? 88;
  const request = asReqWithoutPreauth(target.client, target.realm);
  const sent = Date.now();
  const started = performance.now();
  let reply: Buffer;
  try {
    reply = await (transport === 'udp' ? exchangeUdp : exchangeTcp)(target.address, port, request, timeoutMs, signal);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const what = `${transport.toUpperCase()} ${target.address}:${port}`;
    if (code === 'ETIMEDOUT') return err('kdc.timeout', `no Kerberos answer on ${what} within ${timeoutMs} ms`, 'Check that the DC is up and that a firewall lets Kerberos (88) through.');
    if (code === 'ECONNREFUSED') return err('kdc.refused', `${what} refused the connection`, 'The KDC is not listening there: check the DC host and that the Kerberos service runs.');
    return err('kdc.unreachable', `${what}: ${(error as Error).message}`, 'Check the network path to the DC.');
  }
  const ms = performance.now() - started;
  try {
    return ok({ transport, answer: parseKdcAnswer(reply), localTime: new Date(sent + ms / 2), ms: Math.round(ms) });
  } catch (error) {
    return err('kdc.bad-reply', `${transport.toUpperCase()} ${target.address}:${port} answered with something that is not Kerberos (${(error as Error).message})`, 'Check that the address is a domain controller and not another service on port 88.');
  }
}
