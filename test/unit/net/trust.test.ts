import { createServer, connect, rootCertificates, type PeerCertificate, type Server } from 'node:tls';
import * as tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTrust, nodeTrustRuntime, trustFor, vouchedLine, type TrustRuntime } from '../../../app/net/trust';
import { makeServerCertificate, type TestCertificate } from './tls-test-server';

const HOST = 'trust.test.lab';
let cert: TestCertificate;
let other: TestCertificate;
let server: Server;
let port: number;

beforeAll(async () => {
  cert = makeServerCertificate([HOST]);
  other = makeServerCertificate(['elsewhere.test.lab']);
  server = createServer({ cert: cert.certPem, key: cert.keyPem });
  server.on('secureConnection', (s) => s.end());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

function runtime(change: Partial<TrustRuntime> = {}, files: Record<string, string> = {}): TrustRuntime {
  return {
    getCACertificates: undefined,
    bundled: rootCertificates.slice(0, 3),
    env: {},
    readFile: (path) => {
      const text = files[path];
      if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      return text;
    },
    ...change,
  };
}

/** Connects with the trust's context; the peer chain when it verified, else the OpenSSL reason. */
function handshake(context: tls.SecureContext): Promise<{ authorized: boolean; reason: string; peer: PeerCertificate }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port, servername: HOST, secureContext: context, rejectUnauthorized: false });
    socket.once('secureConnect', () => {
      resolve({ authorized: socket.authorized, reason: String(socket.authorizationError), peer: socket.getPeerCertificate(true) });
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

describe('the one trust (app/net/trust.ts)', () => {
  it('consults, in order, the Certificates step, the OS store, NODE_EXTRA_CA_CERTS, then the bundled roots', () => {
    const t = buildTrust(
      [other.rootPem],
      runtime({ getCACertificates: () => [rootCertificates[5]!], env: { NODE_EXTRA_CA_CERTS: '/etc/extra.pem' } }, { '/etc/extra.pem': cert.rootPem }),
    );
    expect(t.stores.map((s) => s.label)).toStrictEqual([
      "the Certificates step's roots",
      "the operating system's store",
      'NODE_EXTRA_CA_CERTS (/etc/extra.pem)',
      "Node's bundled roots",
    ]);
    expect(t.notes).toStrictEqual([]);
  });

  it('a CA given only through NODE_EXTRA_CA_CERTS verifies, and the evidence names that store', async () => {
    const t = buildTrust([], runtime({ env: { NODE_EXTRA_CA_CERTS: '/etc/extra.pem' } }, { '/etc/extra.pem': `${other.rootPem}\n${cert.rootPem}` }));
    const seen = await handshake(t.context);
    expect(seen.authorized).toBe(true);
    expect(vouchedLine(t, seen.peer)).toBe('trusted through NODE_EXTRA_CA_CERTS (/etc/extra.pem)');
  });

  it("the file Node itself loaded at start-up is not added again: its roots are in Node's own store already", async () => {
    const files = { '/etc/extra.pem': cert.rootPem };
    const loaded = buildTrust([], runtime({ env: { NODE_EXTRA_CA_CERTS: '/etc/extra.pem' }, extraLoadedAtStart: '/etc/extra.pem' }, files));
    // This test process did not start with that file, so only an added root could verify here.
    expect((await handshake(loaded.context)).authorized).toBe(false);
    expect(loaded.stores.find((s) => s.name === 'extra')?.pems).toStrictEqual([cert.rootPem.trim()]);
    const changed = buildTrust([], runtime({ env: { NODE_EXTRA_CA_CERTS: '/etc/extra.pem' }, extraLoadedAtStart: '/etc/other.pem' }, files));
    expect((await handshake(changed.context)).authorized).toBe(true);
  });

  it('a process started with NODE_EXTRA_CA_CERTS verifies a CA of that file through the trust', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seg-extra-'));
    try {
      const extra = join(dir, 'extra.pem');
      writeFileSync(extra, cert.rootPem);
      const script = `
        const { connect } = await import('node:tls');
        const loaded = await import(${JSON.stringify(resolve('app/net/trust.ts'))});
        const { trustFor, vouchedLine } = loaded.default ?? loaded; // tsx loads this CommonJS package's .ts as CommonJS
        const t = trustFor([]);
        const socket = connect({ host: '127.0.0.1', port: ${port}, servername: ${JSON.stringify(HOST)}, secureContext: t.context, rejectUnauthorized: false });
        socket.once('secureConnect', () => { console.log(JSON.stringify({ authorized: socket.authorized, line: vouchedLine(t, socket.getPeerCertificate(true)) })); socket.destroy(); });`;
      // Asynchronously: the TLS server the child connects to lives in this process.
      const { stdout: out } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        env: { PATH: process.env.PATH ?? '', NODE_EXTRA_CA_CERTS: extra },
        encoding: 'utf8',
      });
      expect(JSON.parse(out)).toStrictEqual({ authorized: true, line: `trusted through NODE_EXTRA_CA_CERTS (${extra})` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a CA in several stores is credited to the first: the Certificates step's roots before the OS store", async () => {
    const t = buildTrust([cert.rootPem], runtime({ getCACertificates: () => [cert.rootPem] }));
    const seen = await handshake(t.context);
    expect(seen.authorized).toBe(true);
    expect(t.vouchedBy(seen.peer)?.name).toBe('certificates-step');
  });

  it('a CA from the OS store (where the runtime exposes it) verifies, credited to it', async () => {
    const t = buildTrust([], runtime({ getCACertificates: () => [cert.rootPem] }));
    const seen = await handshake(t.context);
    expect(seen.authorized).toBe(true);
    expect(vouchedLine(t, seen.peer)).toBe("trusted through the operating system's store");
  });

  it('a CA that is nowhere does not verify', async () => {
    const seen = await handshake(buildTrust([other.rootPem], runtime()).context);
    expect(seen.authorized).toBe(false);
    expect(seen.reason).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/);
  });

  it('says when the OS store is not exposed (Node 20), and when NODE_EXTRA_CA_CERTS cannot be read or holds junk', () => {
    expect(buildTrust([], runtime()).notes).toStrictEqual([
      "the operating system's store is not consulted: this runtime does not expose it (tls.getCACertificates needs Node 22.15 or later; the desktop app has it)",
    ]);
    const missing = buildTrust([], runtime({ getCACertificates: () => [], env: { NODE_EXTRA_CA_CERTS: '/nope.pem' } }));
    expect(missing.notes).toStrictEqual(['NODE_EXTRA_CA_CERTS names /nope.pem, which cannot be read (ENOENT): none of its certificates is trusted']);
    const junk = buildTrust(
      [],
      runtime(
        { getCACertificates: () => [], env: { NODE_EXTRA_CA_CERTS: '/j.pem' } },
        { '/j.pem': `${cert.rootPem}\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n` },
      ),
    );
    expect(junk.notes).toStrictEqual(['NODE_EXTRA_CA_CERTS (/j.pem): 1 of its 2 certificates do not parse and are not trusted']);
    expect(junk.stores.find((s) => s.name === 'extra')?.pems).toHaveLength(1);
  });

  it('this runtime: the OS store is consulted exactly when Node exposes tls.getCACertificates (Node 22: yes, Node 20: no)', () => {
    const exposed = typeof (tls as { getCACertificates?: unknown }).getCACertificates === 'function';
    expect(nodeTrustRuntime().getCACertificates !== undefined).toBe(exposed);
    const major = Number(process.versions.node.split('.')[0]);
    expect(exposed).toBe(major >= 23 || (major === 22 && Number(process.versions.node.split('.')[1]) >= 15));
    expect(trustFor([]).stores.some((s) => s.name === 'system')).toBe(
      exposed && (tls as unknown as { getCACertificates(t: string): string[] }).getCACertificates('system').length > 0,
    );
  });

  it('keeps one trust per set of roots and NODE_EXTRA_CA_CERTS (a context costs tens of milliseconds)', () => {
    expect(trustFor([cert.rootPem])).toBe(trustFor([cert.rootPem]));
    expect(trustFor([cert.rootPem])).not.toBe(trustFor([other.rootPem]));
  });
});
