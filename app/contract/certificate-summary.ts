/** What the wizard shows for one certificate, and what the API returns from an import. */
export interface CertificateSummary {
  readonly subject: string;
  readonly issuer: string;
  /** Upper-case hex, as Windows' certificate dialog and certutil show it. */
  readonly serialNumber: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly san: {
    readonly upn: readonly string[];
    readonly email: readonly string[];
    readonly dns: readonly string[];
    readonly uri: readonly string[];
    readonly other: readonly string[];
  };
  /** Extended key usages by name (OID when unnamed); null when the extension is absent. */
  readonly eku: readonly string[] | null;
  readonly cdp: readonly string[];
  readonly freshestCrl: readonly string[];
  readonly aia: { readonly caIssuers: readonly string[]; readonly ocsp: readonly string[] };
  /** SHA-256 of the DER, upper-case hex pairs joined by colons. */
  readonly sha256Fingerprint: string;
  readonly isCa: boolean;
  readonly selfIssued: boolean;
  readonly keyAlgorithm: string;
  readonly subjectKeyId: string | null;
  readonly authorityKeyId: string | null;
  readonly pem: string;
}
