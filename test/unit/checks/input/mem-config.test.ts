import { describe, expect, it } from 'vitest';
import { memConfig, type MemConfigFacts } from '../../../../app/checks/input/mem-config';
import { recordedFacts } from '../../../support/facts';

const healthy = recordedFacts<MemConfigFacts>('healthy', 'input.mem-config');

describe('input.mem-config', () => {
  it('passes on the friendly name of the lab', () => {
    expect(memConfig.judge(healthy)).toEqual({ status: 'pass', evidence: ['organizationGroup.memConfigName: valid'] });
  });

  it('fails on a blank name', () => {
    const outcome = memConfig.judge({ memConfigName: '' });
    expect(outcome.status === 'fail' && outcome.remedy).toBe(
      'In the Organization group step: The MEM configuration friendly name is required; it must match the one made on the UEM console.',
    );
  });
});
