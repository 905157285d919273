import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORE_METHODS } from '../../app/contract/core-api';
import { APP_ENTRY_URL } from '../../main/app-url';

/**
 * The real app in a real Electron (architecture.md, pyramid level 6). Opt-in: no npm or
 * Debian package ships an Electron binary on our machines, so it runs only when
 * ELECTRON_OVERRIDE_DIST_PATH names a folder holding one (Electron's own variable).
 */
const distPath = process.env.ELECTRON_OVERRIDE_DIST_PATH;
const root = fileURLToPath(new URL('../..', import.meta.url));

function electronBinary(dist: string): string {
  if (process.platform === 'win32') return join(dist, 'electron.exe');
  if (process.platform === 'darwin') return join(dist, 'Electron.app', 'Contents', 'MacOS', 'Electron');
  return join(dist, 'electron');
}

describe.skipIf(distPath === undefined)('Electron smoke (skipped unless ELECTRON_OVERRIDE_DIST_PATH points at a local Electron)', () => {
  let app: ElectronApplication;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit', timeout: 120_000 });
    profile = mkdtempSync(join(tmpdir(), 'seg-smoke-'));
    const args = [root, `--user-data-dir=${profile}`];
    // Chromium will not start as root with its OS sandbox; Electron's sandboxed preload still applies.
    if (process.getuid?.() === 0) args.push('--no-sandbox');
    if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) args.push('--ozone-platform=headless');
    app = await _electron.launch({ executablePath: electronBinary(distPath ?? ''), args, timeout: 60_000 });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('shows the wizard from app://', () => {
    expect(page.url()).toBe(APP_ENTRY_URL);
  });

  it('gives the page window.segApi and nothing of Node', async () => {
    const surface = await page.evaluate(() => ({
      keys: Object.keys((window as unknown as { segApi: object }).segApi).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
    }));
    expect(surface).toStrictEqual({ keys: [...CORE_METHODS, 'onEvent'].sort(), require: 'undefined', process: 'undefined' });
  });

  it('reaches the core over IPC', async () => {
    const info = await page.evaluate(() => (window as unknown as { segApi: { getAppInfo(): Promise<unknown> } }).segApi.getAppInfo());
    expect(info).toMatchObject({ ok: true, value: { name: 'SEG KCD Setup' } });
  });

  it('has every permission denied by the session', async () => {
    const states = await page.evaluate(async () =>
      Promise.all(['notifications', 'geolocation', 'camera'].map(async (name) => (await navigator.permissions.query({ name: name as PermissionName })).state)),
    );
    expect(states).toStrictEqual(['denied', 'denied', 'denied']);
  });

  it('refuses new windows and navigation away from app://', async () => {
    const opened = await page.evaluate(() => window.open('app://seg-kcd-setup/index.html') === null);
    expect(opened).toBe(true);
    // Loopback only: will-navigate cancels before any request is made.
    await page.evaluate(() => {
      window.location.href = 'http://127.0.0.1:9/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(APP_ENTRY_URL);
    expect(app.windows()).toHaveLength(1);
  });
});
