import { promises as fs } from 'node:fs';
import { ipVersion } from '../../net/ip-literal';
import { resolveSettingsPath } from '../../config/settings-path';
import { dcFqdn } from '../../kerberos/client/kdc-address';
import { clientRealmPath, hostRealm, parseKrb5Ini, profileHas, profileValues, type Krb5Profile } from '../../kerberos/krb5-ini';
import { krb5Realms, krb5SectionLines, trustPath, type Krb5Capath, type Krb5RealmEntry, type Krb5Realms } from '../../scripts/krb5-realms';
import { KRB5_INI_PATH, krb5IniScript } from '../../scripts/krb5-script';
import { defineCheck } from '../define';
import type { CheckContext, CheckOutcome } from '../types';
import { noFolder, pathOf } from './seg-copies';

/** One realm of the KCD step: what the generated file says for it, and what the SEG's file says. */
export interface Krb5RealmFacts extends Krb5RealmEntry {
  readonly dcHost: string;
  /** Its kdc values, across every subsection of that name; null when [realms] lacks the realm. */
  readonly kdcs: readonly string[] | null;
  /** The realm MIT maps the DC's name to from [domain_realm], as for any other host of the domain; null when nothing maps it. */
  readonly mappedTo: string | null;
}

/** A pair of realms with a [capaths] entry in the generated file, in the SEG's, or in both. */
export interface Krb5CapathFacts {
  readonly client: string;
  readonly server: string;
  /** The trust path the settings imply, client to server (krb5-realms.ts, trustPath). */
  readonly trust: readonly string[];
  /** Whether the generated file writes an entry for the pair. */
  readonly written: boolean;
  /** The SEG's file's values; null when it has none. */
  readonly found: readonly string[] | null;
}

/** `generated` is the krb5.ini the settings call for (the remedy's command). */
export type Krb5IniFacts =
  | { readonly file: 'unplanned'; readonly problem: string }
  | { readonly file: 'missing'; readonly folder: string; readonly generated: string | null }
  | {
      readonly file: 'read';
      readonly path: string;
      /** What MIT's parser refuses: with any of them MIT reads none of the file. */
      readonly syntaxErrors: readonly string[];
      /** Lines before the first section that MIT skips (a byte-order mark hides the first header). */
      readonly skipped: readonly string[];
      readonly realms: readonly Krb5RealmFacts[];
      readonly capaths: readonly Krb5CapathFacts[];
      readonly defaultRealm: string | null;
      /** The service account's realm (the first row of the KCD step): the one default_realm should name. */
      readonly firstRealm: string;
      readonly generated: string | null;
    };

function capathFacts(plan: Krb5Realms, profile: Krb5Profile): Krb5CapathFacts[] {
  const names = plan.realms.map((r) => r.realm);
  return names.flatMap((client) =>
    names.flatMap((server): Krb5CapathFacts[] => {
      if (client === server) return [];
      const written = plan.capaths.some((c) => c.client === client && c.server === server);
      const found = profileValues(profile, ['capaths', client], server);
      if (!written && found.length === 0) return [];
      const trust = trustPath(client, server, names);
      return [{ client, server, trust, written, found: found.length === 0 ? null : found }];
    }),
  );
}

async function gather(ctx: CheckContext): Promise<Krb5IniFacts> {
  const planned = krb5Realms(ctx.settings);
  if (!planned.ok) return { file: 'unplanned', problem: planned.error.message };
  const plan = planned.value;
  const folder = pathOf(ctx, ctx.settings.seg.folder);
  const candidates = ['krb5.ini', 'ProgramData\\MIT\\Kerberos5\\krb5.ini'].map((file) => resolveSettingsPath(file, folder));
  const wanted = krb5IniScript(ctx.settings);
  const generated = wanted.ok ? wanted.value.content : null;
  for (const path of candidates) {
    const text = await fs.readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const { profile, errors, skipped } = parseKrb5Ini(text);
    const realms = plan.realms.map((entry) => ({
      ...entry,
      dcHost: ctx.settings.kcd.domains.find((d) => d.realm.trim() === entry.realm)?.dcHost ?? '',
      kdcs: profileHas(profile, ['realms', entry.realm]) ? profileValues(profile, ['realms', entry.realm], 'kdc') : null,
      mappedTo: hostRealm(profile, entry.dcFqdn),
    }));
    const defaultRealm = profileValues(profile, ['libdefaults'], 'default_realm')[0] ?? null;
    const capaths = capathFacts(plan, profile);
    return { file: 'read', path, syntaxErrors: errors, skipped, realms, capaths, defaultRealm, firstRealm: plan.defaultRealm, generated };
  }
  return { file: 'missing', folder, generated };
}

