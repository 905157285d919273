import { createSocket } from 'node:dgram';
import { Socket } from 'node:net';
import { err, ok, type Result } from '../../contract/result';
import { MAX_MESSAGE_BYTES } from '../asn1/der-reader';

/** Where to send a KDC request: an address already resolved (see kdc-address.ts). */
export interface KdcEndpoint {
  /** The name the settings give (for evidence), e.g. dc01.se.airwlab.com. */
  readonly host: string;
  /** The IP address connected to. */
  readonly address: string;
  readonly port: number;
}

export interface SendOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

function endpointText(kdc: KdcEndpoint): string {
  return `${kdc.host} (${kdc.address}:${kdc.port})`;
}

/**
 * The life of one exchange, the same over TCP and UDP: it settles once, within the time
 * limit, on cancellation, or by the transport's `finish`; the socket `open` returns is closed
 * whichever comes first.
 */
function exchange(
  kdc: KdcEndpoint,
  opts: SendOptions,
  over: 'TCP' | 'UDP',
  timeoutRemedy: string,
  open: (finish: (r: Result<Uint8Array>) => void) => { close(): void },
): Promise<Result<Uint8Array>> {
  return new Promise((resolve) => {
    const held: { socket?: { close(): void } } = {};
    let done = false;
    const finish = (r: Result<Uint8Array>): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      held.socket?.close();
      resolve(r);
    };
    const onAbort = (): void => finish(err('KRB_CANCELLED', `Request to the KDC ${endpointText(kdc)} was cancelled.`));
    const timer = setTimeout(
      () => finish(err('KRB_KDC_TIMEOUT', `The KDC ${endpointText(kdc)} did not answer within ${opts.timeoutMs} ms over ${over}.`, timeoutRemedy)),
      opts.timeoutMs,
    );
    if (opts.signal?.aborted) return onAbort();
    opts.signal?.addEventListener('abort', onAbort);
    held.socket = open(finish);
    // A transport that failed while opening has settled already, before its socket was held.
    if (done) held.socket.close();
  });
}

/**
 * How long a connection opened ahead waits for its request. The chain sends its requests to one
 * KDC within milliseconds of each other; a spare older than this is closed, not used, so that a
 * server's idle timeout never meets a request.
 */
const SPARE_LIFE_MS = 2000;

interface Spare {
  readonly socket: Socket;
  readonly drop: () => void;
}

/** Per KDC endpoint (address and port), the connection opened ahead for its next request. */
const spares = new Map<string, Spare>();
const endpointKey = (kdc: KdcEndpoint): string => `${kdc.address}|${kdc.port}`;

/**
 * Opens the connection the next request to this KDC will use, unless one is open already. A
 * Kerberos exchange takes one connection (RFC 4120 §7.2.2), and the chain sends four in a row
 * to one KDC: opened ahead, a connection spares each of the next requests a round trip (20 ms
 * at a site 10 ms away) and, in a busy process, the turn of the event loop that a connect
 * needs before the request can be written (issue 21). A spare never keeps the process alive,
 * and closes itself after SPARE_LIFE_MS or when the server closes it.
 */
function openSpare(kdc: KdcEndpoint): void {
  const key = endpointKey(kdc);
  if (spares.has(key)) return;
  const socket = new Socket();
  const drop = (): void => {
    clearTimeout(timer);
    if (spares.get(key) === spare) spares.delete(key);
    socket.destroy();
  };
  const spare: Spare = { socket, drop };
  const timer = setTimeout(drop, SPARE_LIFE_MS).unref();
  socket.once('error', drop).once('end', drop).once('close', drop);
  socket.unref();
  socket.connect(kdc.port, kdc.address);
  spares.set(key, spare);
}

/** The spare connection to this KDC, taken over by a request (connected or still connecting), if one is usable. */
function takeSpare(kdc: KdcEndpoint): Socket | undefined {
  const key = endpointKey(kdc);
  const spare = spares.get(key);
  if (spare === undefined) return undefined;
  spares.delete(key);
  const { socket } = spare;
  if (socket.destroyed || socket.readableEnded || socket.writableEnded) return undefined;
  socket.removeListener('error', spare.drop).removeListener('end', spare.drop).removeListener('close', spare.drop);
  socket.ref();
  return socket;
}

/** An exchange's answer, and whether it failed on a spare the server had closed before reading anything. */
interface TcpAttempt {
  readonly result: Result<Uint8Array>;
  readonly staleSpare: boolean;
}

