import { oauthTokenUrlProblem } from '../../config/field-rules';
import type { Settings } from '../../contract/settings';
import { inputCheck, offlineReason } from './input-rule';

export interface ApiAuthFacts {
  readonly authMethod: Settings['uem']['authMethod'];
  readonly oauthTokenUrl: string;
  readonly oauthClientId: string;
  /** The PFX's path (or nothing): its password is a secret and not in the settings. */
  readonly clientCertificate: string;
}

export const apiAuth = inputCheck<ApiAuthFacts>({
  id: 'input.api-auth',
  title: 'UEM API sign-in (OAuth client or client certificate)',
  where: 'UEM API step',
  applies: offlineReason,
  notApplicable: (s) => (s.uem.authMethod === 'basic' ? 'Basic authentication with the admin user' : null),
  read: (s) => ({
    authMethod: s.uem.authMethod,
    oauthTokenUrl: s.uem.oauthTokenUrl,
    oauthClientId: s.uem.oauthClientId,
    clientCertificate: s.uem.clientCertificate,
  }),
  findings: (f) =>
    f.authMethod === 'oauth'
      ? [
          { field: 'uem.oauthTokenUrl', problem: oauthTokenUrlProblem(f.oauthTokenUrl) },
          {
            field: 'uem.oauthClientId',
            problem: f.oauthClientId.trim() === '' ? 'The OAuth client id is required (Groups & Settings > Configurations > OAuth Client Management)' : null,
          },
        ]
      : [
          {
            field: 'uem.clientCertificate',
            problem:
              f.clientCertificate.trim() === ''
                ? 'Give the PFX of the API admin certificate (console: Accounts > Administrators > the admin > API > Generate Client Certificate)'
                : null,
          },
        ],
});