/** The host of a kdc value (`host`, `host:port`, `[v6]:port`, `https://host/KdcProxy`), lower case, without a trailing dot. */
export function kdcHost(value: string): string {
  const text = value
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .split('/')[0]!;
  const bracketed = /^\[([^\]]+)\]/.exec(text);
  if (bracketed) return bracketed[1]!.toLowerCase();
  const host = ipVersion(text) === 6 ? text : text.replace(/:\d*$/, '');
  return host.replace(/\.$/, '').toLowerCase();
}

/**
 * Whether a kdc value names the row's DC: its name with the realm's domain or without
 * (`sedc01` = `sedc01.se.airwlab.com`, any case), or the address network.hosts pins it to.
 */
export function namesDc(value: string, realm: Pick<Krb5RealmFacts, 'realm' | 'dcFqdn' | 'kdc'>): boolean {
  const host = kdcHost(value);
  if (ipVersion(host) !== 0) return host === kdcHost(realm.kdc);
  return dcFqdn(host, realm.realm) === realm.dcFqdn;
}

const takes = (c: Krb5CapathFacts): readonly string[] => clientRealmPath(c.found ?? [], c.client, c.server);
const arrows = (path: readonly string[]) => path.join(' → ');

interface Finding {
  /** fail: MIT cannot reach the realm's KDC or maps its hosts elsewhere; warn: the path it walks differs from the one the settings imply. */
  readonly severity: 'fail' | 'warn';
  readonly problem: string;
  /** The generated entries that cure it, shown as lines to add. */
  readonly realms?: readonly Krb5RealmEntry[];
  readonly domains?: readonly Krb5RealmEntry[];
  readonly capaths?: readonly Krb5Capath[];
  readonly defaultRealm?: string;
}

function realmFindings(realm: Krb5RealmFacts): Finding[] {
  const findings: Finding[] = [];
  if (realm.kdcs === null) findings.push({ severity: 'fail', problem: `realm ${realm.realm} is missing from [realms]`, realms: [realm] });
  else if (!realm.kdcs.some((kdc) => namesDc(kdc, realm)))
    findings.push({ severity: 'fail', problem: `realm ${realm.realm} does not list its DC ${realm.dcFqdn} as kdc`, realms: [realm] });
  if (realm.mappedTo !== realm.realm) {
    const now = realm.mappedTo === null ? 'no [domain_realm] line maps it' : `[domain_realm] maps it to ${realm.mappedTo}`;
    findings.push({ severity: 'fail', problem: `hosts of ${realm.domain} belong to ${realm.realm}, but ${now}`, domains: [realm] });
  }
  return findings;
}

function capathFinding(c: Krb5CapathFacts): Finding | null {
  const entry = { client: c.client, server: c.server, via: c.trust.slice(1, -1) };
  const start = `from ${c.client} to ${c.server} the trust path is ${arrows(c.trust)}`;
  if (c.found === null) {
    if (!c.written) return null;
    return {
      severity: 'warn',
      problem: `${start}, but with no [capaths] entry MIT asks ${c.client}'s KDC for ${c.server} directly and depends on its referrals`,
      capaths: [entry],
    };
  }
  if (arrows(takes(c)) === arrows(c.trust)) return null;
  // The settings infer trust paths from the realms' names: another path may be a shortcut or
  // external trust they do not know of, and AD's KDCs refer a client that asks the wrong realm.
  const problem = `${start}, but [capaths] sends it ${arrows(takes(c))}: right only for a shortcut or external trust`;
  return { severity: 'warn', problem, ...(c.written ? { capaths: [entry] } : {}) };
}

