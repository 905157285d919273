import { describe, expect, it } from 'vitest';
import { clientCertMapping } from '../../../../app/checks/seg/client-cert-mapping';
import type { PlanFacts } from '../../../../app/checks/seg/plan-check';
import { recordedFacts } from '../../../support/facts';

const facts = (c: string) => recordedFacts<PlanFacts>(c, 'seg.client-cert-mapping');

describe('seg.client-cert-mapping, from facts gathered over copies of a SEG host', () => {
  it('fails on the SEG as installed, at server level and for ActiveSync, naming the guide steps', () => {
    const outcome = clientCertMapping.judge(facts('segInstalled'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toHaveLength(2);
    expect(outcome.evidence.every((line) => line.endsWith(': false (IIS default)'))).toBe(true);
    expect(outcome.remedy).toMatch(/\(guide: [^)]+\).*\(guide: [^)]+\)\. Apply the SEG plan/);
    expect(outcome.command).toMatch(/clientCertificateMappingAuthentication \/enabled:true \/commit:apphost/);
  });

  it('passes once the plan is applied, and where the half-configured copy sets it at server level', () => {
    expect(clientCertMapping.judge(facts('segConfigured')).status).toBe('pass');
    const half = clientCertMapping.judge(facts('segNegotiateCert'));
    expect(half.status).toBe('pass');
    expect(half.evidence).toEqual([expect.stringMatching(/: true \(server level\)$/), expect.stringMatching(/: true \(server level\)$/)]);
  });
});
