import { regValue } from '../../scripts/reg-file';
import { defineCheck } from '../define';
import { failed, loadRegistry, noRegistry, unreadable, type Unreadable } from './seg-copies';

const ENVIRONMENT = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment';

/** The system PATH as the export holds it; null when the export has no string value for it. */
export type KerberosFilesPathFacts = Unreadable | { readonly read: 'ok'; readonly systemPath: string | null };

export const kerberosFilesPath = defineCheck<KerberosFilesPathFacts>({
  id: 'seg.kerberos-files-path',
  title: 'The SEG’s KerberosFiles folder is on the system PATH',
  applies: noRegistry,
  gather: async (ctx) => {
    const registry = await loadRegistry(ctx);
    if (!registry.ok) return unreadable(registry.error);
    const path = regValue(registry.value, ENVIRONMENT, 'Path');
    return { read: 'ok', systemPath: path && (path.kind === 'sz' || path.kind === 'expand-sz') ? path.data : null };
  },
  judge(facts) {
    if (facts.read === 'failed') return failed(facts);
    if (facts.systemPath === null) {
      return {
        status: 'fail',
        evidence: [`${ENVIRONMENT}\\Path is not in the export`],
        remedy: `Export ${ENVIRONMENT} on the SEG (reg export) and add it to the registry file.`,
      };
    }
    const entries = facts.systemPath
      .split(';')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
    const hit = entries.find((entry) => /\\KerberosFiles\\?$/i.test(entry));
    if (hit) return { status: 'pass', evidence: [`PATH entry: ${hit}`] };
    return {
      status: 'fail',
      evidence: [`PATH has ${entries.length} entries, none ending in \\KerberosFiles`],
      remedy:
        'Error A of the guide ("Cannot find Kerberos or its dependencies"): add {SEG install folder}\\KerberosFiles to the system PATH (script seg-kerberos-path.ps1), then restart IIS.',
    };
  },
});
