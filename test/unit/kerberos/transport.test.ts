import { createServer, type Server, type Socket } from 'node:net';
import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { callKdc } from '../../../app/kerberos/client/kdc-call';
import { sendTcp } from '../../../app/kerberos/client/transport';
import { krbErrorDer } from './builders';

const servers: Server[] = [];
const accepted = new Set<Socket>();
afterEach(async () => {
  // The client's connection opened ahead for a next request stays open: closed here, not waited for.
  const closing = servers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r())));
  accepted.forEach((s) => s.destroy());
  accepted.clear();
  await Promise.all(closing);
});

/** A loopback stand-in for a KDC that answers each connection with `reply`; `onConnection` sees each as it is accepted. */
async function fakeKdc(reply: (req: Buffer, socket: Socket) => void, onConnection?: (socket: Socket) => void): Promise<number> {
  const server = createServer((socket) => {
    accepted.add(socket);
    socket.on('close', () => accepted.delete(socket));
    onConnection?.(socket);
    const chunks: Buffer[] = [];
    socket.on('data', (c) => {
      chunks.push(c);
      const all = Buffer.concat(chunks);
      if (all.length >= 4 && all.length >= 4 + all.readUInt32BE(0)) reply(all.subarray(4), socket);
    });
    socket.on('error', () => undefined);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  return typeof addr === 'object' && addr ? addr.port : 0;
}

const frame = (b: Uint8Array): Buffer => {
  const h = Buffer.alloc(4);
  h.writeUInt32BE(b.length);
  return Buffer.concat([h, b]);
};
const kdc = (port: number) => ({ host: 'kdc.test', address: '127.0.0.1', port });

describe('TCP transport (RFC 4120 §7.2.2)', () => {
  it('sends the 4-byte length prefix and reads a reply split into pieces', async () => {
    let seen: Buffer | undefined;
    const port = await fakeKdc((req, s) => {
      seen = req;
      const f = frame(Buffer.from('hello kdc'));
      s.write(f.subarray(0, 2));
      setTimeout(() => s.end(f.subarray(2)), 20);
    });
    const r = await sendTcp(kdc(port), Buffer.from('request'), { timeoutMs: 2000 });
    expect(seen?.toString()).toBe('request');
    expect(r.ok && Buffer.from(r.value).toString()).toBe('hello kdc');
  });
  it('refuses an announced length above the limit without reading it', async () => {
    const port = await fakeKdc((_req, s) => s.end(Buffer.from([0x7f, 0xff, 0xff, 0xff])));
    expect(await sendTcp(kdc(port), Buffer.from('x'), { timeoutMs: 2000 })).toMatchObject({ ok: false, error: { code: 'KRB_KDC_BAD_REPLY' } });
  });
  it('a connection closed before the whole reply is a typed error', async () => {
    const port = await fakeKdc((_req, s) => s.end(frame(Buffer.alloc(10)).subarray(0, 8)));
    expect(await sendTcp(kdc(port), Buffer.from('x'), { timeoutMs: 2000 })).toMatchObject({ ok: false, error: { code: 'KRB_KDC_BAD_REPLY' } });
  });
  it('a KDC that never answers times out, once', async () => {
    let connections = 0;
    const port = await fakeKdc(() => {
      connections++;
    });
    const t = Date.now();
    expect(await sendTcp(kdc(port), Buffer.from('x'), { timeoutMs: 300 })).toMatchObject({ ok: false, error: { code: 'KRB_KDC_TIMEOUT' } });
    expect(Date.now() - t).toBeLessThan(2000);
    expect(connections).toBe(1);
  });
  it('a closed port is KRB_KDC_UNREACHABLE', async () => {
    const port = await fakeKdc(() => undefined);
    await new Promise<void>((r) => servers.pop()!.close(() => r()));
    expect(await sendTcp(kdc(port), Buffer.from('x'), { timeoutMs: 2000 })).toMatchObject({ ok: false, error: { code: 'KRB_KDC_UNREACHABLE' } });
  });
  it('sends the next request to a KDC on the connection opened while the previous one was answered', async () => {
    const connections: Socket[] = [];
    const arrivedOn: number[] = [];
    const port = await fakeKdc(
      (req, s) => {
        arrivedOn.push(connections.indexOf(s));
        s.end(frame(req));
      },
      (s) => connections.push(s),
    );
    expect(await sendTcp(kdc(port), Buffer.from('AS-REQ'), { timeoutMs: 2000 })).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 50));
    const acceptedBefore = connections.length;
    const second = await sendTcp(kdc(port), Buffer.from('TGS-REQ'), { timeoutMs: 2000 });
    expect(second.ok && Buffer.from(second.value).toString()).toBe('TGS-REQ');
    // Two connections before the second request: it went on the other one, already open.
    expect(acceptedBefore).toBe(2);
    expect(arrivedOn.sort()).toEqual([0, 1]);
  });
  it('a connection opened ahead that the KDC closed is not used: the request goes once, on a new one', async () => {
    let requests = 0;
    const port = await fakeKdc(
      (req, s) => {
        requests++;
        s.end(frame(req));
      },
      // An idle timeout far shorter than any real KDC's: connections without a request are closed at once.
      (s) => setTimeout(() => s.bytesRead === 0 && s.destroy(), 10),
    );
    await sendTcp(kdc(port), Buffer.from('one'), { timeoutMs: 2000 });
    await new Promise((r) => setTimeout(r, 60));
    const r = await sendTcp(kdc(port), Buffer.from('two'), { timeoutMs: 2000 });
    expect(r.ok && Buffer.from(r.value).toString()).toBe('two');
    expect(requests).toBe(2);
  });
  it('a request on a connection opened ahead that the KDC resets goes once more on a new one, and no more', async () => {
    let tries = 0;
    const port = await fakeKdc((req, s) => {
      if (req.toString() !== 'two') return void s.end(frame(req));
      // Reset with nothing answered, as a server that dropped the idle connection meanwhile would.
      tries++;
      s.resetAndDestroy();
    });
    await sendTcp(kdc(port), Buffer.from('one'), { timeoutMs: 2000 });
    await new Promise((r) => setTimeout(r, 50));
    expect(await sendTcp(kdc(port), Buffer.from('two'), { timeoutMs: 2000 })).toMatchObject({ ok: false, error: { code: 'KRB_KDC_UNREACHABLE' } });
    // On the spare, then once on a new connection: no third try.
    expect(tries).toBe(2);
  });
  it('cancelling aborts the request', async () => {
    const port = await fakeKdc(() => undefined);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    expect(await sendTcp(kdc(port), Buffer.from('x'), { timeoutMs: 5000, signal: ac.signal })).toMatchObject({ ok: false, error: { code: 'KRB_CANCELLED' } });
  });
});

