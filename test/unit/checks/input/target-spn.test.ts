import { describe, expect, it } from 'vitest';
import { targetSpn, type TargetSpnFacts } from '../../../../app/checks/input/target-spn';
import { recordedFacts } from '../../../support/facts';

const healthy = recordedFacts<TargetSpnFacts>('healthy', 'input.target-spn');

describe('input.target-spn', () => {
  it('passes on the SPN of the lab', () => {
    expect(targetSpn.judge(healthy)).toEqual({ status: 'pass', evidence: ['kcd.targetSpn: valid'] });
  });

  it('fails on a bare host name, showing the HTTP/host form', () => {
    const outcome = targetSpn.judge({ targetSpn: 'semail01' });
    expect(outcome).toEqual({
      status: 'fail',
      evidence: ['kcd.targetSpn: The target SPN has the form HTTP/host, for example "HTTP/semail01"'],
      remedy: 'In the KCD step: The target SPN has the form HTTP/host, for example "HTTP/semail01".',
      fields: ['kcd.targetSpn'],
    });
  });
});
