import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { CertificateSummary, CoreApi } from '../../../app/contract/core-api';
import { createCore } from '../../../app/core/core';
import { INPUT_CHECKS } from '../../../app/checks/input';
import { coreImporter, type FileOutcome } from '../../../renderer/wizard/certificate-import';
import { placeCertificates, type CertificatePlaces } from '../../../renderer/wizard/certificate-placement';
import { makeChainFiles, type ChainFiles } from '../../e2e/pki-files';

// The page's file import against the real core: PFX and PKCS#7 chains made with the openssl CLI.

let files: ChainFiles;
let profileDir: string;
let api: CoreApi;

beforeAll(() => {
  files = makeChainFiles();
  profileDir = mkdtempSync(join(tmpdir(), 'seg-import-'));
  api = createCore({ profileDir, catalogue: INPUT_CHECKS }).api;
});

afterAll(() => {
  files?.close();
  rmSync(profileDir, { recursive: true, force: true });
});

const fileOf = (path: string, name: string) => new File([readFileSync(path)], name);
const empty: CertificatePlaces = { roots: [], intermediates: [], deviceCertificate: '' };

async function certificatesOf(
  outcome: Promise<FileOutcome>,
): Promise<{ format: 'pem' | 'der' | 'pkcs7' | 'pfx'; certificates: readonly CertificateSummary[] }> {
  const result = await outcome;
  if (result.kind !== 'certificates') throw new Error(`expected certificates, got ${JSON.stringify(result)}`);
  return result;
}

test('a PFX asks for its password, names a wrong one, and with the right one gives public certificates only', async () => {
  const importer = coreImporter(api);
  const pfx = fileOf(files.pfx, 'alice.pfx');
  expect(await importer(pfx)).toEqual({ kind: 'needs-password', message: expect.stringContaining('protected by a password') });
  expect(await importer(pfx, 'not the password')).toEqual({ kind: 'needs-password', message: expect.stringContaining('wrong') });
  const imported = await certificatesOf(importer(pfx, files.pfxPassword));
  expect(imported.format).toBe('pfx');
  expect(imported.certificates.map((c) => c.subject)).toEqual(
    expect.arrayContaining(['CN=alice', 'DC=com, DC=airwlab, CN=SE Lab Issuing CA', 'DC=com, DC=airwlab, CN=SE Lab Root CA']),
  );
  expect(imported.certificates.map((c) => c.pem.replace(/\s/g, ''))).toContain(files.pki.devicePem.replace(/\s/g, ''));
  expect(JSON.stringify(imported)).not.toMatch(/PRIVATE KEY|pfx-\d+-secret/);
});

test('a PFX chain given to the device field fills all three places and says what went where', async () => {
  const imported = await certificatesOf(coreImporter(api)(fileOf(files.pfx, 'alice.pfx'), files.pfxPassword));
  const { places, notice } = placeCertificates(empty, imported, 'device');
  expect(places.deviceCertificate.replace(/\s/g, '')).toBe(files.pki.devicePem.replace(/\s/g, ''));
  expect(places.intermediates.map((p) => p.replace(/\s/g, ''))).toEqual([files.pki.issuingPem.replace(/\s/g, '')]);
  expect(places.roots.map((p) => p.replace(/\s/g, ''))).toEqual([files.pki.rootPem.replace(/\s/g, '')]);
  expect(notice).toMatch(/Sample device certificate: CN=alice\. Intermediate CAs: .*Issuing CA\. Root CA: .*Root CA\./);
});

test('the same chain given to a CA field leaves the device certificate alone, and importing it again adds nothing', async () => {
  const imported = await certificatesOf(coreImporter(api)(fileOf(files.pfx, 'alice.pfx'), files.pfxPassword));
  const first = placeCertificates(empty, imported, 'root');
  expect(first.places.deviceCertificate).toBe('');
  expect(first.places.roots).toHaveLength(1);
  expect(first.places.intermediates).toHaveLength(1);
  expect(first.notice).toContain('Not used: CN=alice, a device certificate; give the file to Sample device certificate');
  const again = placeCertificates(first.places, imported, 'device');
  expect(again.places.roots).toEqual(first.places.roots);
  expect(again.places.intermediates).toEqual(first.places.intermediates);
  expect(again.places.deviceCertificate).not.toBe('');
  expect(again.notice).toMatch(/^Sample device certificate: CN=alice\. Already listed: .*Issuing CA; .*Root CA\.$/);
});

test('a PKCS#7 file needs no password and puts its CA certificates in their places', async () => {
  const imported = await certificatesOf(coreImporter(api)(fileOf(files.p7b, 'chain.p7b')));
  expect(imported.format).toBe('pkcs7');
  const { places } = placeCertificates(empty, imported, 'intermediate');
  expect(places.roots.map((p) => p.replace(/\s/g, ''))).toEqual([files.pki.rootPem.replace(/\s/g, '')]);
  expect(places.intermediates.map((p) => p.replace(/\s/g, ''))).toEqual([files.pki.issuingPem.replace(/\s/g, '')]);
});

test('a PEM file goes where it was put, without a notice; several for the device keep the first', async () => {
  const pem = new File([files.pki.issuingPem + files.pki.rootPem], 'chain.pem');
  const imported = await certificatesOf(coreImporter(api)(pem));
  expect(imported.format).toBe('pem');
  const intoIntermediates = placeCertificates(empty, imported, 'intermediate');
  expect(intoIntermediates.places.intermediates).toHaveLength(2);
  expect(intoIntermediates.places.roots).toHaveLength(0);
  expect(intoIntermediates.notice).toBeNull();
  const intoDevice = placeCertificates(empty, imported, 'device');
  expect(intoDevice.places.deviceCertificate).toBe(imported.certificates[0]?.pem);
  expect(intoDevice.notice).toMatch(/Not used: .*Root CA; one sample device certificate is enough\./);
});

test("a file that is no certificate is refused with the core's reason", async () => {
  expect(await coreImporter(api)(new File(['just notes'], 'notes.txt'))).toEqual({
    kind: 'refused',
    message: expect.stringContaining('not a certificate file'),
  });
});
