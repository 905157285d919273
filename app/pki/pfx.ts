import { err, ok, type Result } from '../contract/result';
import type { Secret } from '../config/secrets';
import { OID } from './oids';

/**
 * The public certificates of a PFX/P12 file (RFC 7292), as DER. node-forge decrypts every
 * bag while it reads the file, key bags included; only certificate bags leave this
 * function, so the device's private key is dropped with forge's objects when it returns.
 * forge is loaded here, on the first PFX: it is a large library that nothing else on the
 * way to a verify run needs.
 */
export async function certificatesFromPfx(bytes: Buffer, password: Secret | undefined): Promise<Result<Buffer[]>> {
  const { default: forge } = await import('node-forge');
  let pfx: import('node-forge').pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary')), true);
    pfx = forge.pkcs12.pkcs12FromAsn1(asn1, false, password?.reveal() ?? '');
  } catch (e) {
    const message = (e as Error).message;
    if (/password|MAC could not be verified|decrypt/i.test(message)) {
      return password === undefined || password.isEmpty
        ? err(
            'pki.import.pfx-password',
            'This PFX file is protected by a password.',
            'Enter the PFX password. Only the public certificates are kept; the private key is never stored.',
          )
        : err('pki.import.pfx-password', 'The PFX password is wrong.', 'Enter the password the file was exported with.');
    }
    return err(
      'pki.import.bad-pfx',
      `The PFX file cannot be read: ${message}`,
      'Export it again from the certificate store (Export… > Personal Information Exchange), or export the public certificate alone as .cer.',
    );
  }
  const bags = pfx.getBags({ bagType: OID.pkcs12CertBag })[OID.pkcs12CertBag] ?? [];
  const ders: Buffer[] = [];
  for (const bag of bags) {
    // forge parses RSA certificates and leaves the others (ECDSA) as ASN.1; both re-encode to their DER.
    const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
    ders.push(Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'));
  }
  if (ders.length === 0) return err('pki.import.no-certificates', 'The PFX file holds no certificate.', 'Export the certificate together with its chain.');
  return ok(ders);
}
