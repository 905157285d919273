import forge from 'node-forge';
import type { Secret } from '../config/secrets';
import { uemErr, uemOk, type UemResult } from './uem-error';

/** An admin's API client certificate (console-issued, RSA) and its private key, both PEM. */
export interface CmsCredential {
  readonly certificatePem: string;
  readonly privateKeyPem: Secret;
}

/**
 * The `Authorization` value of certificate-based API authentication: the literal ``CMSURL`1``,
 * a space, and a detached CMS SignedData over the UTF-8 bytes of the request's absolute path
 * (no host, no query), with a signing-time attribute (uem-api-notes.md 3.2, after the public
 * PowerShell and .NET clients that sign `Uri.AbsolutePath`).
 */
export function cmsAuthorization(credential: CmsCredential, absolutePath: string, now: Date): UemResult<string> {
  let certificate: forge.pki.Certificate;
  let key: forge.pki.rsa.PrivateKey;
  try {
    certificate = forge.pki.certificateFromPem(credential.certificatePem);
  } catch {
    return uemErr(
      'uem.cms-certificate',
      'The API client certificate is not a readable PEM RSA certificate',
      "Export the admin's API certificate from the UEM console as PEM (node-forge reads RSA certificates only).",
    );
  }
  try {
    key = forge.pki.privateKeyFromPem(credential.privateKeyPem.reveal()) as forge.pki.rsa.PrivateKey;
  } catch {
    return uemErr(
      'uem.cms-key',
      'The private key of the API client certificate is not a readable, unencrypted PEM RSA key',
      'Give the private key that belongs to the API certificate as unencrypted PEM.',
    );
  }
  const signed = forge.pkcs7.createSignedData();
  signed.content = forge.util.createBuffer(forge.util.encodeUtf8(absolutePath));
  signed.addCertificate(certificate);
  signed.addSigner({
    key,
    certificate,
    digestAlgorithm: forge.pki.oids.sha256 as string,
    authenticatedAttributes: [
      { type: forge.pki.oids.contentType as string, value: forge.pki.oids.data as string },
      { type: forge.pki.oids.messageDigest as string },
      { type: forge.pki.oids.signingTime as string, value: now as unknown as string },
    ],
  });
  signed.sign({ detached: true });
  const der = forge.asn1.toDer(signed.toAsn1()).getBytes();
  return uemOk(`CMSURL\`1 ${forge.util.encode64(der)}`);
}
