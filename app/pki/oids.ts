/** Object identifiers the PKI code matches on, named once (RFC 5280, RFC 4055, RFC 5758, [MS-WCCE]). */
export const OID = {
  // CRL extensions (RFC 5280 §5.2); the entry extensions (§5.3) are matched by their last arc in crl-walker.ts
  authorityKeyIdentifier: '2.5.29.35',
  issuerAltName: '2.5.29.18',
  crlNumber: '2.5.29.20',
  deltaCrlIndicator: '2.5.29.27',
  issuingDistributionPoint: '2.5.29.28',
  freshestCrl: '2.5.29.46',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  // Windows CA CRL extensions: informational, never critical
  msCaVersion: '1.3.6.1.4.1.311.21.1',
  msNextCrlPublish: '1.3.6.1.4.1.311.21.4',
  msCrlSelfCdp: '1.3.6.1.4.1.311.21.14',
  // certificate extensions and names
  upn: '1.3.6.1.4.1.311.20.2.3',
  ekuClientAuth: '1.3.6.1.5.5.7.3.2',
  ekuSmartcardLogon: '1.3.6.1.4.1.311.20.2.2',
  ekuAny: '2.5.29.37.0',
  // signature algorithms
  sha1WithRsa: '1.2.840.113549.1.1.5',
  sha224WithRsa: '1.2.840.113549.1.1.14',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  sha384WithRsa: '1.2.840.113549.1.1.12',
  sha512WithRsa: '1.2.840.113549.1.1.13',
  rsassaPss: '1.2.840.113549.1.1.10',
  mgf1: '1.2.840.113549.1.1.8',
  ecdsaWithSha1: '1.2.840.10045.4.1',
  ecdsaWithSha224: '1.2.840.10045.4.3.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  ecdsaWithSha384: '1.2.840.10045.4.3.3',
  ecdsaWithSha512: '1.2.840.10045.4.3.4',
  sha1: '1.3.14.3.2.26',
  sha224: '2.16.840.1.101.3.4.2.4',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  // containers
  pkcs7SignedData: '1.2.840.113549.1.7.2',
  pkcs12KeyBag: '1.2.840.113549.1.12.10.1.1',
  pkcs12ShroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  pkcs12CertBag: '1.2.840.113549.1.12.10.1.3',
} as const;

/** Names a person recognises for the extended key usages a device certificate may carry. */
export const EKU_NAMES: Readonly<Record<string, string>> = {
  '1.3.6.1.5.5.7.3.1': 'Server Authentication',
  [OID.ekuClientAuth]: 'Client Authentication',
  '1.3.6.1.5.5.7.3.4': 'Secure Email',
  '1.3.6.1.5.5.7.3.3': 'Code Signing',
  '1.3.6.1.5.5.7.3.9': 'OCSP Signing',
  [OID.ekuSmartcardLogon]: 'Smart Card Logon',
  '1.3.6.1.4.1.311.10.3.4': 'Encrypting File System',
  [OID.ekuAny]: 'Any Purpose',
};
