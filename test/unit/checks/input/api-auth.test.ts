import { describe, expect, it } from 'vitest';
import { notApplicableReason } from '../../../../app/checks/not-applicable';
import { apiAuth, type ApiAuthFacts } from '../../../../app/checks/input/api-auth';
import { guideSettings } from '../../../support/settings';

// The lab signs in with Basic, where this check does not apply: its facts are made here.
const oauth: ApiAuthFacts = {
  authMethod: 'oauth',
  oauthTokenUrl: 'https://na.uemauth.workspaceone.com/connect/token',
  oauthClientId: 'seg-kcd',
  clientCertificate: '',
};
const certificate: ApiAuthFacts = { authMethod: 'certificate', oauthTokenUrl: '', oauthClientId: '', clientCertificate: 'admin.pfx' };

describe('input.api-auth', () => {
  it('passes an OAuth client with its token URL and id', () => {
    expect(apiAuth.judge(oauth)).toEqual({ status: 'pass', evidence: ['uem.oauthTokenUrl: valid', 'uem.oauthClientId: valid'] });
  });

  it('fails an OAuth client without an id, and a token URL that is not /connect/token', () => {
    const outcome = apiAuth.judge({ ...oauth, oauthTokenUrl: 'https://na.uemauth.workspaceone.com/token', oauthClientId: '' });
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toEqual([
      'uem.oauthTokenUrl: The token URL ends in /connect/token, e.g. https://na.uemauth.workspaceone.com/connect/token',
      'uem.oauthClientId: The OAuth client id is required (Groups & Settings > Configurations > OAuth Client Management)',
    ]);
    expect(outcome.remedy).toMatch(/^In the UEM API step: The token URL .*; The OAuth client id is required .*\.$/);
  });

  it('passes a client certificate, and asks for the PFX when none is given', () => {
    expect(apiAuth.judge(certificate)).toEqual({ status: 'pass', evidence: ['uem.clientCertificate: valid'] });
    const outcome = apiAuth.judge({ ...certificate, clientCertificate: '' });
    expect(outcome.status).toBe('fail');
    expect(outcome.evidence).toEqual([
      'uem.clientCertificate: Give the PFX of the API admin certificate (console: Accounts > Administrators > the admin > API > Generate Client Certificate)',
    ]);
  });

  it('does not apply to Basic sign-in, nor offline', () => {
    const s = guideSettings();
    expect(notApplicableReason(apiAuth, s)).toBe('Basic authentication with the admin user');
    expect(apiAuth.applies?.({ ...s, uem: { ...s.uem, apiUrl: '', authMethod: 'oauth' } })).toMatch(/offline/);
    expect(notApplicableReason(apiAuth, { ...s, uem: { ...s.uem, authMethod: 'certificate' } })).toBeNull();
  });
});
