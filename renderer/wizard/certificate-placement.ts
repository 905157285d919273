import type { CertificateSummary } from '../../app/contract/core-api';
import type { CertificateRole } from './certificate-hints';
import type { FileFormat } from './certificate-import';

/** The three certificate places of the settings, as the Certificates step edits them. */
export interface CertificatePlaces {
  readonly roots: readonly string[];
  readonly intermediates: readonly string[];
  readonly deviceCertificate: string;
}

export interface Placement {
  readonly places: CertificatePlaces;
  /** What went where, when the person could not guess it; null for a plain add. */
  readonly notice: string | null;
}

const PLACE_NAMES: Record<CertificateRole, string> = { root: 'Root CA', intermediate: 'Intermediate CAs', device: 'Sample device certificate' };

function body(pem: string): string {
  return pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
}

/**
 * Where each certificate of one imported file goes. A PFX or PKCS#7 file with several
 * certificates is a chain: CA certificates go to Root CA when self-issued, else to
 * Intermediate CAs, and its end-entity certificate becomes the device certificate when the
 * file was given to the device field. Any other file goes where the person put it.
 * Certificates already listed are not added twice.
 */
export function placeCertificates(
  current: CertificatePlaces,
  imported: { readonly format: FileFormat; readonly certificates: readonly CertificateSummary[] },
  target: CertificateRole,
): Placement {
  const chain = (imported.format === 'pfx' || imported.format === 'pkcs7') && imported.certificates.length > 1;
  const listed = new Set([...current.roots, ...current.intermediates, ...(current.deviceCertificate === '' ? [] : [current.deviceCertificate])].map(body));
  const added: Record<CertificateRole, CertificateSummary[]> = { root: [], intermediate: [], device: [] };
  const already: CertificateSummary[] = [];
  const unused: CertificateSummary[] = [];

  for (const certificate of imported.certificates) {
    const role: CertificateRole = !chain ? target : certificate.isCa ? (certificate.selfIssued ? 'root' : 'intermediate') : 'device';
    if (listed.has(body(certificate.pem))) already.push(certificate);
    else if (role === 'device' && (added.device.length > 0 || (chain && target !== 'device'))) unused.push(certificate);
    else {
      added[role].push(certificate);
      listed.add(body(certificate.pem));
    }
  }

  const places: CertificatePlaces = {
    roots: [...current.roots, ...added.root.map((c) => c.pem)],
    intermediates: [...current.intermediates, ...added.intermediate.map((c) => c.pem)],
    deviceCertificate: added.device[0]?.pem ?? current.deviceCertificate,
  };
  const plain = !chain && already.length === 0 && unused.length === 0;
  return { places, notice: plain ? null : describe(added, already, unused, target, chain) };
}

function describe(
  added: Record<CertificateRole, CertificateSummary[]>,
  already: readonly CertificateSummary[],
  unused: readonly CertificateSummary[],
  target: CertificateRole,
  chain: boolean,
): string {
  const names = (list: readonly CertificateSummary[]) => list.map((c) => c.subject).join('; ');
  const parts: string[] = [];
  for (const role of ['device', 'intermediate', 'root'] as const) {
    if (added[role].length > 0) parts.push(`${PLACE_NAMES[role]}: ${names(added[role])}.`);
  }
  if (already.length > 0) parts.push(`Already listed: ${names(already)}.`);
  if (unused.length > 0) {
    parts.push(
      chain && target !== 'device'
        ? `Not used: ${names(unused)}, a device certificate; give the file to Sample device certificate to use it.`
        : `Not used: ${names(unused)}; one sample device certificate is enough.`,
    );
  }
  return parts.join(' ');
}