describe('UDP with fallback (RFC 4120 §7.2.1)', () => {
  it('retries once over TCP when the KDC says RESPONSE_TOO_BIG', async () => {
    const tooBig = krbErrorDer({ code: 52, stime: new Date(), susec: 0, realm: 'EX.COM', sname: { nameType: 2, nameString: ['krbtgt', 'EX.COM'] } });
    const final = krbErrorDer({ code: 6, stime: new Date(), susec: 0, realm: 'EX.COM', sname: { nameType: 2, nameString: ['krbtgt', 'EX.COM'] } });
    const udp = createSocket('udp4');
    let datagrams = 0;
    udp.on('message', (_m, rinfo) => {
      datagrams++;
      udp.send(tooBig, rinfo.port, rinfo.address);
    });
    await new Promise<void>((r) => udp.bind(0, '127.0.0.1', () => r()));
    const port = udp.address().port;
    // the TCP side of the same port number answers with the real reply
    const server = createServer((s) => s.on('data', () => s.end(frame(final))));
    server.on('connection', (s: Socket) => accepted.add(s));
    servers.push(server);
    const ok = await new Promise<boolean>((r) => {
      server.once('error', () => r(false));
      server.listen(port, '127.0.0.1', () => r(true));
    });
    try {
      if (!ok) return;
      const r = await callKdc(kdc(port), Buffer.from('req'), 11, { timeoutMs: 2000, udp: true });
      expect(datagrams).toBe(1);
      expect(r).toMatchObject({ ok: true, value: { kind: 'error', error: { errorCode: 6 } } });
    } finally {
      udp.close();
    }
  });
});
