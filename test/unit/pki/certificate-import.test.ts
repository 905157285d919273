import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Secret } from '../../../app/config/secrets';
import { importCertificates, MAX_IMPORT_BYTES } from '../../../app/pki/certificate-import';
import { deviceUpn } from '../../../app/checks/run/device-identity';
import type { CheckContext } from '../../../app/checks/types';
import { emptySettings } from '../../../app/contract/settings';
import { makeTestPki, type TestPki } from '../../fixtures/pki/openssl-pki';

let pki: TestPki;
const file = (name: string): Buffer => readFileSync(join(pki.dir, name));
const fingerprint = (name: string): string =>
  execFileSync('openssl', ['x509', '-in', name, '-noout', '-fingerprint', '-sha256'], { cwd: pki.dir, encoding: 'utf8' }).trim().split('=')[1] as string;

beforeAll(() => {
  pki = makeTestPki({ baseUrl: 'http://pki.import.lab/CertEnroll', keyType: 'rsa' });
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: pki.dir });
  run(['crl2pkcs7', '-nocrl', '-certfile', 'issuing.pem', '-certfile', 'root.pem', '-out', 'chain.p7b.pem']);
  run(['crl2pkcs7', '-nocrl', '-certfile', 'issuing.pem', '-certfile', 'root.pem', '-outform', 'DER', '-out', 'chain.p7b']);
  run(['pkcs12', '-export', '-in', 'alice.pem', '-inkey', 'alice.key', '-certfile', 'issuing.pem', '-passout', 'pass:s3cret', '-out', 'alice.p12']);
  run(['req', '-new', '-key', 'alice.key', '-subj', '/CN=alice', '-out', 'alice.csr']);
}, 60_000);

describe('importCertificates', () => {
  it('reads PEM and DER and summarises subject, SAN, EKU, CDP, AIA, fingerprint', async () => {
    const pem = await importCertificates({ bytes: Buffer.from(pki.devicePem) });
    expect(pem.ok && pem.value.format).toBe('pem');
    const alice = pem.ok ? pem.value.certificates[0] : undefined;
    expect(alice).toMatchObject({
      subject: 'CN=alice',
      issuer: 'DC=com, DC=airwlab, CN=SE Lab Issuing CA',
      san: { upn: ['alice@se.airwlab.com'], email: ['alice@se.airwlab.com'] },
      eku: ['Client Authentication', 'Smart Card Logon'],
      cdp: ['http://pki.import.lab/CertEnroll/issuing.crl'],
      aia: { caIssuers: ['http://pki.import.lab/CertEnroll/issuing.crt'], ocsp: [] },
      sha256Fingerprint: fingerprint('alice.pem'),
      isCa: false,
    });
    const der = await importCertificates({ bytes: file('issuing.crt') });
    expect(der.ok && der.value.format).toBe('der');
    expect(der.ok && der.value.certificates[0]?.isCa).toBe(true);
  });

  it('reads PKCS#7 bundles in DER and PEM', async () => {
    for (const name of ['chain.p7b', 'chain.p7b.pem']) {
      const r = await importCertificates({ bytes: file(name) });
      expect(r.ok && r.value.format, name).toBe('pkcs7');
      expect(r.ok && r.value.certificates.map((c) => c.sha256Fingerprint).sort(), name).toEqual([fingerprint('issuing.pem'), fingerprint('root.pem')].sort());
    }
  });

  it('reads a PFX with its password, keeping only the public certificates', async () => {
    const r = await importCertificates({ bytes: file('alice.p12'), password: new Secret('s3cret') });
    expect(r.ok && r.value.format).toBe('pfx');
    expect(r.ok && r.value.certificates.map((c) => c.sha256Fingerprint).sort()).toEqual([fingerprint('alice.pem'), fingerprint('issuing.pem')].sort());
    expect(JSON.stringify(r)).not.toMatch(/PRIVATE|s3cret/);
  });

  it('names what is wrong: PFX password missing or wrong, a request, a CRL, a key, empty, too large, garbage', async () => {
    const code = async (bytes: Uint8Array, password?: string) => {
      const r = await importCertificates({ bytes, ...(password === undefined ? {} : { password: new Secret(password) }) });
      return r.ok ? 'ok' : r.error.code;
    };
    expect(await code(file('alice.p12'))).toBe('pki.import.pfx-password');
    expect(await code(file('alice.p12'), 'nope')).toBe('pki.import.pfx-password');
    expect(await code(file('alice.csr'))).toBe('pki.import.request');
    expect(await code(file('alice.key'))).toBe('pki.import.no-certificates');
    expect(await code(new Uint8Array(0))).toBe('pki.import.empty');
    expect(await code(new Uint8Array(MAX_IMPORT_BYTES + 1))).toBe('pki.import.too-large');
    expect(await code(Buffer.from('not a certificate at all'))).toBe('pki.import.unknown-format');
    const crl = await importCertificates({ bytes: pki.files.get('issuing.crl') as Buffer });
    expect(crl.ok ? '' : crl.error.message).toContain('revocation list (CRL), not a certificate');
  });
});

describe('deviceUpn', () => {
  it('gives the UPN of the settings device certificate, read once per run', async () => {
    const settings = emptySettings();
    settings.certificates = { roots: [], intermediates: [], deviceCertificate: 'alice.pem' };
    const memos = new Map<string, Promise<unknown>>();
    const ctx = {
      settings,
      baseDir: pki.dir,
      memo: <T>(key: string, make: () => Promise<T>) => {
        if (!memos.has(key)) memos.set(key, make());
        return memos.get(key) as Promise<T>;
      },
    } as unknown as CheckContext;
    expect(await deviceUpn(ctx)).toBe('alice@se.airwlab.com');
    expect(memos.size).toBe(1);
  });
});
