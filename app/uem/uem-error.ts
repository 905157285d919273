import type { CoreError } from '../contract/result';

/**
 * A UEM API failure: the CoreError the wizard shows, plus the facts behind it (the server
 * certificate, the HTTP status, the API's own error code) as evidence lines for the checks.
 */
export interface UemError extends CoreError {
  readonly evidence: readonly string[];
}

export type UemResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: UemError };

export function uemOk<T>(value: T): UemResult<T> {
  return { ok: true, value };
}

export function uemErr<T = never>(code: string, message: string, remedy: string | undefined, evidence: readonly string[] = []): UemResult<T> {
  return { ok: false, error: remedy === undefined ? { code, message, evidence } : { code, message, remedy, evidence } };
}
