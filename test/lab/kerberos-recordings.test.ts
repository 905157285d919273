import { mkdir, writeFile } from 'node:fs/promises';
import { createConnection, createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Secret } from '../../app/config/secrets';
import { getTgt } from '../../app/kerberos/client/as-exchange';
import { s4u2proxy, s4u2self, userFromUpn } from '../../app/kerberos/client/s4u';
import { KDC_OPTION, PA_TYPE } from '../../app/kerberos/constants';
import { hasFlag } from '../../app/kerberos/messages/flags';
import { parseKdcReq } from '../../app/kerberos/messages/kdc-req';
import { servicePrincipal } from '../../app/kerberos/messages/principal';
import { EXCHANGES, RECORDINGS_DIR, hexPath, hexText, labPath, recorded, type ExchangeName, type RecordingLab } from '../unit/kerberos/kdc-recordings';
import { krb5Conf } from './krb5-conf';
import { labToolEnv } from './lab';
import { run } from './proc';
import { cleanupScratch, kinit, scratch } from './tools';

// Records what MIT's kinit and kvno -U -P send to the lab's Samba KDC and what it answers, and
// Samba's answers to our own client, through a relay on the lab's loopback address. With
// SEG_RECORD_KERBEROS=1 they become test/fixtures/kerberos/ (the unit tests under
// test/unit/kerberos/ decode them); without it, the live messages must have the recorded types.
const lab = inject('lab');
const RECORD = process.env.SEG_RECORD_KERBEROS === '1';

interface Exchange {
  readonly request: Buffer;
  readonly reply: Buffer;
}

/** RFC 4120 §7.2.2: each message on TCP is a 4-byte big-endian length and the message. */
function frames(onFrame: (frame: Buffer) => void): (chunk: Buffer) => void {
  let data = Buffer.alloc(0);
  return (chunk) => {
    data = Buffer.concat([data, chunk]);
    while (data.length >= 4 && data.length >= 4 + data.readUInt32BE(0)) {
      onFrame(data.subarray(4, 4 + data.readUInt32BE(0)));
      data = data.subarray(4 + data.readUInt32BE(0));
    }
  };
}

/** A TCP relay to the KDC that keeps every request with its reply, in order. */
function kdcRelay(address: string, kdcPort: number): Promise<{ server: Server; port: number; exchanges: Exchange[] }> {
  const exchanges: Exchange[] = [];
  const server = createServer((client) => {
    const kdc = createConnection({ host: address, port: kdcPort });
    const pending: Buffer[] = [];
    const readRequest = frames((f) => pending.push(Buffer.from(f)));
    const readReply = frames((f) => exchanges.push({ request: pending.shift() ?? Buffer.alloc(0), reply: Buffer.from(f) }));
    client.on('data', (c: Buffer) => {
      readRequest(c);
      kdc.write(c);
    });
    kdc.on('data', (c: Buffer) => {
      readReply(c);
      client.write(c);
    });
    client.on('end', () => kdc.end());
    kdc.on('end', () => client.end());
    client.on('error', () => kdc.destroy());
    kdc.on('error', () => client.destroy());
  });
  return new Promise((resolve) => server.listen(0, address, () => resolve({ server, port: (server.address() as AddressInfo).port, exchanges })));
}

let tmp = '';
let relay: Awaited<ReturnType<typeof kdcRelay>>;

beforeAll(async () => {
  tmp = await scratch();
  relay = await kdcRelay(lab.dc.address, 88);
});
afterAll(async () => {
  await new Promise<void>((r) => relay.server.close(() => r()));
  await cleanupScratch(tmp);
});

const isS4u2self = (e: Exchange): boolean =>
  e.request[0] === 0x6c && parseKdcReq(e.request).padata.some((p) => p.type === PA_TYPE.FOR_USER || p.type === PA_TYPE.S4U_X509_USER);
const isS4u2proxy = (e: Exchange): boolean => e.request[0] === 0x6c && hasFlag(parseKdcReq(e.request).body.kdcOptions, KDC_OPTION.CNAME_IN_ADDL_TKT);

/** The exchanges one step sent through the relay. */
async function step(action: () => Promise<unknown>): Promise<Exchange[]> {
  const from = relay.exchanges.length;
  await action();
  return relay.exchanges.slice(from);
}

