import type { Secret } from '../config/secrets';
import type { Result } from '../contract/result';

/**
 * Where the UEM API password is remembered when the person asks for it. The desktop app
 * provides one on the operating system's secret store (Electron safeStorage, main/secrets.ts);
 * the core cannot import Electron, so it is handed in. Without one, passwords live in memory only.
 */
export interface PasswordVault {
  /** Whether it can store safely here; an error with the reason when it cannot (no keyring, plain-text fallback). */
  availability(): Promise<Result<void>>;
  remember(password: Secret): Promise<Result<void>>;
  recall(): Promise<Result<Secret | null>>;
  forget(): Promise<Result<void>>;
}
