import { readFile } from 'node:fs/promises';
import { resolveSettingsPath } from '../config/settings-path';
import forge from 'node-forge';
import { Secret } from '../config/secrets';
import { OID } from '../pki/oids';
import type { CmsCredential } from './cms-signature';
import { uemErr, uemOk, type UemResult } from './uem-error';

const MAX_PFX_BYTES = 1024 * 1024;

/**
 * The admin's API client certificate and key from a PFX (as the console's "Generate Client
 * Certificate" exports it). The key is kept only as a Secret, in memory, for signing requests.
 */
export async function loadClientCertificate(path: string, baseDir: string, password: Secret): Promise<UemResult<CmsCredential>> {
  const full = resolveSettingsPath(path, baseDir);
  let bytes: Buffer;
  try {
    bytes = await readFile(full);
  } catch (error) {
    return uemErr(
      'uem.client-certificate-unreadable',
      `The API client certificate ${full} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      'Give the path of the PFX the UEM console exported for the API admin, relative to the settings file.',
    );
  }
  if (bytes.length > MAX_PFX_BYTES)
    return uemErr('uem.client-certificate-unreadable', `${full} is too large to be a client certificate`, 'Give the PFX file itself.');
  let pfx: forge.pkcs12.Pkcs12Pfx;
  try {
    pfx = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary'))), password.reveal());
  } catch {
    return uemErr(
      'uem.client-certificate-password',
      `${full} does not open with the password given (or is not a PFX file)`,
      'Give the PFX password in SEG_UEM_PASSWORD (or on the UEM API step).',
    );
  }
  const bagsOf = (type: string) => pfx.getBags({ bagType: type })[type] ?? [];
  const keyBag = [...bagsOf(OID.pkcs12ShroudedKeyBag), ...bagsOf(OID.pkcs12KeyBag)][0];
  const certBags = bagsOf(OID.pkcs12CertBag);
  const key = keyBag?.key;
  if (!key)
    return uemErr(
      'uem.client-certificate-no-key',
      `${full} holds no private key`,
      'Export the API admin certificate from the UEM console together with its private key (PFX).',
    );
  const publicKeyPem = forge.pki.publicKeyToPem(forge.pki.setRsaPublicKey((key as forge.pki.rsa.PrivateKey).n, (key as forge.pki.rsa.PrivateKey).e));
  const leaf = certBags.map((b) => b.cert).find((c) => c !== undefined && forge.pki.publicKeyToPem(c.publicKey) === publicKeyPem);
  if (!leaf)
    return uemErr(
      'uem.client-certificate-no-key',
      `${full} holds no certificate for its private key`,
      'Export the API admin certificate from the UEM console together with its private key (PFX).',
    );
  return uemOk({ certificatePem: forge.pki.certificateToPem(leaf), privateKeyPem: new Secret(forge.pki.privateKeyToPem(key)) });
}
