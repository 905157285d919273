import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrivateKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PKI_CHECKS } from '../../../app/checks/pki';
import { runChecks } from '../../../app/checks/runner';
import type { CheckResult } from '../../../app/contract/check-result';
import { emptySettings, type Settings } from '../../../app/contract/settings';
import { ALLOW_DOUBLE_ESCAPING } from '../../../app/checks/pki/ca-commands';
import { makeTestPki, type KeyType, type PkiOptions, type TestPki } from '../../fixtures/pki/openssl-pki';
import { startCdpServer, type CdpServer } from '../../fixtures/pki/crl-server';
import { buildCrl, der, extension, integer } from '../../fixtures/pki/crl-builder';
import { parseCertificate } from '../../../app/pki/certificate';

const HOST = 'pki.test.lab';
let server: CdpServer;

beforeAll(async () => {
  server = await startCdpServer();
});
afterAll(async () => {
  await server.close();
});

function pkiFor(options: Omit<PkiOptions, 'baseUrl'> = {}): TestPki {
  const pki = makeTestPki({ baseUrl: `http://${HOST}:${server.port}/CertEnroll`, ...options });
  return pki;
}

function serve(pki: TestPki): void {
  server.files.clear();
  server.rules.overrides.clear();
  server.rules.refusePlus = false;
  for (const [name, bytes] of pki.files) server.files.set(name, bytes);
}

function settingsFor(pki: TestPki, device: string, extra: Partial<Settings['certificates']> = {}): Settings {
  const settings = emptySettings();
  // The device certificate as a path relative to the settings folder, the root inline.
  writeFileSync(join(pki.dir, 'device.cer'), device);
  settings.certificates = { roots: [pki.rootPem], intermediates: [], deviceCertificate: 'device.cer', ...extra };
  settings.network = { ...settings.network, hosts: { [HOST]: '127.0.0.1' }, timeoutMs: 3000 };
  return settings;
}

async function run(pki: TestPki, device: string, extra: Partial<Settings['certificates']> = {}): Promise<Record<string, CheckResult>> {
  const results = await runChecks(PKI_CHECKS, { settings: settingsFor(pki, device, extra), secrets: {}, baseDir: pki.dir });
  return Object.fromEntries(results.map((r) => [r.id, r]));
}

function failing(results: Record<string, CheckResult>): string[] {
  return Object.values(results)
    .filter((r) => r.status === 'fail')
    .map((r) => r.id);
}

function statuses(results: Record<string, CheckResult>): Record<string, string> {
  return Object.fromEntries(Object.entries(results).map(([id, r]) => [id, r.status]));
}

const ALL_PASS = {
  'pki.device-cert': 'pass',
  'pki.chain': 'pass',
  'pki.no-ldap-urls': 'pass',
  'pki.crl-reachable': 'pass',
  'pki.crl-valid': 'pass',
  'pki.not-revoked': 'pass',
};

describe.each<KeyType>(['rsa', 'ec', 'rsa-pss'])('healthy PKI (%s)', (keyType) => {
  it('passes every pki check, fetching the issuing CA from AIA', { timeout: 60_000 }, async () => {
    const pki = pkiFor({ keyType });
    serve(pki);
    const r = await run(pki, pki.devicePem);
    expect(statuses(r), JSON.stringify(r, null, 1)).toEqual(ALL_PASS);
    expect(r['pki.chain']?.evidence.join('\n')).toContain(`fetched from AIA http://${HOST}:${server.port}/CertEnroll/issuing.crt`);
    expect(r['pki.device-cert']?.evidence).toContain('SAN UPN: alice@se.airwlab.com (the user S4U2Self impersonates)');
    expect(server.rules.requests).toContain('/CertEnroll/issuing+.crl');
    // Connected to the pinned 127.0.0.1, but the Host header names the CDP host, as the SEG would send it.
    expect(new Set(server.rules.hostHeaders)).toEqual(new Set([`${HOST}:${server.port}`]));
  });
});

