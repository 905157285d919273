import type { Settings } from '../contract/settings';
import { loadPkiInputs } from '../pki/settings-certificates';
import type { ChainCertificate } from './chain-diagram';

/** The certificates of the settings in drawing order: roots, intermediates, then the device. */
export async function reportChain(settings: Settings, baseDir: string): Promise<ChainCertificate[]> {
  const inputs = await loadPkiInputs(settings.certificates, baseDir);
  return [
    ...inputs.roots.map((c) => ({ role: 'root' as const, summary: c.summary })),
    ...inputs.intermediates.map((c) => ({ role: 'intermediate' as const, summary: c.summary })),
    ...(inputs.device ? [{ role: 'device' as const, summary: inputs.device.summary }] : []),
  ];
}
