import { describe, expect, it } from 'vitest';
import type { PlanFacts } from '../../../../app/checks/seg/plan-check';
import { uploadReadAhead } from '../../../../app/checks/seg/upload-read-ahead';
import { recordedFacts } from '../../../support/facts';

const facts = (c: string) => recordedFacts<PlanFacts>(c, 'seg.upload-read-ahead');

describe('seg.upload-read-ahead, from facts gathered over copies of a SEG host', () => {
  it('fails on the SEG as installed, at server and site level, with the appcmd lines', () => {
    const outcome = uploadReadAhead.judge(facts('segInstalled'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toEqual([
      'system.webServer/serverRuntime@uploadReadAheadSize at server level: 49152 (IIS default)',
      'system.webServer/serverRuntime@uploadReadAheadSize at "Default Web Site": 49152 (IIS default)',
    ]);
    expect(outcome.command).toContain(
      'appcmd.exe set config "Default Web Site" -section:system.webServer/serverRuntime /uploadReadAheadSize:10485760 /commit:apphost',
    );
  });

  it('passes once the plan is applied, showing where each level is set', () => {
    expect(uploadReadAhead.judge(facts('segConfigured'))).toEqual({
      status: 'pass',
      evidence: [
        'system.webServer/serverRuntime@uploadReadAheadSize at server level: 10485760 (server level)',
        'system.webServer/serverRuntime@uploadReadAheadSize at "Default Web Site": 10485760 (location "default web site")',
      ],
    });
  });
});
