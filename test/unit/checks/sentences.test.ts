import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../../app/checks/catalogue';
import { isSplitCheck } from '../../../app/checks/define';
import { fieldIssues } from '../../../app/checks/input';
import { emptySettings, type Settings } from '../../../app/contract/settings';
import { FACTS_DIR } from '../../support/facts';
import { collectFrom, endsSentence, literalEndings, sourceFiles } from '../../support/sentences';
import { guideSettings } from '../../support/settings';

/**
 * Issue 20, item 10: what the core tells a person to do ends with a full stop: every remedy a
 * check gives, and every reason shown under a field of the wizard. (Evidence lines are
 * observations, and skip reasons clauses the runner nests inside other reasons: neither is held
 * to this.)
 */
const ROOT = resolve(import.meta.dirname, '../../..');

describe('remedies of the checks (issue 20, item 10)', () => {
  it('end with a full stop wherever the source writes their end', () => {
    const remedies = collectFrom(sourceFiles(join(ROOT, 'app/checks')), ROOT, (node) =>
      ts.isPropertyAssignment(node) && node.name.getText() === 'remedy'
        ? literalEndings(node.initializer).filter((t): t is string => t !== null && t.trim() !== '')
        : [],
    );
    expect(remedies.length).toBeGreaterThan(50);
    expect(remedies.filter((r) => !endsSentence(r.text)).map((r) => `${r.where}: ${r.text}`)).toEqual([]);
  });

  it('end with a full stop in every outcome judged from the facts recorded in the lab', () => {
    const unfinished: string[] = [];
    let judged = 0;
    for (const scenario of readdirSync(FACTS_DIR)) {
      for (const check of CATALOGUE.filter(isSplitCheck)) {
        const path = join(FACTS_DIR, scenario, `${check.id}.json`);
        if (!existsSync(path)) continue;
        const outcome = check.judge(JSON.parse(readFileSync(path, 'utf8')));
        judged++;
        if ('remedy' in outcome && !endsSentence(outcome.remedy)) unfinished.push(`${scenario}/${check.id}: ${outcome.remedy}`);
      }
    }
    expect(judged).toBeGreaterThan(500);
    expect(unfinished).toEqual([]);
  });
});

describe("reasons shown under the wizard's fields (issue 20, item 10)", () => {
  const guide = guideSettings();
  const cases: Record<string, Settings> = {
    'a blank document': emptySettings(),
    'values typed the wrong way': {
      ...guide,
      uem: { ...guide.uem, apiUrl: 'http://as1506.awmdm.com/api', user: '' },
      kcd: {
        targetSpn: 'http/semail01:443',
        serviceAccount: 'SE\\aw_KCDsvc',
        domains: [
          { realm: 'se.airwlab.com', dcHost: 'sedc01.se.airwlab.com' },
          { realm: 'SE', dcHost: '10.1.2.3' },
        ],
      },
      email: {
        ...guide.email,
        host: 'https://semail01.se.airwlab.com/',
        port: 0,
        path: 'Microsoft-Server-ActiveSync',
        testMailbox: 'a b',
        casArray: { enabled: true, fqdn: 'mail' },
      },
    },
  };

  for (const [name, settings] of Object.entries(cases)) {
    it(`end with a full stop for ${name}`, () => {
      const issues = fieldIssues(settings);
      expect(issues.length).toBeGreaterThan(5);
      expect(issues.filter((i) => !endsSentence(i.message)).map((i) => `${i.field}: ${i.message}`)).toEqual([]);
    });
  }
});
