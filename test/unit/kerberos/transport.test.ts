import { createServer, type Server, type Socket } from 'node:net';
import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { callKdc } from '../../../app/kerberos/client/kdc-call';
import { sendTcp } from '../../../app/kerberos/client/transport';
import { krbErrorDer } from './builders';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));
});

/** A loopback stand-in for a KDC that answers each connection with `reply`. */
async function fakeKdc(reply: (req: Buffer, socket: Socket) => void): Promise<number> {
  const server = createServer((socket) => {
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
