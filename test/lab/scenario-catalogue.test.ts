import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { CATALOGUE } from '../../app/checks/catalogue';
import { isSplitCheck } from '../../app/checks/define';
import { runChecks } from '../../app/checks/runner';
import type { CheckDefinition } from '../../app/checks/types';
import type { CheckId } from '../../app/contract/check-ids';
import type { Settings } from '../../app/contract/settings';
import { factsPath, hasFacts, recordedFacts, sameShape, shapeOf } from '../support/facts';
import { labSecrets, labSettings, type LabInfo } from './lab';
import { scenarios, settingsFor, withScenario, type Scenario } from './scenarios';

// Every scenario of the lab, through the product: the whole catalogue runs under it, and the
// checks that fail or warn must be exactly the scenario's `catches` (the healthy lab: none).
// The facts each split check gathered are recorded (SEG_RECORD_FACTS=1) or compared in shape
// with the recording, so the judges' unit tests stay fed with what the real servers say.
const lab = inject('lab');
/** SEG_RECORD_FACTS=1 records every split check's facts; `ad.*,time.dc-skew` only those named. */
const RECORD = (process.env.SEG_RECORD_FACTS ?? '')
  .split(',')
  .map((p) => p.trim())
  .filter((p) => p !== '');
const recorded = (id: CheckId): boolean => RECORD.some((p) => p === '1' || p === id || (p.endsWith('.*') && id.startsWith(p.slice(0, -1))));

const healthy: Scenario = { title: 'the lab as built', catches: [], apply: async () => async () => undefined };
const ALL: readonly [string, Scenario][] = [['healthy', healthy], ...Object.entries(scenarios)];

/** The catalogue with every split check's facts captured on their way to the judge. */
function recording(facts: Map<CheckId, unknown>): CheckDefinition[] {
  return CATALOGUE.map((check) =>
    isSplitCheck(check)
      ? {
          ...check,
          run: async (ctx) => {
            const gathered = await check.gather(ctx);
            facts.set(check.id, gathered);
            return check.judge(gathered);
          },
        }
      : check,
  );
}

function secretsOf(info: LabInfo): string[] {
  return [info.uem.password, info.uem.tenantCode, info.accounts.service.password, info.accounts.users.alice.password];
}

async function runUnder(settings: Settings): Promise<{ failing: CheckId[]; facts: Map<CheckId, unknown> }> {
  const facts = new Map<CheckId, unknown>();
  const results = await runChecks(recording(facts), { settings, secrets: labSecrets(lab), baseDir: lab.dir });
  const failing = results.filter((r) => r.status === 'fail' || r.status === 'warn').map((r) => r.id);
  return { failing, facts };
}

describe('every lab scenario through the product', () => {
  it.each(ALL)('%s: the checks that fail or warn are exactly its catches', async (name, scenario) => {
    const settings = name === 'healthy' ? labSettings(lab) : settingsFor(lab, scenario);
    const { failing, facts } = await withScenario(lab, scenario, () => runUnder(settings));
    expect([...failing].sort()).toEqual([...scenario.catches].sort());

    const text = JSON.stringify([...facts.values()]);
    for (const secret of secretsOf(lab)) expect(text, 'facts carry no secret').not.toContain(secret);
    for (const [id, gathered] of facts) {
      if (recorded(id)) {
        await mkdir(dirname(factsPath(name, id)), { recursive: true });
        await writeFile(factsPath(name, id), `${JSON.stringify(gathered, null, 2)}\n`);
      } else if (hasFacts(name, id)) {
        expect(
          sameShape(shapeOf(gathered), shapeOf(recordedFacts(name, id))),
          `${name}/${id}: the facts' shape changed; record them again (SEG_RECORD_FACTS=1)`,
        ).toBe(true);
      }
    }
  });
});
