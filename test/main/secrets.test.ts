import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Secret } from '../../app/config/secrets';
import { RememberedPassword, UEM_PASSWORD_FILE, type SafeStorageLike } from '../../main/secrets';

const PASSWORD = 'Uem-P@ssw0rd-2026';
type Backend = ReturnType<SafeStorageLike['getSelectedStorageBackend']>;

/** An OS protected store stand-in: reversible, keyed, and visibly not plain text. */
function fakeSafeStorage(options: { available?: boolean; backend?: Backend; key?: number; rotate?: boolean } = {}) {
  const key = options.key ?? 0x5a;
  const seal = (text: string): Buffer => Buffer.concat([Buffer.from([key]), Buffer.from(text, 'utf8').map((b) => b ^ key)]);
  return {
    isAsyncEncryptionAvailable: vi.fn(async () => options.available ?? true),
    getSelectedStorageBackend: vi.fn((): Backend => options.backend ?? 'gnome_libsecret'),
    encryptStringAsync: vi.fn(async (text: string) => seal(text)),
    decryptStringAsync: vi.fn(async (sealed: Buffer) => {
      if (sealed[0] !== key) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return { shouldReEncrypt: options.rotate ?? false, result: Buffer.from(sealed.subarray(1).map((b) => b ^ key)).toString('utf8') };
    }),
  } satisfies SafeStorageLike;
}

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'seg-secrets-'));
  file = join(dir, UEM_PASSWORD_FILE);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const vault = (safeStorage: SafeStorageLike, platform: NodeJS.Platform = 'linux') => new RememberedPassword({ safeStorage, platform, file });

describe('RememberedPassword', () => {
  it('remembers, recalls and forgets a password, never storing it in clear', async () => {
    const v = vault(fakeSafeStorage());
    expect(await v.remember(new Secret(PASSWORD))).toStrictEqual({ ok: true, value: undefined });
    const stored = readFileSync(file);
    expect(stored.toString('latin1')).not.toContain(PASSWORD);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const recalled = await v.recall();
    expect(recalled.ok && recalled.value instanceof Secret && recalled.value.reveal()).toBe(PASSWORD);
    expect(JSON.stringify(recalled)).not.toContain(PASSWORD);
    expect(await v.forget()).toStrictEqual({ ok: true, value: undefined });
    expect(existsSync(file)).toBe(false);
    expect(await v.recall()).toStrictEqual({ ok: true, value: null });
  });

  it('recalls null when nothing was remembered, and forgetting nothing is fine', async () => {
    const v = vault(fakeSafeStorage());
    expect(await v.recall()).toStrictEqual({ ok: true, value: null });
    expect(await v.forget()).toStrictEqual({ ok: true, value: undefined });
  });

  it('refuses when the OS protected storage is unavailable, writing nothing', async () => {
    const storage = fakeSafeStorage({ available: false });
    const result = await vault(storage, 'win32').remember(new Secret(PASSWORD));
    expect(result).toMatchObject({ ok: false, error: { code: 'secrets.encryption-unavailable', remedy: expect.stringContaining('each time') } });
    expect(storage.encryptStringAsync).not.toHaveBeenCalled();
    expect(existsSync(file)).toBe(false);
  });

  it.each(['basic_text', 'unknown'] as const)('refuses on Linux when the backend is %s (no real keyring)', async (backend) => {
    const storage = fakeSafeStorage({ backend });
    const result = await vault(storage, 'linux').remember(new Secret(PASSWORD));
    expect(result).toMatchObject({ ok: false, error: { code: 'secrets.plain-text-backend', remedy: expect.stringMatching(/keyring/i) } });
    expect(storage.encryptStringAsync).not.toHaveBeenCalled();
    expect(existsSync(file)).toBe(false);
  });

  it('does not ask for a Linux backend on Windows', async () => {
    const storage = fakeSafeStorage({ backend: 'basic_text' });
    expect((await vault(storage, 'win32').remember(new Secret(PASSWORD))).ok).toBe(true);
    expect(storage.getSelectedStorageBackend).not.toHaveBeenCalled();
  });

  it('treats a failing availability probe as unavailable', async () => {
    const storage = fakeSafeStorage();
    storage.isAsyncEncryptionAvailable.mockRejectedValueOnce(new Error('boom'));
    expect(await vault(storage).availability()).toMatchObject({ ok: false, error: { code: 'secrets.encryption-unavailable' } });
  });

  it('refuses to recall through a plain-text backend even if a file exists', async () => {
    await vault(fakeSafeStorage()).remember(new Secret(PASSWORD));
    const result = await vault(fakeSafeStorage({ backend: 'basic_text' })).recall();
    expect(result).toMatchObject({ ok: false, error: { code: 'secrets.plain-text-backend' } });
  });

  it('reports a file it cannot decrypt (other account, changed keyring) with a remedy', async () => {
    await vault(fakeSafeStorage({ key: 1 })).remember(new Secret(PASSWORD));
    const result = await vault(fakeSafeStorage({ key: 2 })).recall();
    expect(result).toMatchObject({ ok: false, error: { code: 'secrets.unreadable', remedy: expect.stringContaining('Forget') } });
  });

  it('reseals the file when the OS rotated its key', async () => {
    await vault(fakeSafeStorage()).remember(new Secret(PASSWORD));
    const storage = fakeSafeStorage({ rotate: true });
    const recalled = await vault(storage).recall();
    expect(recalled.ok && recalled.value?.reveal()).toBe(PASSWORD);
    expect(storage.encryptStringAsync).toHaveBeenCalledExactlyOnceWith(PASSWORD);
    const again = await vault(fakeSafeStorage()).recall();
    expect(again.ok && again.value?.reveal()).toBe(PASSWORD);
  });

  it('reports an encryption refusal and a write failure without the password', async () => {
    const storage = fakeSafeStorage();
    storage.encryptStringAsync.mockRejectedValueOnce(new Error('denied'));
    const refused = await vault(storage).remember(new Secret(PASSWORD));
    expect(refused).toMatchObject({ ok: false, error: { code: 'secrets.encrypt-failed' } });
    const unwritable = new RememberedPassword({ safeStorage: fakeSafeStorage(), platform: 'linux', file: join(dir, 'missing-dir', 'x.bin') });
    const failed = await unwritable.remember(new Secret(PASSWORD));
    expect(failed).toMatchObject({ ok: false, error: { code: 'secrets.write-failed' } });
    expect(JSON.stringify([refused, failed])).not.toContain(PASSWORD);
  });

  it('keeps the UEM password in the profile folder', async () => {
    const v = RememberedPassword.forUemPassword(fakeSafeStorage(), dir);
    expect((await v.remember(new Secret(PASSWORD))).ok).toBe(true);
    expect(existsSync(join(dir, 'uem-password.bin'))).toBe(true);
  });
});
