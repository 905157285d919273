import type { CoreApi, CoreMethod, Result } from '../../app/contract/core-api';
import type { SegApi } from './client';
import { EventStream } from './event-stream';

export interface HttpApiOptions {
  /** Ends with a slash: methods are POSTed to `${baseUrl}${method}`. */
  readonly baseUrl: string;
  /** Sent on every call, for programs; the page uses launchToken instead. */
  readonly token?: string;
  /** Exchanged once for the host's HttpOnly session cookie before the first call; the page never keeps it. */
  readonly launchToken?: string;
}

const TOKEN_HEADER = 'x-seg-token';
const CALL_TIMEOUT_MS = 30_000;

function transportError<T>(message: string): Result<T> {
  return {
    ok: false,
    error: {
      code: 'transport.unreachable',
      message,
      remedy: 'Check that SEG KCD Setup is still running (the window or `npm start`), then reload this page.',
    },
  };
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const candidate = value as { ok: unknown; value?: unknown; error?: unknown };
  return candidate.ok === true || (candidate.ok === false && typeof candidate.error === 'object' && candidate.error !== null);
}

/**
 * The contract over the web host's POST /api/<method>. Every call resolves to a Result:
 * a host that cannot be reached, times out or answers garbage becomes an error value too.
 */
export function createHttpApi(options: HttpApiOptions): SegApi {
  const tokenHeader: Record<string, string> = options.token === undefined ? {} : { [TOKEN_HEADER]: options.token };
  // A failed exchange leaves the calls to answer 401 with the host's reason.
  const session =
    options.launchToken === undefined
      ? Promise.resolve()
      : fetch(`${options.baseUrl}session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: options.launchToken },
          body: '{}',
          signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
        }).then(
          () => undefined,
          () => undefined,
        );
  const call = async <T>(method: CoreMethod, args: unknown): Promise<Result<T>> => {
    let response: Response;
    await session;
    try {
      response = await fetch(`${options.baseUrl}${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...tokenHeader },
        body: args === undefined ? '' : JSON.stringify(args),
        signal: AbortSignal.timeout(CALL_TIMEOUT_MS),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      return transportError(timedOut ? `The core did not answer ${method} within ${CALL_TIMEOUT_MS / 1000} s` : `The core cannot be reached (${method})`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return transportError(`The core answered ${method} with HTTP ${response.status} and no readable result`);
    }
    return isResult(body) ? (body as Result<T>) : transportError(`The core answered ${method} with an unexpected document`);
  };

  const events = new EventStream(`${options.baseUrl}events`, tokenHeader, session);

  const api: CoreApi = {
    getAppInfo: () => call('getAppInfo', undefined),
    newSettings: () => call('newSettings', undefined),
    loadSettings: () => call('loadSettings', undefined),
    saveSettings: (args) => call('saveSettings', args),
    validateSettings: (args) => call('validateSettings', args),
    startVerify: (args) => call('startVerify', args),
    getVerify: (args) => call('getVerify', args),
    cancelOperation: (args) => call('cancelOperation', args),
    importCertificates: (args) => call('importCertificates', args),
    exportBundle: (args) => call('exportBundle', args),
    importBundle: (args) => call('importBundle', args),
    renderReport: (args) => call('renderReport', args),
    previewConfigure: (args) => call('previewConfigure', args),
    applyConfigure: (args) => call('applyConfigure', args),
    undoConfigure: (args) => call('undoConfigure', args),
    generateScripts: (args) => call('generateScripts', args),
    chooseScriptsFolder: () => call('chooseScriptsFolder', undefined),
    saveScripts: (args) => call('saveScripts', args),
    zipScripts: (args) => call('zipScripts', args),
    rememberUemPassword: (args) => call('rememberUemPassword', args),
    recallUemPassword: () => call('recallUemPassword', undefined),
    relaunchElevated: () => call('relaunchElevated', undefined),
    forgetUemPassword: () => call('forgetUemPassword', undefined),
    searchOrganizationGroups: (args) => call('searchOrganizationGroups', args),
    chooseSettingsFile: (args) => call('chooseSettingsFile', args),
    openSettingsFile: (args) => call('openSettingsFile', args),
    saveSettingsAs: (args) => call('saveSettingsAs', args),
    parseHostPins: (args) => call('parseHostPins', args),
  };
  return { ...api, onEvent: (callback) => events.subscribe(callback) };
}
