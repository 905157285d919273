import { describe, expect, it } from 'vitest';
import { appPool } from '../../../../app/checks/seg/app-pool';
import type { PlanFacts } from '../../../../app/checks/seg/plan-check';
import { recordedFacts } from '../../../support/facts';

const facts = (c: string) => recordedFacts<PlanFacts>(c, 'seg.app-pool');

describe('seg.app-pool, from facts gathered over copies of a SEG host', () => {
  it('fails on the SEG as installed, with the appcmd lines for NetworkService and 32-bit', () => {
    const outcome = appPool.judge(facts('segInstalled'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toEqual([
      "system.applicationHost/applicationPools/add[name='SecureEmailGateway']/processModel@identityType at server level: ApplicationPoolIdentity (applicationPoolDefaults/processModel)",
      expect.stringMatching(/@enable32BitAppOnWin64 at server level: false /),
    ]);
    expect(outcome.remedy).toMatch(/NetworkService \(guide: Install SEG, step 11c; Troubleshooting, Error B\).*Apply the SEG plan/);
    expect(outcome.commandShell).toBe('cmd');
    expect(outcome.command?.split('\n')).toEqual([
      '%windir%\\system32\\inetsrv\\appcmd.exe add backup',
      expect.stringContaining(`"/[name='SecureEmailGateway'].processModel.identityType:NetworkService" /commit:apphost`),
      expect.stringContaining(`"/[name='SecureEmailGateway'].enable32BitAppOnWin64:true" /commit:apphost`),
      'iisreset',
    ]);
  });

  it('passes once the plan is applied', () => {
    const outcome = appPool.judge(facts('segConfigured'));
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence).toEqual([
      expect.stringMatching(/identityType at server level: NetworkService /),
      expect.stringMatching(/enable32BitAppOnWin64 at server level: true /),
    ]);
  });
});
