import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import { err, ok, type Result } from '../app/contract/result';
import { Secret } from '../app/config/secrets';

/** The part of Electron's safeStorage we use (the async API; the sync one is deprecated in 45). */
export type SafeStorageLike = Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'>;

export const UEM_PASSWORD_FILE = 'uem-password.bin';

const FORGET = 'Type the UEM API password each time instead.';

/**
 * Remembers one password, on request, encrypted by the operating system (DPAPI on Windows,
 * the keyring on Linux) in a file of the profile. It refuses rather than degrade: on Linux
 * without a keyring Electron falls back to `basic_text`, a key hard-coded in Chromium, and a
 * file "encrypted" that way is as good as plain text.
 */
export class RememberedPassword {
  readonly #safeStorage: SafeStorageLike;
  readonly #platform: NodeJS.Platform;
  readonly #file: string;

  constructor(options: { readonly safeStorage: SafeStorageLike; readonly platform: NodeJS.Platform; readonly file: string }) {
    this.#safeStorage = options.safeStorage;
    this.#platform = options.platform;
    this.#file = options.file;
  }

  /** The vault for the UEM API password in a profile folder. */
  static forUemPassword(safeStorage: SafeStorageLike, profileDir: string): RememberedPassword {
    return new RememberedPassword({ safeStorage, platform: process.platform, file: join(profileDir, UEM_PASSWORD_FILE) });
  }

  /** Whether a password can be remembered safely here, and if not why. */
  async availability(): Promise<Result<void>> {
    let available: boolean;
    try {
      available = await this.#safeStorage.isAsyncEncryptionAvailable();
    } catch {
      available = false;
    }
    if (!available) {
      return err(
        'secrets.encryption-unavailable',
        "The operating system's protected storage is not available, so the password cannot be remembered.",
        `${FORGET} On Windows, sign in interactively (the user profile must be loaded); on Linux, unlock a keyring.`,
      );
    }
    if (this.#platform === 'linux') {
      const backend = this.#safeStorage.getSelectedStorageBackend();
      if (backend === 'basic_text' || backend === 'unknown') {
        return err(
          'secrets.plain-text-backend',
          `No keyring is available on this Linux desktop (storage backend "${backend}"): the password would be stored with a well-known key, which is no protection.`,
          `${FORGET} Or install and unlock GNOME Keyring or KWallet, or start the app with --password-store=gnome-libsecret.`,
        );
      }
    }
    return ok(undefined);
  }

  async remember(password: Secret): Promise<Result<void>> {
    const available = await this.availability();
    if (!available.ok) return available;
    let sealed: Buffer;
    try {
      sealed = await this.#safeStorage.encryptStringAsync(password.reveal());
    } catch {
      return err('secrets.encrypt-failed', 'The operating system refused to encrypt the password.', FORGET);
    }
    return this.#write(sealed);
  }

  /** The remembered password, or null when none was remembered. */
  async recall(): Promise<Result<Secret | null>> {
    let sealed: Buffer;
    try {
      sealed = await readFile(this.#file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return ok(null);
      return err('secrets.read-failed', `The remembered password file ${this.#file} cannot be read.`, 'Check the permissions of the profile folder.');
    }
    const available = await this.availability();
    if (!available.ok) return available;
    let opened: { shouldReEncrypt: boolean; result: string };
    try {
      opened = await this.#safeStorage.decryptStringAsync(sealed);
    } catch {
      return err(
        'secrets.unreadable',
        'The remembered password cannot be decrypted (the keyring changed, or the profile was copied from another account or machine).',
        'Forget the remembered password and type it again.',
      );
    }
    if (opened.shouldReEncrypt) {
      // The OS rotated its key: seal the password again under the new one. Failing that is
      // harmless, since the old file still opens.
      await this.#safeStorage.encryptStringAsync(opened.result).then(
        (resealed) => this.#write(resealed),
        () => undefined,
      );
    }
    return ok(new Secret(opened.result));
  }

  async forget(): Promise<Result<void>> {
    try {
      await rm(this.#file, { force: true });
      return ok(undefined);
    } catch {
      return err(
        'secrets.forget-failed',
        `The remembered password file ${this.#file} cannot be deleted.`,
        'Delete the file by hand, or check the permissions of the profile folder.',
      );
    }
  }

  // Written beside the target and renamed, so a crash never leaves half a file; owner-only.
  async #write(sealed: Buffer): Promise<Result<void>> {
    const temporary = `${this.#file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, sealed, { mode: 0o600 });
      await rename(temporary, this.#file);
      return ok(undefined);
    } catch {
      await rm(temporary, { force: true }).catch(() => undefined);
      return err(
        'secrets.write-failed',
        `The remembered password cannot be written to ${this.#file}.`,
        'Check the permissions and free space of the profile folder.',
      );
    }
  }
}
