import { join } from 'node:path';
import { runOk } from './proc';

/**
 * A device certificate for a user (self-signed, SAN otherName UPN and rfc822, EKU clientAuth):
 * all krb.s4u2self needs of it is the UPN. Returns the PEM file.
 */
export async function deviceCertFor(dir: string, upn: string): Promise<string> {
  const cert = join(dir, `${upn.replace(/[^a-z0-9.]/gi, '_')}.pem`);
  const key = join(dir, `${upn.replace(/[^a-z0-9.]/gi, '_')}.key`);
  await runOk('device certificate', 'openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '30',
    '-subj',
    `/CN=${upn}`,
    '-keyout',
    key,
    '-out',
    cert,
    '-addext',
    `subjectAltName=otherName:1.3.6.1.4.1.311.20.2.3;UTF8:${upn},email:${upn}`,
    '-addext',
    'extendedKeyUsage=clientAuth,1.3.6.1.4.1.311.20.2.2',
  ]);
  return cert;
}
