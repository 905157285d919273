import type { CertificateSummary } from '../contract/certificate-summary';

/** A time as evidence shows it: 2026-11-25 15:53:22Z. */
export function when(date: Date | string): string {
  return (typeof date === 'string' ? date : date.toISOString()).replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}

/** A certificate in one line: subject, serial and the start of its fingerprint. */
export function certLine(cert: Pick<CertificateSummary, 'subject' | 'serialNumber' | 'sha256Fingerprint'>): string {
  return `${cert.subject} (serial ${cert.serialNumber}, SHA-256 ${cert.sha256Fingerprint.slice(0, 23)}…)`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
