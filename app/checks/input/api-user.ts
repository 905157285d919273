import { inputCheck, offlineReason } from './input-rule';

export interface ApiUserFacts {
  readonly user: string;
}

export const apiUser = inputCheck<ApiUserFacts>({
  id: 'input.api-user',
  title: 'UEM API admin user',
  where: 'UEM API step',
  applies: offlineReason,
  notApplicable: (s) =>
    s.uem.authMethod === 'basic'
      ? null
      : `The API is signed in to with ${s.uem.authMethod === 'oauth' ? 'OAuth client credentials' : 'a client certificate'}, not a user name`,
  read: (s) => ({ user: s.uem.user }),
  findings: (f) => [{ field: 'uem.user', problem: f.user.trim() === '' ? 'The API admin user is required to reach the UEM API' : null }],
});
