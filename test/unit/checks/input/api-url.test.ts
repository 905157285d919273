import { describe, expect, it } from 'vitest';
import { apiUrl, type ApiUrlFacts } from '../../../../app/checks/input/api-url';
import { recordedFacts } from '../../../support/facts';
import { guideSettings } from '../../../support/settings';

const healthy = recordedFacts<ApiUrlFacts>('healthy', 'input.api-url');

describe('input.api-url', () => {
  it('passes on the URL of the lab', () => {
    expect(apiUrl.judge(healthy)).toEqual({ status: 'pass', evidence: ['uem.apiUrl: valid'] });
  });

  it('fails on a plain-HTTP URL, sending the person to the UEM API step', () => {
    const outcome = apiUrl.judge({ apiUrl: 'http://uem.se.airwlab.com' });
    expect(outcome).toEqual({
      status: 'fail',
      evidence: ['uem.apiUrl: The API server URL must start with https:// (the UEM API is served over TLS), not http://'],
      remedy: 'In the UEM API step: The API server URL must start with https:// (the UEM API is served over TLS), not http://.',
      fields: ['uem.apiUrl'],
    });
  });

  it('does not apply offline (no URL), with the reason', () => {
    const s = guideSettings();
    expect(apiUrl.applies?.({ ...s, uem: { ...s.uem, apiUrl: ' ' } })).toMatch(/working offline/);
    expect(apiUrl.applies?.(s)).toBeNull();
  });
});
