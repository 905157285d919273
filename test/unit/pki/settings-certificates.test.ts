import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCertificateRefs } from '../../../app/pki/certificate-refs';
import { emptySettings } from '../../../app/contract/settings';
import { loadPkiInputs, readCertificateEntry } from '../../../app/pki/settings-certificates';
import { makeTestPki, type TestPki } from '../../fixtures/pki/openssl-pki';

let pki: TestPki;
let dir: string;

beforeAll(() => {
  pki = makeTestPki({ baseUrl: 'http://pki.test.lab/CertEnroll' });
  dir = mkdtempSync(join(tmpdir(), 'settings-certs-'));
  writeFileSync(join(dir, 'root.pem'), pki.rootPem);
  writeFileSync(join(dir, 'chain.pem'), pki.issuingPem + pki.rootPem);
  writeFileSync(join(dir, 'empty.cer'), '');
  mkdirSync(join(dir, 'folder.cer'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(pki.dir, { recursive: true, force: true });
});

describe('one reader of certificate entries for the checks and the scripts', () => {
  it('reads a path relative to the settings folder and inline PEM', async () => {
    const file = await readCertificateEntry('root.pem', dir);
    expect(file.ok && { inline: file.value.inline, format: file.value.format, n: file.value.certificates.length }).toEqual({
      inline: false,
      format: 'pem',
      n: 1,
    });
    const inline = await readCertificateEntry(`  ${pki.rootPem}`, dir);
    expect(inline.ok && inline.value.inline).toBe(true);
  });

  it('refuses a folder, a missing file and an empty one, with a typed error', async () => {
    const folder = await readCertificateEntry('folder.cer', dir);
    expect(!folder.ok && folder.error.code).toBe('pki.settings.unreadable');
    expect(!folder.ok && folder.error.message).toMatch(/folder\.cer cannot be read \(not a file\)/);
    const missing = await readCertificateEntry('missing.cer', dir);
    expect(!missing.ok && missing.error.code).toBe('pki.settings.unreadable');
    const empty = await readCertificateEntry('empty.cer', dir);
    expect(!empty.ok && empty.error.code).toBe('pki.import.empty');
  });

  it('the checks name the settings field, the scripts the entry', async () => {
    const inputs = await loadPkiInputs({ ...emptySettings().certificates, roots: ['folder.cer'] }, dir);
    expect(inputs.problems.map((p) => [p.field, p.error.code])).toEqual([['certificates.roots.0', 'pki.settings.unreadable']]);
    expect(inputs.problems[0]?.error.message).toMatch(/^certificates\.roots\.0: .*folder\.cer cannot be read/);
    const refs = await loadCertificateRefs('folder.cer', dir, 'root', 0);
    expect(!refs.ok && refs.error.message).toMatch(/^folder\.cer: .*folder\.cer cannot be read/);
  });

  it('a script names the user’s own single-certificate file, and writes the certificates of a chain file', async () => {
    const own = await loadCertificateRefs('root.pem', dir, 'root', 0);
    expect(own.ok && own.value.map((r) => [r.fileName, r.written])).toEqual([['root.pem', false]]);
    const chain = await loadCertificateRefs('chain.pem', dir, 'intermediate', 1);
    expect(chain.ok && chain.value.map((r) => [r.fileName, r.written])).toEqual([
      ['intermediate-2-1.cer', true],
      ['intermediate-2-2.cer', true],
    ]);
  });
});
