import type { IncomingHttpHeaders } from 'node:http';
import type { Secret } from '../config/secrets';
import { statusError } from './api-fault';
import { cmsAuthorization, type CmsCredential } from './cms-signature';
import { httpsExchange, type HttpsResponse, type TlsObservation, type TransportOptions } from './https-exchange';
import type { TlsSessionStore } from '../net/tls-sessions';
import { excerpt, parseJsonBody } from './json-body';
import { fetchAccessToken, tokenStillGood, type AccessToken, type OAuthClientCredential } from './oauth-token';
import { uemErr, uemOk, type UemResult } from './uem-error';

/** The three ways the public API lets an admin authenticate (uem-api-notes.md 3). */
export type UemAuth =
  | { readonly kind: 'basic'; readonly user: string; readonly password: Secret }
  | { readonly kind: 'certificate'; readonly credential: CmsCredential }
  | { readonly kind: 'oauth'; readonly credential: OAuthClientCredential };

export interface UemClientOptions {
  /** https://host[:port], no path (the API's sections live under /api/). */
  readonly apiUrl: string;
  /** The REST API key, sent as `aw-tenant-code` with every call (also with OAuth: harmless, and some tenants need it). */
  readonly tenantCode: string;
  readonly auth: UemAuth;
  readonly timeoutMs: number;
  /** settings.network.hosts: names pinned to addresses. */
  readonly hosts: Readonly<Record<string, string>>;
  /** settings.network.dnsServer; the system resolver when absent or empty. */
  readonly dnsServer?: string;
  readonly ignoreTlsErrors: boolean;
  /** The certificate accepted on first use; "ignore TLS errors" continues only while the server presents it. */
  readonly pinnedSha256?: string;
  readonly trustedCa?: readonly string[];
  /** Largest answer read; a real API pages its results, so anything bigger is not the API. */
  readonly maxResponseBytes?: number;
  readonly now?: () => number;
  /** A verify run's TLS sessions, so its calls resume instead of repeating the full handshake. */
  readonly sessions?: TlsSessionStore;
}

export interface UemGet {
  /** `application/json` or `application/json;version=N`. */
  readonly accept: string;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly signal?: AbortSignal;
  /** Statuses the caller interprets itself (e.g. 404 "configuration not found"), returned instead of an error. */
  readonly passStatuses?: readonly number[];
}

export interface UemAnswer {
  readonly status: number;
  /** The parsed body; undefined for an empty answer (204, or a passed status without a body). */
  readonly json: unknown;
  readonly body: Buffer;
  readonly headers: IncomingHttpHeaders;
  readonly tls: TlsObservation;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

export class UemClient {
  #token: AccessToken | undefined;
  readonly #base: URL | null;

  constructor(private readonly options: UemClientOptions) {
    let base: URL | null = null;
    try {
      base = new URL(options.apiUrl);
    } catch {
      base = null;
    }
    this.#base = base;
  }

  /** Values that must never appear in what this client shows, even when a server echoes them. */
  #secrets(): string[] {
    const auth = this.options.auth;
    const own =
      auth.kind === 'basic'
        ? [auth.password.reveal(), Buffer.from(`${auth.user}:${auth.password.reveal()}`, 'utf8').toString('base64')]
        : auth.kind === 'oauth'
          ? [auth.credential.clientSecret.reveal()]
          : [];
    return [...own, this.options.tenantCode, this.#token?.value.reveal() ?? ''].filter((s) => s !== '');
  }

  #transport(signal: AbortSignal | undefined): TransportOptions {
    return {
      timeoutMs: this.options.timeoutMs,
      names: { hosts: this.options.hosts, dnsServer: this.options.dnsServer ?? '' },
      ignoreTlsErrors: this.options.ignoreTlsErrors,
      ...(this.options.pinnedSha256 ? { pinnedSha256: this.options.pinnedSha256 } : {}),
      maxResponseBytes: this.options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      ...(this.options.trustedCa ? { trustedCa: this.options.trustedCa } : {}),
      ...(this.options.sessions ? { sessions: this.options.sessions } : {}),
      ...(signal ? { signal } : {}),
    };
  }

  async #authorization(url: URL, signal: AbortSignal | undefined, renew: boolean): Promise<UemResult<string>> {
    const auth = this.options.auth;
    const now = this.options.now ?? Date.now;
    switch (auth.kind) {
      case 'basic':
        // RFC 7617 section 2: the user-id cannot contain a colon; the credentials are UTF-8.
        if (auth.user.includes(':')) return uemErr('uem.user', 'The API user name must not contain ":"', 'Enter the console admin user name without a colon.');
        return uemOk(`Basic ${Buffer.from(`${auth.user}:${auth.password.reveal()}`, 'utf8').toString('base64')}`);
      case 'certificate':
        return cmsAuthorization(auth.credential, url.pathname, new Date(now()));
      case 'oauth': {
        if (renew || !tokenStillGood(this.#token, now())) {
          const { ignoreTlsErrors: _ignored, ...transport } = this.#transport(signal);
          const token = await fetchAccessToken(auth.credential, transport, now);
          if (!token.ok) return token;
          this.#token = token.value;
        }
        return uemOk(`Bearer ${(this.#token as AccessToken).value.reveal()}`);
      }
    }
  }

  /** GET an API path (`/api/system/info`); non-success statuses become errors that say who is at fault. */
  async get(path: string, request: UemGet): Promise<UemResult<UemAnswer>> {
    if (this.#base === null || this.#base.protocol !== 'https:') {
      return uemErr(
        'uem.url',
        `"${excerpt(this.options.apiUrl, 80)}" is not an https:// URL of a UEM API server`,
        'Enter the API server URL as https://as1506.awmdm.com.',
      );
    }
    const url = new URL(path, this.#base.origin);
    for (const [name, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
    const what = `GET ${url.pathname}`;

    const send = async (renewToken: boolean): Promise<UemResult<HttpsResponse>> => {
      const authorization = await this.#authorization(url, request.signal, renewToken);
      if (!authorization.ok) return authorization;
      return httpsExchange(
        { url, method: 'GET', headers: { authorization: authorization.value, 'aw-tenant-code': this.options.tenantCode, accept: request.accept } },
        this.#transport(request.signal),
      );
    };
    let answer = await send(false);
    // An OAuth token can be revoked or expire early: fetch a fresh one once before giving up.
    if (answer.ok && answer.value.status === 401 && this.options.auth.kind === 'oauth') answer = await send(true);
    if (!answer.ok) return answer;

    const { status, body, headers, tls } = answer.value;
    const passed = request.passStatuses?.includes(status) ?? false;
    if (status < 200 || (status > 299 && !passed)) {
      const error = statusError(status, body, headers, { what, secrets: this.#secrets() });
      return { ok: false, error };
    }
    if (body.length === 0 || status === 204) return uemOk({ status, json: undefined, body, headers, tls });
    const json = parseJsonBody(body, what);
    if (passed) return uemOk({ status, json: json.ok ? json.value : undefined, body, headers, tls });
    if (!json.ok) return json;
    return uemOk({ status, json: json.value, body, headers, tls });
  }
}
