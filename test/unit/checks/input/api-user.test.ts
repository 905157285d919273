import { describe, expect, it } from 'vitest';
import { notApplicableReason } from '../../../../app/checks/not-applicable';
import { apiUser, type ApiUserFacts } from '../../../../app/checks/input/api-user';
import { recordedFacts } from '../../../support/facts';
import { guideSettings } from '../../../support/settings';

const healthy = recordedFacts<ApiUserFacts>('healthy', 'input.api-user');

describe('input.api-user', () => {
  it('passes on the admin user of the lab', () => {
    expect(apiUser.judge(healthy)).toEqual({ status: 'pass', evidence: ['uem.user: valid'] });
  });

  it('fails on a blank user', () => {
    const outcome = apiUser.judge({ user: '  ' });
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toEqual(['uem.user: The API admin user is required to reach the UEM API']);
    expect(outcome.remedy).toBe('In the UEM API step: The API admin user is required to reach the UEM API.');
  });

  it('needs the API URL (offline its dependents go too), and does not apply to another sign-in (they run)', () => {
    const s = guideSettings();
    expect(apiUser.applies?.(s)).toBeNull();
    expect(notApplicableReason(apiUser, s)).toBeNull();
    expect(apiUser.applies?.({ ...s, uem: { ...s.uem, apiUrl: '' } })).toMatch(/offline/);
    expect(notApplicableReason(apiUser, { ...s, uem: { ...s.uem, authMethod: 'oauth' } })).toBe(
      'The API is signed in to with OAuth client credentials, not a user name',
    );
    expect(notApplicableReason(apiUser, { ...s, uem: { ...s.uem, authMethod: 'certificate' } })).toBe(
      'The API is signed in to with a client certificate, not a user name',
    );
  });
});
