import { describe, expect, it } from 'vitest';
import { iisConfig, type IisConfigFacts } from '../../../../app/checks/seg/iis-config';
import { recordedFacts } from '../../../support/facts';

const facts = (c: string) => recordedFacts<IisConfigFacts>(c, 'seg.iis-config');

describe('seg.iis-config, from facts gathered over copies of a SEG host', () => {
  it('passes on a well-formed copy, counting its lines', () => {
    expect(iisConfig.judge(facts('segConfigured'))).toEqual({ status: 'pass', evidence: ['/seg-host/applicationHost.config: 137 lines, well-formed'] });
  });

  it('fails on a damaged copy with where it breaks and where IIS keeps good ones', () => {
    const outcome = iisConfig.judge(facts('segDamaged'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence[0]).toMatch(/not well-formed XML: .*\(line 86, column 17\)/);
    expect(outcome.remedy).toMatch(/inetpub\\history/);
  });
});
