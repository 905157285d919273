import { describe, expect, it } from 'vitest';
import { appPool } from '../../../../app/checks/seg/app-pool';
import type { PlanFacts } from '../../../../app/checks/seg/plan-check';
import type { IisConfigFacts } from '../../../../app/checks/seg/iis-config';
import type { IisPlan } from '../../../../app/contract/iis';
import { recordedFacts } from '../../../support/facts';

// The branches every plan check shares, through seg.app-pool; each check's own file tests its items.
const installed = recordedFacts<PlanFacts>('segInstalled', 'seg.app-pool');
const planOf = (facts: PlanFacts): IisPlan => {
  if (facts.read !== 'ok') throw new Error('recorded facts are of a readable copy');
  return facts.plan;
};

describe('plan checks (seg.client-cert-mapping, seg.upload-read-ahead, seg.app-pool)', () => {
  it('fail with the reason when the plan cannot be made for their items', () => {
    const plan = planOf(installed);
    const blocked = {
      id: 'seg.app-pool',
      guideStep: 'Install SEG, step 11',
      title: 'SEG application pool',
      reason: 'The SEG is not installed: no application pool "SecureEmailGateway".',
    };
    const outcome = appPool.judge({ read: 'ok', plan: { ...plan, blocked: [blocked] } });
    expect(outcome).toEqual({
      status: 'fail',
      evidence: [...plan.items.map((item) => expect.stringContaining(item.current)), blocked.reason],
      remedy: `SEG application pool: ${blocked.reason}`,
    });
  });

  it('fail on an unreadable copy with its error and remedy', () => {
    const damaged = recordedFacts<IisConfigFacts>('segDamaged', 'seg.iis-config');
    if (damaged.read !== 'failed') throw new Error('segDamaged records an unreadable copy');
    expect(appPool.judge(damaged)).toEqual({ status: 'fail', evidence: [damaged.message], remedy: damaged.remedy });
  });

  it('fall back to a generic remedy when the read error has none', () => {
    expect(appPool.judge({ read: 'failed', message: 'x cannot be read.', remedy: null })).toEqual({
      status: 'fail',
      evidence: ['x cannot be read.'],
      remedy: 'Give a readable copy of the file.',
    });
  });

  it('give no command when appcmd cannot address an entry, keeping the remedy', () => {
    const plan = planOf(installed);
    const items = plan.items.map((item) => ({
      ...item,
      setting: { ...item.setting, element: item.setting.element.map((step) => (step.key ? { ...step, key: { ...step.key, value: "SEG'Pool" } } : step)) },
    }));
    const outcome = appPool.judge({ read: 'ok', plan: { ...plan, items } });
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.command).toBeUndefined();
    expect(outcome.remedy).toMatch(/Apply the SEG plan \(seg-setup configure\)/);
  });
});