describe("the lab KDC's replies to MIT's client and ours, on the wire", () => {
  it('records kinit, kvno -U -P and our AS, S4U2Self, S4U2Proxy and a refused S4U2Proxy', async () => {
    const names: RecordingLab = {
      realm: lab.names.realm,
      serviceAccount: lab.accounts.service.name,
      servicePassword: lab.accounts.service.password,
      user: lab.accounts.users.alice.upn,
      targetSpn: lab.kerberos.targetSpnFqdn,
      refusedSpn: `host/${lab.dc.fqdn}`,
    };
    const conf = join(tmp, 'krb5.conf');
    await writeFile(conf, krb5Conf(lab.names).replace(`kdc = ${lab.dc.address}:88`, `kdc = ${lab.dc.address}:${relay.port}`));
    const svcCc = join(tmp, 'svc.cc');
    const got = new Map<ExchangeName, Exchange>();

    const mitAs = await step(async () => expect((await kinit(lab, names.serviceAccount, names.servicePassword, svcCc, { KRB5_CONFIG: conf })).code).toBe(0));
    expect(mitAs).toHaveLength(2);
    got.set('mit-as', mitAs[0]!).set('mit-as-preauth', mitAs[1]!);

    const env = labToolEnv(lab, { KRB5_CONFIG: conf, KRB5CCNAME: `FILE:${svcCc}` });
    const mitS4u = await step(async () =>
      expect((await run('kvno', ['-U', 'alice', '-P', names.targetSpn, '--out-cache', `FILE:${join(tmp, 'alice.cc')}`], { env, timeoutMs: 15_000 })).code).toBe(
        0,
      ),
    );
    // kvno may ask more than S4U2Self and S4U2Proxy (MIT first sends an AS-REQ for the user to find its realm): pick them by their padata and options.
    got.set('mit-s4u2self', mitS4u.find(isS4u2self)!).set('mit-s4u2proxy', mitS4u.find(isS4u2proxy)!);

    const kdc = { host: lab.dc.fqdn, address: lab.dc.address, port: relay.port };
    let tgt;
    const segAs = await step(async () => {
      const as = await getTgt({ kdc, realm: names.realm, user: names.serviceAccount, password: new Secret(names.servicePassword), timeoutMs: 10_000 });
      expect(as.ok).toBe(true);
      tgt = as.ok ? as.value.credential : undefined;
    });
    got.set('seg-as-preauth', segAs.at(-1)!);
    if (tgt === undefined) return;
    let self;
    const segSelf = await step(async () => {
      const r = await s4u2self({ tgt: tgt!, user: userFromUpn(names.user, names.realm), timeoutMs: 10_000 });
      expect(r.ok).toBe(true);
      self = r.ok ? r.value.credential : undefined;
    });
    got.set('seg-s4u2self', segSelf[0]!);
    if (self === undefined) return;
    const segProxy = await step(async () =>
      expect((await s4u2proxy({ tgt: tgt!, evidence: self!, targetSpn: servicePrincipal(names.targetSpn), timeoutMs: 10_000 })).ok).toBe(true),
    );
    got.set('seg-s4u2proxy', segProxy[0]!);
    const refused = await step(async () =>
      expect((await s4u2proxy({ tgt: tgt!, evidence: self!, targetSpn: servicePrincipal(names.refusedSpn), timeoutMs: 10_000 })).ok).toBe(false),
    );
    got.set('seg-s4u2proxy-refused', refused[0]!);

    expect([...got.keys()].sort()).toEqual([...EXCHANGES].sort());
    if (RECORD) {
      await mkdir(RECORDINGS_DIR, { recursive: true });
      await writeFile(labPath, `${JSON.stringify(names, null, 2)}\n`);
      for (const [name, e] of got) {
        await writeFile(hexPath(name, 'request'), hexText(e.request));
        await writeFile(hexPath(name, 'reply'), hexText(e.reply));
      }
      return;
    }
    // The DER's outer tag is the message type (APPLICATION 10..13, 30): the same steps, the same messages.
    for (const [name, e] of got) {
      expect([e.request[0], e.reply[0]], name).toEqual([recorded(name, 'request')[0], recorded(name, 'reply')[0]]);
    }
  });
});
