import * as z from 'zod';
import { Secret } from '../config/secrets';
import { httpsExchange, type TransportOptions } from './https-exchange';
import { parseJsonBody, excerpt } from './json-body';
import { readFault } from './api-fault';
import { uemErr, uemOk, type UemResult } from './uem-error';

/** OAuth 2.0 client credentials of the Workspace ONE token service (SaaS only; uem-api-notes.md 3.3). */
export interface OAuthClientCredential {
  /** e.g. https://emea.uemauth.workspaceone.com/connect/token */
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: Secret;
}

export interface AccessToken {
  readonly value: Secret;
  /** Epoch milliseconds after which the token is not used any more. */
  readonly expiresAt: number;
}

const tokenAnswer = z.object({
  access_token: z.string().min(1).max(16_384),
  expires_in: z.number().positive().max(31_536_000).optional(),
  token_type: z.string().max(64).optional(),
});

/** Tokens are renewed this long before the server says they expire, so one never lapses mid-request. */
const RENEW_MARGIN_MS = 60_000;
const DEFAULT_LIFETIME_S = 3600;

export function tokenStillGood(token: AccessToken | undefined, now: number): token is AccessToken {
  return token !== undefined && now < token.expiresAt;
}

/**
 * RFC 6749 section 4.4: POST grant_type=client_credentials, the client authenticated with
 * HTTP Basic (section 2.3.1, id and secret form-urlencoded first). The token service has
 * a public certificate: "ignore TLS errors" is for the UEM API host only and not used here.
 */
export async function fetchAccessToken(
  credential: OAuthClientCredential,
  transport: Omit<TransportOptions, 'ignoreTlsErrors'>,
  now: () => number,
): Promise<UemResult<AccessToken>> {
  let url: URL;
  try {
    url = new URL(credential.tokenUrl);
  } catch {
    return uemErr(
      'uem.oauth-url',
      `The token URL "${excerpt(credential.tokenUrl, 80)}" is not a URL`,
      'Use the token URL of your region, e.g. https://na.uemauth.workspaceone.com/connect/token.',
    );
  }
  if (url.protocol !== 'https:')
    return uemErr(
      'uem.oauth-url',
      'The token URL must start with https://',
      'Use the token URL of your region, e.g. https://na.uemauth.workspaceone.com/connect/token.',
    );
  const basic = Buffer.from(`${encodeURIComponent(credential.clientId)}:${encodeURIComponent(credential.clientSecret.reveal())}`).toString('base64');
  const answer = await httpsExchange(
    {
      url,
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: Buffer.from('grant_type=client_credentials'),
    },
    { ...transport, ignoreTlsErrors: false },
  );
  if (!answer.ok) return answer;
  const { status, body } = answer.value;
  if (status !== 200) {
    const fault = readFault(body);
    const detail = fault?.message ?? '';
    return uemErr(
      status === 400 || status === 401 ? 'uem.oauth-refused' : 'uem.oauth-failed',
      `The token service refused the client credentials (HTTP ${status}${detail ? `, "${excerpt(detail.split(credential.clientSecret.reveal()).join('[redacted]'), 120)}"` : ''})`,
      "Check the OAuth client id and secret (Groups & Settings > Configurations > OAuth Client Management) and that the token URL is the one of your tenant's region.",
    );
  }
  const json = parseJsonBody(body, 'the token request');
  if (!json.ok) return json;
  const parsed = tokenAnswer.safeParse(json.value);
  if (!parsed.success)
    return uemErr(
      'uem.oauth-failed',
      'The token service answered without an access_token',
      'Check that the token URL is the Workspace ONE token service of your region.',
    );
  const lifetimeMs = (parsed.data.expires_in ?? DEFAULT_LIFETIME_S) * 1000;
  return uemOk({ value: new Secret(parsed.data.access_token), expiresAt: now() + Math.max(0, lifetimeMs - RENEW_MARGIN_MS) });
}