/**
 * One request over TCP with the 4-byte big-endian length prefix (RFC 4120 §7.2.2). One
 * connection, one answer. No retry, but one: when the connection opened ahead turns out closed by
 * the server (reset or closed with nothing answered), the request goes once more on a new
 * connection. Any other failure is final, since a retried AS-REQ with a wrong password would
 * count twice toward the account's lockout.
 */
export async function sendTcp(kdc: KdcEndpoint, request: Uint8Array, opts: SendOptions): Promise<Result<Uint8Array>> {
  const spare = takeSpare(kdc);
  openSpare(kdc);
  const first = await tcpAttempt(kdc, request, opts, spare);
  return first.staleSpare ? (await tcpAttempt(kdc, request, opts, undefined)).result : first.result;
}

function tcpAttempt(kdc: KdcEndpoint, request: Uint8Array, opts: SendOptions, spare: Socket | undefined): Promise<TcpAttempt> {
  const remedy = 'Check that TCP port 88 is open from this machine to the domain controller, and that the DC host name and its address are right.';
  let staleSpare = false;
  return exchange(kdc, opts, 'TCP', remedy, (finish) => {
    const socket = spare ?? new Socket();
    const chunks: Buffer[] = [];
    let received = 0;
    let expected = -1;
    /** A spare the server closed before answering anything: the caller sends the request again on a new connection. */
    const spareClosed = (): boolean => {
      if (spare === undefined || received > 0) return false;
      staleSpare = true;
      finish(err('KRB_KDC_UNREACHABLE', `The connection opened ahead to the KDC ${endpointText(kdc)} was closed.`));
      return true;
    };
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if ((e.code === 'ECONNRESET' || e.code === 'EPIPE') && spareClosed()) return;
      finish(
        err(
          'KRB_KDC_UNREACHABLE',
          `Cannot reach the KDC ${endpointText(kdc)} over TCP: ${e.code ?? e.message}.`,
          'Check the domain controller host name, its pinned address under network.hosts, and that TCP port 88 is open.',
        ),
      );
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (expected < 0 && received >= 4) {
        const head = Buffer.concat(chunks);
        const len = head.readUInt32BE(0);
        // RFC 4120 §7.2.2: the high bit is reserved for extensions; a KDC never sets it in a reply.
        if (len > MAX_MESSAGE_BYTES)
          return finish(err('KRB_KDC_BAD_REPLY', `The KDC ${endpointText(kdc)} announced a ${len}-byte reply, more than ${MAX_MESSAGE_BYTES}.`));
        expected = len;
      }
      if (expected >= 0 && received >= expected + 4) {
        const all = Buffer.concat(chunks);
        if (received > expected + 4) return finish(err('KRB_KDC_BAD_REPLY', `The KDC ${endpointText(kdc)} sent bytes after its reply.`));
        finish(ok(all.subarray(4, 4 + expected)));
      }
    });
    socket.on('end', () => {
      if (spareClosed()) return;
      finish(err('KRB_KDC_BAD_REPLY', `The KDC ${endpointText(kdc)} closed the connection after ${received} bytes, before a whole reply.`));
    });
    const head = Buffer.alloc(4);
    head.writeUInt32BE(request.length, 0);
    const framed = Buffer.concat([head, request]);
    // A spare is written to at once (Node queues the bytes if it is still connecting).
    if (spare !== undefined) socket.write(framed);
    else socket.connect(kdc.port, kdc.address, () => socket.write(framed));
    return { close: () => socket.destroy() };
  }).then((result) => ({ result, staleSpare }));
}

/** One datagram and its answer (RFC 4120 §7.2.1). Used only when asked for; TCP is the default. */
export function sendUdp(kdc: KdcEndpoint, request: Uint8Array, opts: SendOptions): Promise<Result<Uint8Array>> {
  return exchange(kdc, opts, 'UDP', 'Check that UDP port 88 is open, or use TCP.', (finish) => {
    const socket = createSocket(kdc.address.includes(':') ? 'udp6' : 'udp4');
    socket.on('error', (e: NodeJS.ErrnoException) =>
      finish(err('KRB_KDC_UNREACHABLE', `Cannot reach the KDC ${endpointText(kdc)} over UDP: ${e.code ?? e.message}.`)),
    );
    socket.on('message', (msg, rinfo) => {
      if (rinfo.address !== kdc.address || rinfo.port !== kdc.port) return;
      finish(ok(msg));
    });
    socket.send(request, kdc.port, kdc.address);
    return { close: () => socket.close() };
  });
}
