import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSocket, type Socket } from 'node:dgram';
import { dnsServerEntry, pinnedAddress, resolveHost } from '../../../app/net/resolve';

/** A DNS server on loopback that knows a few A records and answers NXDOMAIN for the rest (RFC 1035 §4.1). */
function fakeDns(records: Readonly<Record<string, string>>, silent = false): Promise<{ port: number; socket: Socket; queries: string[] }> {
  const socket = createSocket('udp4');
  const queries: string[] = [];
  socket.on('message', (msg, rinfo) => {
    let o = 12;
    const labels: string[] = [];
    while ((msg[o] ?? 0) !== 0) {
      const len = msg[o] ?? 0;
      labels.push(msg.subarray(o + 1, o + 1 + len).toString('latin1'));
      o += len + 1;
    }
    const qtype = msg.readUInt16BE(o + 1);
    const name = labels.join('.').toLowerCase();
    queries.push(`${name}/${qtype}`);
    if (silent) return;
    const address = records[name];
    const answer = address !== undefined && qtype === 1;
    const header = Buffer.alloc(12);
    header.writeUInt16BE(msg.readUInt16BE(0), 0);
    header.writeUInt16BE(address === undefined ? 0x8183 : 0x8180, 2);
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answer ? 1 : 0, 6);
    const question = msg.subarray(12, o + 5);
    const rr = answer
      ? Buffer.concat([Buffer.from([0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4]), Buffer.from(address.split('.').map(Number))])
      : Buffer.alloc(0);
    socket.send(Buffer.concat([header, question, rr]), rinfo.port, rinfo.address);
  });
  return new Promise((resolve) => socket.bind(0, '127.0.0.1', () => resolve({ port: socket.address().port, socket, queries })));
}

const none = { hosts: {}, dnsServer: '' };
const opts = { timeoutMs: 1000 };

describe('resolveHost', () => {
  let server: Awaited<ReturnType<typeof fakeDns>>;
  let silent: Awaited<ReturnType<typeof fakeDns>>;
  beforeAll(async () => {
    server = await fakeDns({ 'sedc01.corp.example': '127.0.0.77' });
    silent = await fakeDns({}, true);
  });
  afterAll(() => {
    server.socket.close();
    silent.socket.close();
  });

  it('takes an address literal as it is', async () => {
    expect(await resolveHost('127.0.0.5', none, opts)).toMatchObject({ ok: true, value: { address: '127.0.0.5', source: 'literal' } });
    expect(await resolveHost('::1', none, opts)).toMatchObject({ ok: true, value: { address: '::1', source: 'literal' } });
  });

  it('honours network.hosts without regard to case or a trailing dot, before any DNS', async () => {
    const sources = { hosts: { 'SEDC01.corp.example.': '127.0.0.9' }, dnsServer: `127.0.0.1:${server.port}` };
    expect(await resolveHost('sedc01.CORP.example', sources, opts)).toMatchObject({ ok: true, value: { address: '127.0.0.9', source: 'network.hosts' } });
    expect(server.queries).not.toContain('sedc01.corp.example/1');
    expect(pinnedAddress({ 'a.b': '1.2.3.4' }, 'A.B.')).toBe('1.2.3.4');
  });

  it('rejects a pin that is not an address, an empty name and a DNS server that is not an address', async () => {
    expect(await resolveHost('x.example', { hosts: { 'x.example': 'not-an-ip' }, dnsServer: '' }, opts)).toMatchObject({
      ok: false,
      error: { code: 'dns.bad-pin' },
    });
    expect(await resolveHost('  ', none, opts)).toMatchObject({ ok: false, error: { code: 'dns.empty-name' } });
    expect(await resolveHost('x.example', { hosts: {}, dnsServer: 'dns.example' }, opts)).toMatchObject({ ok: false, error: { code: 'dns.bad-server' } });
  });

  it('asks the configured DNS server, and says when a name does not exist there', async () => {
    const sources = { hosts: {}, dnsServer: `127.0.0.1:${server.port}` };
    expect(await resolveHost('sedc01.corp.example', sources, opts)).toMatchObject({ ok: true, value: { address: '127.0.0.77', source: 'dns-server' } });
    const missing = await resolveHost('nothere.corp.example', sources, opts);
    expect(missing).toMatchObject({ ok: false, error: { code: 'dns.not-found' } });
    expect(missing.ok ? '' : missing.error.message).toContain(`DNS server 127.0.0.1:${server.port}`);
  });

  it('gives up on a silent DNS server within the time limit', async () => {
    const started = Date.now();
    const r = await resolveHost('sedc01.corp.example', { hosts: {}, dnsServer: `127.0.0.1:${silent.port}` }, { timeoutMs: 300 });
    expect(r).toMatchObject({ ok: false, error: { code: 'dns.timeout' } });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('stops when the run is cancelled', async () => {
    const controller = new AbortController();
    const pending = resolveHost('sedc01.corp.example', { hosts: {}, dnsServer: `127.0.0.1:${silent.port}` }, { timeoutMs: 5000, signal: controller.signal });
    controller.abort();
    expect(await pending).toMatchObject({ ok: false, error: { code: 'dns.timeout' } });
  });
});

describe('dnsServerEntry', () => {
  it.each([
    ['10.1.2.53', '10.1.2.53'],
    [' 10.1.2.53:5353 ', '10.1.2.53:5353'],
    ['fd00::53', 'fd00::53'],
    ['[fd00::53]:53', '[fd00::53]:53'],
    ['10.1.2.53:99999', null],
    ['dns.example', null],
    ['999.1.1.1', null],
    ['', null],
  ])('%j -> %j', (input, expected) => {
    expect(dnsServerEntry(input)).toBe(expected);
  });
});
