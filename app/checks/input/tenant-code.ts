import { inputCheck, offlineReason } from './input-rule';

/** The tenant code is a secret (the API key): its facts say what the rule needs, never the value. */
export interface TenantCodeFacts {
  readonly blank: boolean;
  readonly hasWhitespace: boolean;
}

export const tenantCode = inputCheck<TenantCodeFacts>({
  id: 'input.tenant-code',
  title: 'UEM API tenant code (API key)',
  where: 'UEM API step',
  applies: offlineReason,
  read: (s) => ({ blank: s.uem.tenantCode.trim() === '', hasWhitespace: /\s/.test(s.uem.tenantCode) }),
  findings: (f) => [
    {
      field: 'uem.tenantCode',
      problem: f.blank
        ? 'The tenant code (API key from Groups & Settings > All Settings > System > Advanced > API > REST API) is required'
        : f.hasWhitespace
          ? 'The tenant code must not contain spaces'
          : null,
    },
  ],
});
