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
 * One request over TCP with the 4-byte big-endian length prefix (RFC 4120 §7.2.2). One
 * connection, one answer, no retry: a retried AS-REQ with a wrong password would count twice
 * toward the account's lockout.
 */
export function sendTcp(kdc: KdcEndpoint, request: Uint8Array, opts: SendOptions): Promise<Result<Uint8Array>> {
  const remedy = 'Check that TCP port 88 is open from this machine to the domain controller, and that the DC host name and its address are right.';
  return exchange(kdc, opts, 'TCP', remedy, (finish) => {
    const socket = new Socket();
    const chunks: Buffer[] = [];
    let received = 0;
    let expected = -1;
    socket.on('error', (e: NodeJS.ErrnoException) =>
      finish(
        err(
          'KRB_KDC_UNREACHABLE',
          `Cannot reach the KDC ${endpointText(kdc)} over TCP: ${e.code ?? e.message}.`,
          'Check the domain controller host name, its pinned address under network.hosts, and that TCP port 88 is open.',
        ),
      ),
    );
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
    socket.on('end', () =>
      finish(err('KRB_KDC_BAD_REPLY', `The KDC ${endpointText(kdc)} closed the connection after ${received} bytes, before a whole reply.`)),
    );
    socket.connect(kdc.port, kdc.address, () => {
      const head = Buffer.alloc(4);
      head.writeUInt32BE(request.length, 0);
      socket.write(Buffer.concat([head, request]));
    });
    return { close: () => socket.destroy() };
  });
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
