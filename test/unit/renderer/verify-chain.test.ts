import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CATALOGUE } from '../../../app/checks/catalogue';
import { kcdEndToEnd, type KcdEndToEndFacts } from '../../../app/checks/eas/kcd-end-to-end';
import { familyTitle } from '../../../app/checks/family-title';
import { SETTING_FIELDS } from '../../../app/contract/setting-path';
import type { CheckInfo, CheckResult, CheckStatus } from '../../../app/contract/core-api';
import { familyOf } from '../../../app/contract/check-ids';
import { familyOpen, groupByFamily } from '../../../renderer/verify/families';
import { inWizardTerms, SETTING_PLACES, settingLink, splitAtSettings } from '../../../renderer/verify/setting-labels';
import { serverUser, stageFact } from '../../../renderer/verify/stages';
import { initialModel, type VerifyModel } from '../../../renderer/verify/verify-model';
import { recordedFacts } from '../../support/facts';

// Issue 20, item 8: the Verify page reads along the chain.

const catalogue: CheckInfo[] = CATALOGUE.map((c) => ({
  id: c.id,
  title: c.title,
  family: familyOf(c.id),
  familyTitle: familyTitle(familyOf(c.id)),
  dependsOn: c.dependsOn ?? [],
}));

const result = (id: CheckInfo['id'], status: CheckStatus, evidence: string[] = []): CheckResult => ({
  id,
  title: id,
  status,
  evidence,
  remedy: null,
  command: null,
  reason: status === 'skip' ? 'why' : null,
  durationMs: 1,
});
const withResults = (results: CheckResult[]): VerifyModel => ({
  ...initialModel,
  rows: Object.fromEntries(results.map((r) => [r.id, { kind: 'done', result: r }])),
});

describe('families', () => {
  test('are listed in the order of the chain: what everything stands on, the UEM API, then the stages, the SEG host last', () => {
    expect(groupByFamily(catalogue).map((g) => g.family)).toEqual(['input', 'net', 'time', 'uem', 'pki', 'ad', 'krb', 'eas', 'seg']);
  });

  test('one with nothing to review is one line; a failure, a warning, a whole skip or no run yet lists its checks; the person’s choice holds until the results change', () => {
    const input = groupByFamily(catalogue).find((g) => g.family === 'input')!;
    const none = new Set<string>();
    const all = (status: CheckStatus) => withResults(input.checks.map((c) => result(c.id, status)));
    expect(familyOpen(input, all('pass'), undefined, none)).toBe(false);
    expect(familyOpen(input, initialModel, undefined, none)).toBe(true);
    for (const status of ['fail', 'warn'] as const) {
      const one = withResults(input.checks.map((c, i) => result(c.id, i === 3 ? status : 'pass')));
      expect(familyOpen(input, one, undefined, none), status).toBe(true);
    }
    // A check that did not apply beside passes: nothing to review. Skipped whole: open, saying why.
    expect(familyOpen(input, withResults(input.checks.map((c, i) => result(c.id, i === 3 ? 'skip' : 'pass'))), undefined, none)).toBe(false);
    expect(familyOpen(input, all('skip'), undefined, none)).toBe(true);
    expect(familyOpen(input, all('pass'), { open: true, settled: true }, none)).toBe(true);
    // Closed while failing: stays closed while it fails; opened while settled, then a check fails: open.
    expect(familyOpen(input, all('fail'), { open: false, settled: false }, none)).toBe(false);
    expect(familyOpen(input, all('fail'), { open: false, settled: true }, none)).toBe(true);
    // A result the person has open keeps its family listed when it settles, until they close the family.
    const open = new Set([input.checks[0]!.id]);
    expect(familyOpen(input, all('pass'), undefined, open)).toBe(true);
    expect(familyOpen(input, all('pass'), { open: false, settled: true }, open)).toBe(false);
  });
});

describe('the user ActiveSync authenticated', () => {
  test('is the last stage’s key fact, from what eas.kcd-end-to-end observed in the lab', () => {
    const outcome = kcdEndToEnd.judge(recordedFacts<KcdEndToEndFacts>('healthy', 'eas.kcd-end-to-end'));
    const end = result('eas.kcd-end-to-end', outcome.status, [...(outcome.evidence ?? [])]);
    expect(serverUser(end)).toBe('alice@SE.AIRWLAB.COM');
    expect(stageFact(end)).toBe('accepted as alice@SE.AIRWLAB.COM');
    expect(stageFact(result('krb.s4u2proxy', 'pass', ['ticket for alice']))).toBe('ticket for alice');
  });
});

describe('settings named by a remedy', () => {
  test('every one has its place and label in the wizard', () => {
    for (const field of SETTING_FIELDS) expect(settingLink(field.replace('#', '0')), field).not.toBeNull();
    expect(settingLink('network.hosts')?.text).toBe('Network settings › Pinned addresses');
    expect(settingLink('kcd.domains.0.realm')?.text).toBe('KCD › Domain name');
    expect(settingLink('kcd.domains.1.dcHost')?.text).toBe('KCD › Domain controller hostname 2');
    expect(settingLink('seg.iisConfigPath')?.place).toEqual({ step: 'verify', panel: 'seg', label: 'applicationHost.config' });
    expect(settingLink('uem.nothing')).toBeNull();
  });

  test('each label is one the wizard shows, "(optional)" aside (a step renamed a field: rename it here too)', () => {
    const dirs = ['steps', 'verify', 'components'].map((d) => join(import.meta.dirname, '../../../renderer', d));
    const source = dirs
      .flatMap((d) =>
        readdirSync(d)
          // The table itself is not where a field wears its label.
          .filter((f) => f !== 'setting-labels.ts')
          .map((f) => readFileSync(join(d, f), 'utf8')),
      )
      .join('\n');
    // As an attribute (label, title, aria-label), a template's start or a heading's text.
    for (const [field, place] of Object.entries(SETTING_PLACES)) {
      const label = place.label.replace(/[().$]/g, '\\$&');
      expect(source, field).toMatch(new RegExp(`["'\`>]\\s*${label}( \\(optional\\))?(\\s*[<"'\`]| \\$\\{)`));
    }
  });

  test('a remedy’s words are cut at each setting they name; the settings they leave out come apart', () => {
    const { pieces, unnamed } = splitAtSettings('Raise network.timeoutMs, or pin the name in network.hosts.', [
      'network.timeoutMs',
      'network.hosts',
      'kcd.domains.0.realm',
    ]);
    expect(pieces.map((p) => (typeof p === 'string' ? p : `[${p.path}]`))).toEqual([
      'Raise ',
      '[network.timeoutMs]',
      ', or pin the name in ',
      '[network.hosts]',
      '.',
    ]);
    expect(unnamed.map((l) => l.path)).toEqual(['kcd.domains.0.realm']);
    // A path the result does not list stays words; a row's one-line summary reads the wizard's names.
    expect(inWizardTerms('No copy is set (seg.iisConfigPath); see network.hosts', ['seg.iisConfigPath'])).toBe(
      'No copy is set (SEG host files › applicationHost.config); see network.hosts',
    );
  });
});
