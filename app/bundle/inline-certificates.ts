import { err, ok, type Result } from '../contract/result';
import type { Settings } from '../contract/settings';
import { isInlinePem, loadPkiInputs } from '../pki/settings-certificates';
import type { Certificate } from '../pki/certificate';
import type { CertificateSummary } from '../contract/certificate-summary';

export type CertificateRole = 'root' | 'intermediate' | 'device';

export interface RoledCertificate {
  readonly role: CertificateRole;
  readonly summary: CertificateSummary;
}

const pemOf = (c: Certificate) => c.summary.pem.trim();

function roled(inputs: { roots: readonly Certificate[]; intermediates: readonly Certificate[]; device: Certificate | null }): RoledCertificate[] {
  return [
    ...inputs.roots.map((c) => ({ role: 'root' as const, summary: c.summary })),
    ...inputs.intermediates.map((c) => ({ role: 'intermediate' as const, summary: c.summary })),
    ...(inputs.device ? [{ role: 'device' as const, summary: inputs.device.summary }] : []),
  ];
}

/**
 * The settings with every certificate entry replaced by the PEM of its public certificates,
 * so that a bundle stands alone on another machine. Only certificates are carried: a key
 * that sat beside one in a PEM file is not.
 */
export async function inlineCertificates(settings: Settings, baseDir: string): Promise<Result<{ settings: Settings; certificates: RoledCertificate[] }>> {
  const inputs = await loadPkiInputs(settings.certificates, baseDir);
  const problem = inputs.problems[0];
  if (problem) return err(problem.error.code, problem.error.message, problem.error.remedy);
  return ok({
    settings: {
      ...settings,
      certificates: {
        ...settings.certificates,
        roots: inputs.roots.map(pemOf),
        intermediates: inputs.intermediates.map(pemOf),
        deviceCertificate: inputs.device ? pemOf(inputs.device) : '',
      },
    },
    certificates: roled(inputs),
  });
}

/** On import every entry must already be inline PEM: a bundle must not point at files of the importing machine. */
export async function inlineOnly(settings: Settings): Promise<Result<RoledCertificate[]>> {
  const c = settings.certificates;
  const entries = [...c.roots, ...c.intermediates, ...(c.deviceCertificate === '' ? [] : [c.deviceCertificate])];
  if (entries.some((e) => !isInlinePem(e) || e.includes('PRIVATE KEY-----')))
    return err('bundle.damaged', 'The bundle is damaged or was changed after export: a certificate entry is not an inline public certificate');
  const inputs = await loadPkiInputs(c, '/nonexistent');
  const problem = inputs.problems[0];
  if (problem) return err('bundle.damaged', `The bundle is damaged or was changed after export: ${problem.error.message}`);
  return ok(roled(inputs));
}