describe('each scenario turns exactly its check red', () => {
  let pki: TestPki;
  beforeAll(() => {
    pki = pkiFor({ keyType: 'ec' });
  }, 60_000);

  it('revoked on the base CRL: pki.not-revoked fails with the date and reason', async () => {
    serve(pki);
    const r = await run(pki, pki.revokedPem);
    expect(statuses(r)).toEqual({ ...ALL_PASS, 'pki.not-revoked': 'fail' });
    expect(r['pki.not-revoked']?.evidence.join('\n')).toMatch(/CN=bob .*revoked on \d{4}-\d\d-\d\d .*reason keyCompromise/);
    expect(r['pki.not-revoked']?.command).toContain('certutil -view -restrict "SerialNumber=');
  });

  it('revoked only on the delta CRL: pki.not-revoked fails naming the delta', async () => {
    serve(pki);
    const r = await run(pki, pki.deltaRevokedPem);
    expect(statuses(r)).toEqual({ ...ALL_PASS, 'pki.not-revoked': 'fail' });
    expect(r['pki.not-revoked']?.evidence.join('\n')).toMatch(/reason superseded, on the delta CRL .*issuing\+\.crl/);
  });

  it('a "+" refused by the web server: pki.crl-reachable fails with the IIS double-escaping fix', async () => {
    serve(pki);
    server.rules.refusePlus = true;
    const r = await run(pki, pki.devicePem);
    expect(statuses(r)).toEqual({ ...ALL_PASS, 'pki.crl-reachable': 'fail', 'pki.not-revoked': 'warn' });
    expect(r['pki.crl-reachable']?.command).toBe(ALLOW_DOUBLE_ESCAPING);
    expect(r['pki.crl-reachable']?.evidence.join('\n')).toContain('double escaping is off');
  });

  it('a damaged CRL: pki.crl-valid fails on the signature', async () => {
    serve(pki);
    const crl = Buffer.from(pki.files.get('issuing.crl') as Buffer);
    const at = crl.indexOf(Buffer.from('SE Lab Issuing CA'));
    crl[at] = 0x58;
    server.rules.overrides.set('issuing.crl', crl);
    const r = await run(pki, pki.devicePem);
    expect(r['pki.crl-valid']?.status).toBe('fail');
    expect(r['pki.crl-valid']?.evidence.join('\n')).toMatch(/issued by|signature does not verify/);
  });

  it('a CRL limited to CA certificates (Issuing Distribution Point): pki.crl-valid fails for the device', async () => {
    serve(pki);
    const issuing = parseCertificate(Buffer.from(pki.files.get('issuing.crt') as Buffer));
    if (!issuing.ok) throw new Error(issuing.error.message);
    const now = Date.now();
    const crl = buildCrl({
      issuer: issuing.value.subjectDer,
      thisUpdate: new Date(now - 60_000),
      nextUpdate: new Date(now + 7 * 86_400_000),
      entries: Buffer.alloc(0),
      // onlyContainsCACerts [2] TRUE (RFC 5280 §5.2.5)
      extensions: [extension('2.5.29.20', false, integer(4096n)), extension('2.5.29.28', true, der(0x30, Buffer.from([0x82, 0x01, 0xff])))],
      key: createPrivateKey(readFileSync(join(pki.dir, 'issuing.key'))),
      algorithm: 'ecdsa-with-SHA256',
    });
    server.rules.overrides.set('issuing.crl', crl);
    const r = await run(pki, pki.devicePem);
    expect(r['pki.crl-valid']?.status).toBe('fail');
    expect(r['pki.crl-valid']?.evidence.join('\n')).toContain('limits it to CA certificates, so it does not cover CN=alice');
  });

  it('no root given: pki.chain fails naming the root it reached', async () => {
    serve(pki);
    const r = await run(pki, pki.devicePem, { roots: [] });
    expect(r['pki.chain']?.status).toBe('fail');
    expect(r['pki.chain']?.evidence.join('\n')).toContain('ends at root DC=com, DC=airwlab, CN=SE Lab Root CA');
  });

  it('issuing CA neither given nor at its AIA URL: pki.chain fails naming it', async () => {
    serve(pki);
    server.files.delete('issuing.crt');
    const r = await run(pki, pki.devicePem);
    expect(r['pki.chain']?.status).toBe('fail');
    expect(r['pki.chain']?.evidence.join('\n')).toContain('missing CA certificate "DC=com, DC=airwlab, CN=SE Lab Issuing CA"');
    // Only the chain is red: the revocation checks say why they cannot judge yet.
    expect(failing(r)).toEqual(['pki.chain']);
    expect(r['pki.not-revoked']?.status).toBe('warn');
  });

  it('a server certificate as device: pki.device-cert fails on EKU and UPN', async () => {
    serve(pki);
    const r = await run(pki, pki.serverPem, { intermediates: [pki.issuingPem] });
    expect(r['pki.device-cert']?.status).toBe('fail');
    const evidence = r['pki.device-cert']?.evidence.join('\n') ?? '';
    expect(evidence).toContain('without Client Authentication');
    expect(evidence).toContain('SAN has no UPN');
  });

  it('an unreadable device certificate path: pki.device-cert fails naming the field', async () => {
    serve(pki);
    const r = await runChecks(PKI_CHECKS, { settings: { ...settingsFor(pki, pki.devicePem), certificates: { roots: [pki.rootPem], intermediates: [], deviceCertificate: 'missing.cer' } }, secrets: {}, baseDir: pki.dir });
    expect(r[0]?.status).toBe('fail');
    expect(r[0]?.evidence.join('\n')).toContain('certificates.deviceCertificate');
  });
});

describe('PKI variants', () => {
  it('LDAP-only CDP and AIA: pki.no-ldap-urls fails with the certutil fix; the revocation checks do not fail', async () => {
    const pki = pkiFor({ keyType: 'ec', cdp: 'ldap-only' });
    serve(pki);
    const r = await run(pki, pki.devicePem, { intermediates: [pki.issuingPem] });
    expect(r['pki.no-ldap-urls']?.status).toBe('fail');
    expect(r['pki.no-ldap-urls']?.command).toContain('certutil -setreg CA\\CRLPublicationURLs');
    expect(r['pki.no-ldap-urls']?.command).toContain(`http://${HOST}:${server.port}/CertEnroll/%3%8%9.crl`);
    for (const id of ['pki.device-cert', 'pki.chain', 'pki.crl-reachable', 'pki.crl-valid', 'pki.not-revoked']) {
      expect(r[id]?.status, id).not.toBe('fail');
    }
    expect(r['pki.not-revoked']?.status).toBe('warn');
  });

  it('expired base CRL: pki.crl-valid fails and says so', async () => {
    const pki = pkiFor({ keyType: 'ec', expiredCrl: true });
    serve(pki);
    const r = await run(pki, pki.devicePem);
    expect(statuses(r)).toEqual({ ...ALL_PASS, 'pki.crl-valid': 'fail' });
    expect(r['pki.crl-valid']?.evidence.join('\n')).toMatch(/nextUpdate 2024-01-08 00:00:00Z: expired/);
    expect(r['pki.crl-valid']?.command).toBe('certutil -crl');
  });

  it('expired device certificate: pki.device-cert fails', async () => {
    const pki = pkiFor({ keyType: 'ec', deviceValidity: 'expired' });
    serve(pki);
    const r = await run(pki, pki.devicePem);
    expect(r['pki.device-cert']?.status).toBe('fail');
    expect(r['pki.device-cert']?.evidence.join('\n')).toContain('expired');
  });
});
