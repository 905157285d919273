import { describe, expect, it } from 'vitest';
import { dcHost, type DcHostFacts } from '../../../../app/checks/input/dc-host';
import { recordedFacts } from '../../../support/facts';
import { guideSettings } from '../../../support/settings';

const healthy = recordedFacts<DcHostFacts>('healthy', 'input.dc-host');

describe('input.dc-host', () => {
  it('passes on the DC of the lab', () => {
    expect(dcHost.judge(healthy)).toEqual({ status: 'pass', evidence: ['kcd.domains.0.dcHost: valid'] });
  });

  it('fails naming only the wrong domain of several', () => {
    const outcome = dcHost.judge({ dcHosts: [...healthy.dcHosts, 'dc2.other.test'] });
    expect(outcome.evidence).toEqual(['kcd.domains.1.dcHost: Enter the host name without its domain ("dc2"); the domain comes from the realm']);
    expect(outcome.status === 'fail' && outcome.remedy).toMatch(/^In the KCD step: /);
  });

  it('asks for a DC when no domain is given at all', () => {
    const s = guideSettings();
    expect(dcHost.fieldFindings({ ...s, kcd: { ...s.kcd, domains: [] } })).toEqual([
      { field: 'kcd.domains.0.dcHost', problem: 'The domain controller host name is required' },
    ]);
  });
});
