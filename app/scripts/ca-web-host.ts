/** Where a script input's value came from, as the Configure step shows it beside the field. */
export interface DerivedHost {
  readonly host: string;
  /** In words: "the CRL distribution point of the device certificate". */
  readonly from: string;
}

/** The certificates whose HTTP URLs name the CA's web server, the best witness first. */
export interface CaUrlSources {
  /** The device certificate's CDP and AIA: the issuing CA's own publication points. */
  readonly device: { readonly cdp: readonly string[]; readonly caIssuers: readonly string[] } | null;
  /** Intermediate CA certificates' CDP and AIA: where the CA above publishes, often the same web server. */
  readonly intermediates: readonly { readonly cdp: readonly string[]; readonly caIssuers: readonly string[] }[];
}

function httpHost(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' ? parsed.hostname : null;
  } catch {
    return null;
  }
}

/**
 * The CA web host the CDP/AIA script writes into certificates, read from the HTTP CRL
 * distribution points and AIA URLs the loaded certificates already carry. Only plain http://
 * counts: CDP and AIA must not be fetched over HTTPS (RFC 5280 §4.2.1.13, a TLS check would
 * itself need revocation). Null when no certificate names one: the Configure step then asks.
 */
export function deriveCaWebHost(sources: CaUrlSources): DerivedHost | null {
  const candidates: { readonly urls: readonly string[]; readonly from: string }[] = [
    ...(sources.device
      ? [
          { urls: sources.device.cdp, from: 'the CRL distribution point of the device certificate' },
          { urls: sources.device.caIssuers, from: 'the AIA of the device certificate' },
        ]
      : []),
    ...sources.intermediates.flatMap((c) => [
      { urls: c.cdp, from: 'the CRL distribution point of the intermediate CA certificate' },
      { urls: c.caIssuers, from: 'the AIA of the intermediate CA certificate' },
    ]),
  ];
  for (const candidate of candidates) {
    for (const url of candidate.urls) {
      const host = httpHost(url);
      if (host) return { host, from: candidate.from };
    }
  }
  return null;
}
