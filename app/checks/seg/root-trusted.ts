import { loadAllCertificateRefs, type CertificateRef } from '../../pki/certificate-refs';
import type { RegistryExport } from '../../scripts/reg-file';
import { nativeArg } from '../../scripts/quote';
import { defineCheck } from '../define';
import type { CheckContext } from '../types';
import { failed, loadRegistry, noRegistry, unreadable, type Unreadable } from './seg-copies';

const ROOT_STORES = [
  'SOFTWARE\\Microsoft\\SystemCertificates\\ROOT',
  'SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\Root',
  'SOFTWARE\\Microsoft\\EnterpriseCertificates\\Root',
];
const CA_STORES = [
  'SOFTWARE\\Microsoft\\SystemCertificates\\CA',
  'SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\CA',
  'SOFTWARE\\Microsoft\\EnterpriseCertificates\\CA',
];

/** A CA certificate of the settings, and the SEG store (under HKLM) that holds it, or null. */
export interface StoredCertificate {
  readonly subject: string;
  readonly thumbprint: string;
  /** The file the certutil command names. */
  readonly fileName: string;
  readonly store: string | null;
}

export type RootTrustedFacts =
  Unreadable | { readonly read: 'ok'; readonly roots: readonly StoredCertificate[]; readonly intermediates: readonly StoredCertificate[] };

function stored(registry: RegistryExport, stores: readonly string[], cert: CertificateRef): StoredCertificate {
  const store = stores.find((s) => registry.has(`hkey_local_machine\\${s}\\Certificates\\${cert.thumbprint}`.toLowerCase()));
  return { subject: cert.subject, thumbprint: cert.thumbprint, fileName: cert.fileName, store: store ?? null };
}

async function gather(ctx: CheckContext): Promise<RootTrustedFacts> {
  const registry = await loadRegistry(ctx);
  if (!registry.ok) return unreadable(registry.error);
  const roots = await loadAllCertificateRefs(ctx.settings.certificates.roots, ctx.baseDir, 'root');
  if (!roots.ok) return unreadable(roots.error);
  const intermediates = await loadAllCertificateRefs(ctx.settings.certificates.intermediates, ctx.baseDir, 'intermediate');
  if (!intermediates.ok) return unreadable(intermediates.error);
  return {
    read: 'ok',
    roots: roots.value.map((cert) => stored(registry.value, ROOT_STORES, cert)),
    intermediates: intermediates.value.map((cert) => stored(registry.value, [...CA_STORES, ...ROOT_STORES], cert)),
  };
}

const where = (cert: StoredCertificate, missing: string) => `${cert.subject} (${cert.thumbprint}): ${cert.store ? `in HKLM\\${cert.store}` : missing}`;

export const rootTrusted = defineCheck<RootTrustedFacts>({
  id: 'seg.root-trusted',
  title: 'The SEG trusts the root CA (and holds the intermediates)',
  applies: (s) => noRegistry(s) ?? (s.certificates.roots.length === 0 ? 'No root certificate is given (certificates.roots)' : null),
  gather,
  judge(facts) {
    if (facts.read === 'failed') return failed(facts);
    const evidence = [
      ...facts.roots.map((cert) => where(cert, 'not in the Local Computer Trusted Root store')),
      ...facts.intermediates.map((cert) => where(cert, 'not in the Intermediate Certification Authorities store')),
    ];
    const missingRoots = facts.roots.filter((cert) => !cert.store);
    const missingCas = facts.intermediates.filter((cert) => !cert.store);
    const command = [
      ...missingRoots.map((c) => `certutil -addstore -f Root ${nativeArg(c.fileName)}`),
      ...missingCas.map((c) => `certutil -addstore -f CA ${nativeArg(c.fileName)}`),
    ].join('\n');
    if (missingRoots.length > 0)
      return {
        status: 'fail',
        evidence,
        remedy:
          'Import the root CA certificate into the SEG’s Local Computer Trusted Root Certification Authorities store (guide: Install SEG, step 13; script seg-trust-ca.cmd).',
        command,
      };
    if (missingCas.length > 0)
      return {
        status: 'warn',
        evidence,
        remedy: 'Import the intermediate CA certificates into the SEG’s Intermediate Certification Authorities store (guide: Install SEG, step 13).',
        command,
      };
    return { status: 'pass', evidence };
  },
});
