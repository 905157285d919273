import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { Secret } from '../../../app/config/secrets';
import { cmsAuthorization } from '../../../app/uem/cms-signature';

function adminCertificate() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '0a';
  cert.validity.notBefore = new Date(Date.now() - 60_000);
  cert.validity.notAfter = new Date(Date.now() + 86_400_000);
  cert.setSubject([{ name: 'commonName', value: '692:segadmin' }]);
  cert.setIssuer([{ name: 'commonName', value: 'AW Admin User Root' }]);
  cert.sign(forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(cert), keyPem };
}

describe('cmsAuthorization', () => {
  it('is CMSURL`1 and a detached CMS signature over the absolute path that openssl verifies', () => {
    const { certificatePem, keyPem } = adminCertificate();
    const header = cmsAuthorization({ certificatePem, privateKeyPem: new Secret(keyPem) }, '/api/system/info', new Date());
    expect(header.ok).toBe(true);
    if (!header.ok) return;
    expect(header.value.startsWith('CMSURL`1 ')).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'cms-'));
    try {
      writeFileSync(join(dir, 'sig.der'), Buffer.from(header.value.slice('CMSURL`1 '.length), 'base64'));
      writeFileSync(join(dir, 'right.txt'), '/api/system/info');
      writeFileSync(join(dir, 'wrong.txt'), '/api/system/groups/search');
      const verify = (content: string) =>
        execFileSync('openssl', ['cms', '-verify', '-binary', '-noverify', '-inform', 'DER', '-in', 'sig.der', '-content', content, '-out', '/dev/null'], {
          cwd: dir,
          stdio: ['ignore', 'ignore', 'pipe'],
        });
      expect(() => verify('right.txt')).not.toThrow();
      expect(() => verify('wrong.txt')).toThrow();
      const printed = execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'sig.der'], { cwd: dir }).toString();
      expect(printed).toContain('signingTime');
      expect(printed).toContain('eContent: <ABSENT>');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unreadable certificate or key with a typed error and without the key in it', () => {
    const { certificatePem, keyPem } = adminCertificate();
    const badCert = cmsAuthorization({ certificatePem: 'not a cert', privateKeyPem: new Secret(keyPem) }, '/api', new Date());
    expect(!badCert.ok && badCert.error.code).toBe('uem.cms-certificate');
    const badKey = cmsAuthorization(
      { certificatePem, privateKeyPem: new Secret('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----') },
      '/api',
      new Date(),
    );
    expect(!badKey.ok && badKey.error.code).toBe('uem.cms-key');
    expect(JSON.stringify(badKey)).not.toContain('AAAA');
  });
});
