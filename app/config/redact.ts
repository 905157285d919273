import type { Settings } from '../contract/settings';

export const REDACTED = '[redacted]';

/**
 * The settings as they may be shown or shared: the tenant code is an API key, so it is
 * replaced (its presence stays visible). Passwords are never part of the settings at all.
 */
export function redactSettings(settings: Settings): Settings {
  return {
    ...settings,
    uem: { ...settings.uem, tenantCode: settings.uem.tenantCode === '' ? '' : REDACTED },
  };
}
