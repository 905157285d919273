import type { Settings } from '../config/settings-schema';
import type { Secrets } from '../config/secrets';
import { UemClient } from './client';
import { uemErr, uemOk, type UemResult } from './uem-error';

/** Why the UEM API is not asked at all: the wizard and checks say this instead of failing. */
export function offlineReason(settings: Settings): string | null {
  return settings.uem.apiUrl.trim() === ''
    ? 'No UEM API URL is set: working offline, so the UEM API is not asked; the UEM fields typed by hand are used as they are'
    : null;
}

export interface ClientExtras {
  /** Trust anchors (PEM) besides Node's bundled roots, for an API server with a certificate from an internal CA. */
  readonly trustedCa?: readonly string[];
}

/** The client the settings describe: Basic authentication with the admin user, the tenant code, pinned hosts, the timeout. */
export function clientFromSettings(settings: Settings, secrets: Secrets, extras: ClientExtras = {}): UemResult<UemClient> {
  const offline = offlineReason(settings);
  if (offline !== null) return uemErr('uem.offline', offline, 'Enter the API server URL on the UEM API step to use the API, or go on offline.');
  const password = secrets.uemPassword;
  if (password === undefined || password.isEmpty) {
    return uemErr('uem.no-password', 'The UEM API password is not given', 'Type the API admin password on the UEM API step (CLI: SEG_UEM_PASSWORD or --secrets-stdin).');
  }
  if (settings.uem.user.trim() === '') return uemErr('uem.no-user', 'The UEM API admin user is not given', 'Enter the API admin user on the UEM API step.');
  return uemOk(
    new UemClient({
      apiUrl: settings.uem.apiUrl.trim(),
      tenantCode: settings.uem.tenantCode.trim(),
      auth: { kind: 'basic', user: settings.uem.user.trim(), password },
      timeoutMs: settings.network.timeoutMs,
      hosts: settings.network.hosts,
      dnsServer: settings.network.dnsServer,
      ignoreTlsErrors: settings.uem.ignoreTlsErrors,
      ...(extras.trustedCa ? { trustedCa: extras.trustedCa } : {}),
    }),
  );
}
