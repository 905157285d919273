import { describe, expect, it } from 'vitest';
import { secretsFromRecord } from '../../../app/config/secrets';
import { emptySettings } from '../../../app/contract/settings';
import { clientFromSettings, offlineReason } from '../../../app/uem/client-from-settings';

describe('clientFromSettings', () => {
  const online = () => {
    const s = emptySettings();
    s.uem = { ...s.uem, apiUrl: 'https://as1506.awmdm.com', user: 'api-admin', tenantCode: 'k', ignoreTlsErrors: false };
    return s;
  };

  it('is offline, with the reason, when no API URL is set', () => {
    expect(offlineReason(emptySettings())).toMatch(/working offline/);
    expect(offlineReason(online())).toBeNull();
    const made = clientFromSettings(emptySettings(), secretsFromRecord({ uemPassword: 'p' }));
    expect(!made.ok && made.error.code).toBe('uem.offline');
  });

  it('needs the password and the user', () => {
    expect(clientFromSettings(online(), {}).ok).toBe(false);
    const noUser = online();
    noUser.uem.user = ' ';
    const made = clientFromSettings(noUser, secretsFromRecord({ uemPassword: 'p' }));
    expect(!made.ok && made.error.code).toBe('uem.no-user');
    expect(clientFromSettings(online(), secretsFromRecord({ uemPassword: 'p' })).ok).toBe(true);
  });
});
