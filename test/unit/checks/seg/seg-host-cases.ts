import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isSplitCheck } from '../../../../app/checks/define';
import { runChecks } from '../../../../app/checks/runner';
import { SEG_CHECKS } from '../../../../app/checks/seg';
import type { CheckContext } from '../../../../app/checks/types';
import { applyIis } from '../../../../app/configure/iis-configure';
import type { CheckId } from '../../../../app/contract/check-ids';
import type { Settings } from '../../../../app/contract/settings';
import { krb5IniScript } from '../../../../app/scripts/krb5-script';
import { guideSettings } from '../../../support/settings';

/**
 * The lab has no SEG host: the seg.* checks read copies of its files. Each case here builds
 * such a folder from test/fixtures/iis (the SEG as installed, as configured, half-way, damaged);
 * recorded-facts.test.ts gathers the checks' facts over it, as the lab does for the other families.
 */
const IIS_FIXTURES = join(__dirname, '../../../fixtures/iis');

/** Where the case folder stands in recorded facts: it is a fresh temporary folder each run. */
export const SEG_HOST = '/seg-host';

export const segHostSettings = (): Settings => {
  const s = guideSettings();
  return {
    ...s,
    seg: { ...s.seg, iisConfigPath: 'applicationHost.config', registryExport: 'seg-registry.reg', folder: 'seg-files' },
    certificates: { ...s.certificates, roots: ['root.cer'], intermediates: ['issuing.pem'] },
  };
};

const copy = (folder: string, fixture: string, as = fixture) => copyFileSync(join(IIS_FIXTURES, fixture), join(folder, as));

function writeKrb5Ini(folder: string, text: string): void {
  mkdirSync(join(folder, 'seg-files'), { recursive: true });
  writeFileSync(join(folder, 'seg-files', 'krb5.ini'), text);
}

function generatedKrb5Ini(): string {
  const krb5 = krb5IniScript(segHostSettings());
  if (!krb5.ok) throw new Error(krb5.error.message);
  return krb5.value.content;
}

const OTHER_REALM_KRB5 = '[libdefaults]\n  default_realm = OTHER.REALM\n[realms]\n  OTHER.REALM = {\n    kdc = otherdc.other.realm\n  }\n';

function halfConfigured(folder: string, edit: (text: string) => string): void {
  writeFileSync(join(folder, 'applicationHost.config'), edit(readFileSync(join(IIS_FIXTURES, 'seg-half-configured.config'), 'utf8')));
}

const negotiate = (text: string) => text.replace('sslFlags="Ssl"', 'sslFlags="Ssl, SslNegotiateCert"');

/** Each case fills an empty folder with the SEG's copies; the certificates are the same in all. */
export const SEG_HOST_CASES: Readonly<Record<string, (folder: string) => Promise<void> | void>> = {
  /** As the SEG installer leaves it: nothing of the guide done, krb5.ini for another realm. */
  segInstalled: (folder) => {
    copy(folder, 'seg-installed.config', 'applicationHost.config');
    copy(folder, 'seg-registry-original.reg', 'seg-registry.reg');
    writeKrb5Ini(folder, OTHER_REALM_KRB5);
  },
  /** The SEG plan applied, the registry fixed and krb5.ini written as generated. */
  segConfigured: async (folder) => {
    copy(folder, 'seg-installed.config', 'applicationHost.config');
    const applied = await applyIis({ role: 'seg', configPath: join(folder, 'applicationHost.config'), settings: segHostSettings() });
    if (!applied.ok) throw new Error(applied.error.message);
    copy(folder, 'seg-registry-configured.reg', 'seg-registry.reg');
    writeKrb5Ini(folder, generatedKrb5Ini());
  },
  /** Client certificates accepted, not required, beside anonymous authentication. */
  segNegotiateCert: (folder) => halfConfigured(folder, negotiate),
  /** Client certificates accepted, not required, and no other authentication enabled. */
  segCertificatesOnly: (folder) =>
    halfConfigured(folder, (text) =>
      negotiate(text).replace('<anonymousAuthentication enabled="true" userName="IUSR" />', '<anonymousAuthentication enabled="false" />'),
    ),
  /** A damaged applicationHost.config, no registry export and no krb5.ini. */
  segDamaged: (folder) => copy(folder, 'damaged.config', 'applicationHost.config'),
};

/** The facts every seg.* check that ran gathered over the folder, through the runner's own contexts. */
export async function gatherSegFacts(folder: string, settings: Settings = segHostSettings()): Promise<Map<CheckId, unknown>> {
  copy(folder, 'root.cer');
  copy(folder, 'issuing.pem');
  const facts = new Map<CheckId, unknown>();
  const recording = SEG_CHECKS.map((check) =>
    isSplitCheck(check)
      ? {
          ...check,
          run: async (ctx: CheckContext) => {
            const gathered = await check.gather(ctx);
            facts.set(check.id, gathered);
            return check.judge(gathered);
          },
        }
      : check,
  );
  await runChecks(recording, { settings, secrets: {}, baseDir: folder });
  return facts;
}
