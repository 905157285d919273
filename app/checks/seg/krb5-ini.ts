import { promises as fs } from 'node:fs';
import { resolveSettingsPath } from '../../config/settings-path';
import { parseKrb5Ini, realmRelation } from '../../kerberos/krb5-ini';
import { krb5IniScript } from '../../scripts/krb5-script';
import { defineCheck } from '../define';
import type { CheckContext } from '../types';
import { noFolder, pathOf } from './seg-copies';

/** One realm of the KCD step as the SEG's krb5.ini holds it. */
export interface Krb5Realm {
  readonly realm: string;
  readonly dcHost: string;
  /** Its kdc entries; null when [realms] lacks the realm. */
  readonly kdcs: readonly string[] | null;
}

/** `generated` is the krb5.ini the settings call for (the remedy's command); null when it cannot be generated. */
export type Krb5IniFacts =
  | { readonly file: 'missing'; readonly folder: string; readonly generated: string | null }
  | {
      readonly file: 'read';
      readonly path: string;
      readonly syntaxErrors: readonly string[];
      readonly realms: readonly Krb5Realm[];
      readonly defaultRealm: string | null;
      /** The first realm of the KCD step: the one default_realm should name. */
      readonly firstRealm: string | null;
      readonly generated: string | null;
    };

async function gather(ctx: CheckContext): Promise<Krb5IniFacts> {
  const folder = pathOf(ctx, ctx.settings.seg.folder);
  const candidates = ['krb5.ini', 'ProgramData\\MIT\\Kerberos5\\krb5.ini'].map((file) => resolveSettingsPath(file, folder));
  const wanted = krb5IniScript(ctx.settings);
  const generated = wanted.ok ? wanted.value.content : null;
  for (const path of candidates) {
    const text = await fs.readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const { profile, errors } = parseKrb5Ini(text);
    const realms = ctx.settings.kcd.domains.map((domain) => {
      const realm = realmRelation(profile, domain.realm);
      return { realm: domain.realm, dcHost: domain.dcHost, kdcs: realm ? (realm.values.get('kdc') ?? []) : null };
    });
    const defaultRealm = profile.get('libdefaults')?.values.get('default_realm')?.[0] ?? null;
    return { file: 'read', path, syntaxErrors: errors, realms, defaultRealm, firstRealm: ctx.settings.kcd.domains[0]?.realm ?? null, generated };
  }
  return { file: 'missing', folder, generated };
}

export const krb5Ini = defineCheck<Krb5IniFacts>({
  id: 'seg.krb5-ini',
  title: 'krb5.ini on the SEG names every realm and its domain controller',
  applies: noFolder,
  gather,
  judge(facts) {
    const remedy = (words: string) => ({
      remedy: `${words} Error C of the guide: write C:\\ProgramData\\MIT\\Kerberos5\\krb5.ini on the SEG as generated (script krb5.ini).`,
      ...(facts.generated ? { command: facts.generated, commandShell: 'file' as const } : {}),
    });
    if (facts.file === 'missing') return { status: 'fail', evidence: [`no krb5.ini in ${facts.folder}`], ...remedy('krb5.ini is missing.') };
    const evidence = [`read ${facts.path}`, ...facts.syntaxErrors.map((e) => `syntax: ${e}`)];
    const problems: string[] = [];
    for (const { realm, dcHost, kdcs } of facts.realms) {
      evidence.push(`[realms] ${realm}: ${kdcs ? `kdc = ${kdcs.join(', ') || '(none)'}` : 'absent'}`);
      const host = dcHost.toLowerCase();
      const matches = (kdcs ?? []).some((kdc) => kdc.toLowerCase().replace(/:\d+$/, '').split('.')[0] === host);
      if (!kdcs) problems.push(`realm ${realm} is missing from [realms]`);
      else if (!matches) problems.push(`realm ${realm} does not list ${dcHost} as kdc`);
    }
    if (facts.syntaxErrors.length > 0) problems.push('the file has syntax errors');
    if (problems.length > 0) return { status: 'fail', evidence, ...remedy(`${problems.join('; ')}.`) };
    if (facts.firstRealm !== null && facts.defaultRealm !== facts.firstRealm) {
      return {
        status: 'warn',
        evidence: [...evidence, `default_realm = ${facts.defaultRealm ?? '(none)'}`],
        ...remedy(`Set default_realm = ${facts.firstRealm}.`),
      };
    }
    return { status: 'pass', evidence };
  },
});
