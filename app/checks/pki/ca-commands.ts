import { nativeArg } from '../../scripts/quote';

/**
 * The exact commands the PKI checks hand a person. The CA registry values and their flag
 * numbers are AD CS's (CRLPublicationURLs: 1 publish CRLs here, 2 include in the CDP of
 * issued certificates, 4 include in CRLs for delta lookup, 64 publish delta CRLs here;
 * CACertPublicationURLs: 1 publish here, 2 include in the AIA of issued certificates).
 */

/** The HTTP base (scheme + host) of a certificate's URLs, for a command the person can paste. */
export function httpBaseOf(urls: readonly string[]): string {
  for (const url of urls) {
    const m = /^(https?:\/\/[A-Za-z0-9.:[\]-]+)(?:\/|$)/i.exec(url.trim());
    if (m?.[1] !== undefined) return m[1];
  }
  return 'http://<pki host>';
}

/** The guide's CDP/AIA change as certutil commands (run on the CA, elevated; in a .cmd file double each %). */
export function httpOnlyPublicationCommands(httpBase: string): string {
  return [
    `certutil -setreg CA\\CRLPublicationURLs "65:C:\\Windows\\system32\\CertSrv\\CertEnroll\\%3%8%9.crl\\n65:ldap:///CN=%7%8,CN=%2,CN=CDP,CN=Public Key Services,CN=Services,%6%10\\n6:${httpBase}/CertEnroll/%3%8%9.crl"`,
    `certutil -setreg CA\\CACertPublicationURLs "1:C:\\Windows\\system32\\CertSrv\\CertEnroll\\%1_%3%4.crt\\n2:${httpBase}/CertEnroll/%1_%3%4.crt"`,
    'net stop certsvc && net start certsvc',
    'certutil -crl',
  ].join('\n');
}

/** iis-notes.md §8: let IIS serve the `+` of delta CRL names on the CA's CertEnroll folder. */
export const ALLOW_DOUBLE_ESCAPING =
  '%windir%\\system32\\inetsrv\\appcmd.exe set config "Default Web Site/CertEnroll" -section:system.webServer/security/requestFiltering -allowDoubleEscaping:true /commit:apphost';

/** Publishes a new base and delta CRL now (on the CA). */
export const PUBLISH_CRL = 'certutil -crl';

/** Shows a certificate's revocation record in the CA database. */
export function showRevocation(serialHex: string): string {
  return `certutil -view -restrict "SerialNumber=${serialHex.toLowerCase()}" -out "RequestID,RevokedWhen,RevokedReason,CommonName"`;
}

/** Exports a CA's own certificate (run on that CA), to add it in the Certificates step. */
export const EXPORT_CA_CERTIFICATE = 'certutil -ca.cert ca.cer';

/** Tests a certificate the way Windows does, fetching every CDP and AIA (run on the SEG). */
export function verifyUrlFetch(file: string): string {
  return `certutil -verify -urlfetch ${nativeArg(file)}`;
}
