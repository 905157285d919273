import type { IncomingHttpHeaders } from 'node:http';
import { excerpt } from './json-body';
import type { UemError } from './uem-error';

/**
 * The API's error body (schema BaseExceptionModel). JSON uses camelCase, but older servers
 * answer in PascalCase (uem-api-notes.md 7.1), so keys are matched without regard to case.
 */
export interface ApiFault {
  readonly errorCode: number | null;
  readonly message: string | null;
  readonly activityId: string | null;
}

function field(record: Record<string, unknown>, name: string): unknown {
  for (const [key, value] of Object.entries(record)) if (key.toLowerCase() === name.toLowerCase()) return value;
  return undefined;
}

export function readFault(body: Buffer): ApiFault | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    return null;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
  const record = parsed as Record<string, unknown>;
  const code = field(record, 'errorCode');
  const message = field(record, 'message');
  const activity = field(record, 'activityId');
  const errorCode = typeof code === 'number' && Number.isInteger(code) ? code : typeof code === 'string' && /^\d{1,9}$/.test(code) ? Number(code) : null;
  return {
    errorCode,
    message: typeof message === 'string' ? message : null,
    activityId: typeof activity === 'string' ? excerpt(activity, 64) : null,
  };
}

/** Application error codes that mean the tenant code (API key), not the user, is at fault (uem-api-notes.md 7.2). */
const TENANT_CODE_FAULTS = new Set([1013, 1030, 1032, 1054, 5036]);
const API_DISABLED_FAULTS = new Set([1014]);

export interface FaultContext {
  /** What was asked, e.g. "GET /api/system/info". */
  readonly what: string;
  /** Values a hostile or careless server might echo back; replaced before anything is shown. */
  readonly secrets: readonly string[];
}

function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 3) out = out.split(secret).join('[redacted]');
  return out;
}

/** What the server said, as one line: status, the API's code and words, the ids support asks for. */
function serverSaid(status: number, fault: ApiFault | null, headers: IncomingHttpHeaders, secrets: readonly string[]): string {
  const parts = [`HTTP ${status}`];
  if (fault?.errorCode != null) parts.push(`errorCode ${fault.errorCode}`);
  if (fault?.message) parts.push(`"${excerpt(scrub(fault.message, secrets), 200)}"`);
  if (fault?.activityId) parts.push(`activityId ${scrub(fault.activityId, secrets)}`);
  const correlation = headers['x-correlation-id'];
  if (typeof correlation === 'string') parts.push(`x-correlation-id ${excerpt(scrub(correlation, secrets), 64)}`);
  return parts.join(', ');
}

/** A non-success status as an error a person can act on: who is wrong (password, tenant code, role, URL) and what to do. */
export function statusError(status: number, body: Buffer, headers: IncomingHttpHeaders, context: FaultContext): UemError {
  const fault = readFault(body);
  const said = serverSaid(status, fault, headers, context.secrets);
  const evidence = [`${context.what}: ${said}`];
  const code = fault?.errorCode ?? null;
  const make = (errorCode: string, message: string, remedy: string): UemError => ({ code: errorCode, message: `${message} (${said})`, remedy, evidence });

  if (code !== null && TENANT_CODE_FAULTS.has(code)) {
    return make(
      'uem.tenant-code',
      'The UEM API did not accept the tenant code (API key)',
      'Copy the REST API key from Groups & Settings > All Settings > System > Advanced > API > REST API, at the organization group of the API admin or above, into the tenant code field.',
    );
  }
  if (code !== null && API_DISABLED_FAULTS.has(code)) {
    return make(
      'uem.api-disabled',
      'REST API access is disabled for this organization group',
      'Tick "Enable API Access" under Groups & Settings > All Settings > System > Advanced > API > REST API (on premises, restart IIS on the API servers afterwards).',
    );
  }
  if (status >= 300 && status < 400) {
    const location = typeof headers.location === 'string' ? excerpt(scrub(headers.location, context.secrets), 160) : '(no Location)';
    return make(
      'uem.redirect',
      `The server sends ${context.what} elsewhere (${location}) instead of answering: this is probably the console or a sign-in page, not the API server`,
      'Enter the API server URL (SaaS: the console host with "cn" replaced by "as", e.g. https://as1506.awmdm.com); redirects are not followed, so that credentials go nowhere else.',
    );
  }
  switch (status) {
    case 401:
      return make(
        'uem.unauthorized',
        'The UEM API refused the credentials: the user name or password is wrong, or the user is unknown',
        'Check the API admin user and password. Basic authentication needs a console-local admin account (directory accounts only when the console allows them); a locked account also gives this answer.',
      );
    case 403:
      return make(
        'uem.forbidden',
        'The UEM API knows this user, but its role does not allow this API call',
        'Give the admin a role with REST API access (e.g. a copy of Console Administrator with the API permissions) at the organization group of the SEG, then try again.',
      );
    case 404:
      return make(
        'uem.not-found',
        `The server answered "not found" for ${context.what}: this does not look like a Workspace ONE UEM API server`,
        'Enter the API server URL (SaaS: the console host with "cn" replaced by "as", e.g. https://as1506.awmdm.com), without a path.',
      );
    case 429:
      return make(
        'uem.rate-limited',
        'The UEM API refused the call because its rate limit is reached',
        'Wait until the limit resets (x-ratelimit-reset) and try again.',
      );
    default:
      return status >= 500
        ? make(
            'uem.server-error',
            `The UEM API failed while answering ${context.what}`,
            'The server reported an internal error; try again later, and quote the activity id to support if it persists.',
          )
        : make('uem.http-status', `The UEM API answered ${context.what} with an unexpected status`, 'Check that the URL points at the UEM API server.');
  }
}
