import { describe, expect, it } from 'vitest';
import { tenantCode, type TenantCodeFacts } from '../../../../app/checks/input/tenant-code';
import { recordedFacts } from '../../../support/facts';
import { guideSettings } from '../../../support/settings';

const healthy = recordedFacts<TenantCodeFacts>('healthy', 'input.tenant-code');

describe('input.tenant-code', () => {
  it('passes on the lab, whose facts hold no tenant code', () => {
    expect(tenantCode.judge(healthy)).toEqual({ status: 'pass', evidence: ['uem.tenantCode: valid'] });
    expect(Object.keys(healthy).sort()).toEqual(['blank', 'hasWhitespace']);
  });

  it('reads whether the code is set and holds spaces, never the code', () => {
    const s = guideSettings();
    expect(tenantCode.fieldFindings({ ...s, uem: { ...s.uem, tenantCode: 'T3N ANT' } })).toEqual([
      { field: 'uem.tenantCode', problem: 'The tenant code must not contain spaces' },
    ]);
  });

  it('fails when it is missing, naming where the console shows it', () => {
    const outcome = tenantCode.judge({ blank: true, hasWhitespace: false });
    expect(outcome.status).toBe('fail');
    expect(outcome.evidence).toEqual([
      'uem.tenantCode: The tenant code (API key from Groups & Settings > All Settings > System > Advanced > API > REST API) is required',
    ]);
  });

  it('fails when it holds spaces', () => {
    const outcome = tenantCode.judge({ blank: false, hasWhitespace: true });
    expect(outcome.status === 'fail' && outcome.remedy).toBe('In the UEM API step: The tenant code must not contain spaces.');
  });

  it('does not apply offline', () => {
    const s = guideSettings();
    expect(tenantCode.applies?.({ ...s, uem: { ...s.uem, apiUrl: '' } })).toMatch(/offline/);
  });
});
