/**
 * Errors cross process boundaries as values: Electron's ipcMain.handle keeps only an
 * exception's message, and the HTTP host and CLI need the code and remedy too.
 */
export interface CoreError {
  /** Stable, machine-readable: scripts and tests match on it. */
  readonly code: string;
  /** What went wrong, in words a Windows administrator understands. */
  readonly message: string;
  /** What the person can do about it, when there is something to do. */
  readonly remedy?: string;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CoreError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(code: string, message: string, remedy?: string): Result<T> {
  return { ok: false, error: remedy === undefined ? { code, message } : { code, message, remedy } };
}