/** The lines that cure the findings, as the generated file writes them, for the remedy. */
function linesToAdd(findings: readonly Finding[]): string {
  return krb5SectionLines({
    defaultRealm: findings.find((f) => f.defaultRealm)?.defaultRealm,
    realms: findings.flatMap((f) => f.realms ?? []),
    domains: findings.flatMap((f) => f.domains ?? []),
    capaths: findings.flatMap((f) => f.capaths ?? []),
  }).join('\n');
}

type ReadFacts = Extract<Krb5IniFacts, { file: 'read' }>;

type RemedyOf = (words: string, lines?: string) => { remedy: string; command?: string; commandShell?: 'file' };

function judgeRead(facts: ReadFacts, remedy: RemedyOf): CheckOutcome {
  const evidence = [
    `read ${facts.path}`,
    ...facts.syntaxErrors.map((e) => `syntax: ${e}`),
    ...facts.skipped.map((line) => `skipped by MIT (before any [section]): ${line}`),
  ];
  for (const r of facts.realms) {
    evidence.push(`[realms] ${r.realm}: ${r.kdcs ? `kdc = ${r.kdcs.join(', ') || '(none)'}` : 'absent'}`);
    evidence.push(`[domain_realm] ${r.domain}: ${r.mappedTo ?? '(not mapped)'}`);
  }
  for (const c of facts.capaths) evidence.push(`[capaths] ${c.client} → ${c.server}: ${c.found ? c.found.join(', ') : 'none'} (path ${arrows(takes(c))})`);
  if (facts.syntaxErrors.length > 0) return { status: 'fail', evidence, ...remedy('MIT Kerberos refuses the whole file: it has syntax errors.') };

  const findings: Finding[] = [];
  if (facts.skipped.some((line) => line.includes('<BOM>')))
    findings.push({ severity: 'warn', problem: 'the file starts with a byte-order mark, so MIT skips its first [section] (save it without one)' });
  findings.push(...facts.realms.flatMap(realmFindings), ...facts.capaths.flatMap((c) => capathFinding(c) ?? []));
  if (facts.defaultRealm !== facts.firstRealm) {
    evidence.push(`default_realm = ${facts.defaultRealm ?? '(none)'}`);
    findings.push({
      severity: 'warn',
      problem: `[libdefaults] default_realm is not ${facts.firstRealm}, the service account's realm`,
      defaultRealm: facts.firstRealm,
    });
  }
  if (findings.length === 0) return { status: 'pass', evidence };
  const lines = linesToAdd(findings);
  const status = findings.some((f) => f.severity === 'fail') ? 'fail' : 'warn';
  const ordered = [...findings.filter((f) => f.severity === 'fail'), ...findings.filter((f) => f.severity === 'warn')];
  return { status, evidence, ...remedy(`${ordered.map((f) => f.problem).join('; ')}.`, lines === '' ? undefined : lines) };
}

export const krb5Ini = defineCheck<Krb5IniFacts>({
  id: 'seg.krb5-ini',
  title: 'krb5.ini on the SEG names every realm, its domain controller, its domain and the trust path to it',
  applies: noFolder,
  gather,
  judge(facts) {
    if (facts.file === 'unplanned') return { status: 'skip', reason: `The settings give no krb5.ini to compare with: ${facts.problem}` };
    const remedy: RemedyOf = (words, lines) => ({
      remedy: `${words} Error C of the guide: write ${KRB5_INI_PATH} on the SEG as generated (script krb5.ini)${
        lines ? `, or add these lines to it:\n${lines}\nA value in these lines replaces any other of the same tag in the file.` : '.'
      }`,
      ...(facts.generated ? { command: facts.generated, commandShell: 'file' as const } : {}),
    });
    if (facts.file === 'missing') return { status: 'fail', evidence: [`no krb5.ini in ${facts.folder}`], ...remedy('krb5.ini is missing.') };
    return judgeRead(facts, remedy);
  },
});
