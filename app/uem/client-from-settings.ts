import type { Settings } from '../contract/settings';
import type { Secret, Secrets } from '../config/secrets';
import type { TlsSessionStore } from '../net/tls-sessions';
import { UemClient, type UemAuth } from './client';
import type { CmsCredential } from './cms-signature';
import { loadClientCertificate } from './client-certificate';
import { uemErr, uemOk, type UemResult } from './uem-error';

/** Why the UEM API is not asked at all: the wizard and checks say this instead of failing. */
export function offlineReason(settings: Settings): string | null {
  return settings.uem.apiUrl.trim() === ''
    ? 'No UEM API URL is set: working offline, so the UEM API is not asked; the UEM fields typed by hand are used as they are'
    : null;
}

export interface ClientExtras {
  /** The Certificates step's roots (PEM), trusted before the OS store, NODE_EXTRA_CA_CERTS and Node's bundled roots. */
  readonly trustedCa?: readonly string[];
  /** The API admin's client certificate, loaded from settings.uem.clientCertificate (authMethod `certificate`). */
  readonly clientCertificate?: CmsCredential;
  /** A verify run's TLS sessions (checks only; the wizard's calls each stand alone). */
  readonly sessions?: TlsSessionStore;
}

function authOf(settings: Settings, password: Secret, extras: ClientExtras): UemResult<UemAuth> {
  const uem = settings.uem;
  switch (uem.authMethod) {
    case 'basic':
      if (uem.user.trim() === '') return uemErr('uem.no-user', 'The UEM API admin user is not given', 'Enter the API admin user (uem.user).');
      return uemOk({ kind: 'basic', user: uem.user.trim(), password });
    case 'oauth':
      if (uem.oauthTokenUrl.trim() === '' || uem.oauthClientId.trim() === '') {
        return uemErr(
          'uem.no-oauth-client',
          'OAuth is chosen but its token URL or client id is not given',
          'Enter the token URL of your region and the OAuth client id from Groups & Settings > Configurations > OAuth Client Management.',
        );
      }
      return uemOk({ kind: 'oauth', credential: { tokenUrl: uem.oauthTokenUrl.trim(), clientId: uem.oauthClientId.trim(), clientSecret: password } });
    case 'certificate':
      if (extras.clientCertificate === undefined)
        return uemErr(
          'uem.no-client-certificate',
          'Certificate authentication is chosen but no client certificate was loaded',
          'Give the PFX of the API admin certificate (uem.clientCertificate).',
        );
      return uemOk({ kind: 'certificate', credential: extras.clientCertificate });
  }
}

/**
 * The client for these settings, loading the API client certificate first when that is how
 * the API is signed in to (the one step that reads a file).
 */
export async function uemClientFor(settings: Settings, secrets: Secrets, baseDir: string, extras: ClientExtras = {}): Promise<UemResult<UemClient>> {
  if (settings.uem.authMethod !== 'certificate' || offlineReason(settings) !== null || secrets.uemPassword === undefined)
    return clientFromSettings(settings, secrets, extras);
  if (settings.uem.clientCertificate.trim() === '') return clientFromSettings(settings, secrets, extras);
  const credential = await loadClientCertificate(settings.uem.clientCertificate, baseDir, secrets.uemPassword);
  if (!credential.ok) return credential;
  return clientFromSettings(settings, secrets, { ...extras, clientCertificate: credential.value });
}

/** The client the settings describe: their sign-in method, the tenant code, pinned hosts, the timeout. */
export function clientFromSettings(settings: Settings, secrets: Secrets, extras: ClientExtras = {}): UemResult<UemClient> {
  const offline = offlineReason(settings);
  if (offline !== null) return uemErr('uem.offline', offline, 'Enter the API server URL on the UEM API step to use the API, or go on offline.');
  const password = secrets.uemPassword;
  if (password === undefined || password.isEmpty) {
    return uemErr(
      'uem.no-password',
      'The UEM API password (or OAuth client secret, or PFX password) is not given',
      'Type it on the UEM API step (CLI: SEG_UEM_PASSWORD or --secrets-stdin).',
    );
  }
  const auth = authOf(settings, password, extras);
  if (!auth.ok) return auth;
  return uemOk(
    new UemClient({
      apiUrl: settings.uem.apiUrl.trim(),
      tenantCode: settings.uem.tenantCode.trim(),
      auth: auth.value,
      timeoutMs: settings.network.timeoutMs,
      hosts: settings.network.hosts,
      dnsServer: settings.network.dnsServer,
      ignoreTlsErrors: settings.uem.ignoreTlsErrors,
      pinnedSha256: settings.uem.pinnedCertificateSha256,
      ...(extras.trustedCa ? { trustedCa: extras.trustedCa } : {}),
      ...(extras.sessions ? { sessions: extras.sessions } : {}),
    }),
  );
}
