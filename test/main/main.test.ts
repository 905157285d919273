import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-fake'));

import { CORE_METHODS, ipcChannel } from '../../app/contract/core-api';
import { APP_ENTRY_URL } from '../../main/app-url';

type Fake = typeof import('./electron-fake');

let profileDir: string;
let appDir: string;

// main.ts imports the whole core (every check, ldapts, pkijs, …). The first load of that graph
// transforms each file once, which on a loaded 2-core machine took over 5 s (the default test
// timeout); later loads only evaluate it again. So the first boot runs once before the tests,
// with a budget of its own, and every wait names what it waited for: a real hang still fails.
const FIRST_LOAD_MS = 120_000;
const LOAD_MS = 20_000;
const READY_MS = 20_000;

/** `work`, or a failure after `ms` that says what did not happen and what had happened by then. */
async function within<T>(work: Promise<T>, ms: number, what: string, seen: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`waited ${ms} ms for ${what}; by then: ${seen()}`)), ms);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

type StartupEnd = 'ready' | 'exit' | 'quit';

/**
 * How main.ts's start-up ends: the window's did-finish-load for the wizard (start() is done), a
 * fatal error box with exit(1), or a quit because another instance holds the lock.
 */
function startupEnd(fake: Fake): Promise<StartupEnd> {
  return new Promise((resolve) => {
    fake.app.on('web-contents-created', (_event: unknown, contents: InstanceType<Fake['FakeWebContents']>) =>
      contents.once('did-finish-load', () => resolve('ready')),
    );
    fake.app.exit.mockImplementation(() => resolve('exit'));
    fake.app.quit.mockImplementation(() => resolve('quit'));
  });
}

function progress(fake: Fake): string {
  const window = fake.BrowserWindow.instances[0];
  return [
    `whenReady ${fake.app.whenReady.mock.calls.length > 0 ? 'called' : 'not called'}`,
    `${fake.BrowserWindow.instances.length} window(s)`,
    `loadURL ${window === undefined ? '-' : JSON.stringify(window.loadURL.mock.calls)}`,
    `error boxes ${JSON.stringify(fake.dialog.showErrorBox.mock.calls)}`,
  ].join(', ');
}

/**
 * Loads main.ts afresh (it runs on import, like Electron's entry) and waits until its start-up
 * has ended. vi.resetModules keeps the mocked `electron`, so the fake is reached through it and
 * reset by hand.
 */
async function boot(configure: (fake: Fake) => void = () => undefined, loadMs = LOAD_MS): Promise<Fake> {
  vi.resetModules();
  const fake = (await import('electron')) as unknown as Fake;
  fake.resetFake();
  fake.app.profileDir = profileDir;
  fake.app.getAppPath.mockReturnValue(appDir);
  const ended = startupEnd(fake);
  configure(fake);
  await within(import('../../main/main'), loadMs, 'main.ts and the modules it imports to load', () => progress(fake));
  await within(ended, READY_MS, `start-up to end: the window's did-finish-load for ${APP_ENTRY_URL}, or an error box and exit(1), or a quit`, () =>
    progress(fake),
  );
  return fake;
}

function theWindow(fake: Fake): InstanceType<Fake['BrowserWindow']> {
  const window = fake.BrowserWindow.instances[0];
  if (!window) throw new Error('no window was created');
  return window;
}

function makeDirs(): void {
  profileDir = mkdtempSync(join(tmpdir(), 'seg-main-profile-'));
  appDir = mkdtempSync(join(tmpdir(), 'seg-main-app-'));
  mkdirSync(join(appDir, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(appDir, 'dist', 'renderer', 'index.html'), '<title>wizard</title>');
}
function removeDirs(): void {
  rmSync(profileDir, { recursive: true, force: true });
  rmSync(appDir, { recursive: true, force: true });
}

beforeAll(async () => {
  makeDirs();
  try {
    await boot(undefined, FIRST_LOAD_MS);
  } finally {
    removeDirs();
  }
}, FIRST_LOAD_MS + READY_MS);
beforeEach(makeDirs);
afterEach(removeDirs);

describe('main process start-up', { timeout: LOAD_MS + READY_MS + 5_000 }, () => {
  it('registers the app:// scheme and the sandbox before ready, and takes the single-instance lock', async () => {
    const fake = await boot();
    expect(fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledExactlyOnceWith([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
    const order = (fn: { mock: { invocationCallOrder: number[] } }) => fn.mock.invocationCallOrder[0] ?? Infinity;
    expect(order(fake.protocol.registerSchemesAsPrivileged)).toBeLessThan(order(fake.app.whenReady));
    expect(order(fake.app.enableSandbox)).toBeLessThan(order(fake.app.whenReady));
    expect(fake.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
  });

  it('hardens the default session and serves dist/renderer from the app folder', async () => {
    const fake = await boot();
    const session = fake.session.defaultSession;
    expect(session.permissionRequestHandler).toBeTypeOf('function');
    expect(session.permissionCheckHandler?.()).toBe(false);
    expect(session.headersReceived).toBeTypeOf('function');
    expect(fake.protocol.handle).toHaveBeenCalledTimes(1);
    const [scheme, handler] = fake.protocol.handle.mock.calls[0] as [string, (request: Request) => Promise<Response>];
    expect(scheme).toBe('app');
    const response = await handler(new Request(APP_ENTRY_URL));
    expect(await response.text()).toBe('<title>wizard</title>');
  });

  it('opens one window with the bundled preload, hardened, on the app URL', async () => {
    const fake = await boot();
    const window = theWindow(fake);
    expect(fake.BrowserWindow.instances).toHaveLength(1);
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs.preload).toBe(join(appDir, 'dist', 'main', 'preload.js'));
    expect(prefs.devTools).toBe(true);
    expect(window.loadURL).toHaveBeenCalledExactlyOnceWith(APP_ENTRY_URL);
    expect(window.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toStrictEqual({ action: 'deny' });
  });

  it('turns developer tools off in a packaged build', async () => {
    const fake = await boot((f) => {
      f.app.isPackaged = true;
    });
    expect((theWindow(fake).options.webPreferences as Record<string, unknown>).devTools).toBe(false);
  });

  it('serves every CoreApi method over IPC, with the profile in userData', async () => {
    const fake = await boot();
    expect([...fake.ipcMain.handlers.keys()].sort()).toStrictEqual(CORE_METHODS.map(ipcChannel).sort());
    const window = theWindow(fake);
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    const loaded = await fake.ipcMain.handlers.get(ipcChannel('loadSettings'))?.(event, undefined);
    expect(loaded).toMatchObject({ ok: true, value: { settings: null, path: expect.stringContaining(profileDir) } });
    expect(fake.app.getPath).toHaveBeenCalledWith('userData');
  });

  it('answers File › Open and Save as with the system dialogs, modal to the window, and a cancel with no path', async () => {
    const fake = await boot();
    const window = theWindow(fake);
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    const choose = fake.ipcMain.handlers.get(ipcChannel('chooseSettingsFile'));
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/admin/lab-settings.json'] });
    expect(await choose?.(event, { purpose: 'open' })).toStrictEqual({ ok: true, value: { path: '/home/admin/lab-settings.json' } });
    expect(fake.dialog.showOpenDialog.mock.calls[0]?.[0]).toBe(window);
    fake.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/admin/site.json' });
    expect(await choose?.(event, { purpose: 'save' })).toStrictEqual({ ok: true, value: { path: '/home/admin/site.json' } });
    expect(fake.dialog.showSaveDialog.mock.calls[0]?.[1]).toMatchObject({ defaultPath: 'settings.json' });
    expect(await choose?.(event, { purpose: 'open' })).toStrictEqual({ ok: true, value: { path: null } });
  });

  it('asks for the folder of "Save all scripts" with the system folder dialog, modal to the window', async () => {
    const fake = await boot();
    const window = theWindow(fake);
    const event = { sender: window.webContents, senderFrame: window.webContents.mainFrame };
    const choose = fake.ipcMain.handlers.get(ipcChannel('chooseScriptsFolder'));
    fake.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/home/admin/scripts'] });
    expect(await choose?.(event, undefined)).toStrictEqual({ ok: true, value: { path: '/home/admin/scripts' } });
    expect(fake.dialog.showOpenDialog.mock.calls[0]?.[0]).toBe(window);
    expect(fake.dialog.showOpenDialog.mock.calls[0]?.[1]).toMatchObject({ properties: expect.arrayContaining(['openDirectory']) });
    expect(await choose?.(event, undefined)).toStrictEqual({ ok: true, value: { path: null } });
  });

  it('quits at once when another instance holds the lock', async () => {
    const fake = await boot((f) => {
      f.app.singleInstance = false;
    });
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
    expect(fake.app.whenReady).not.toHaveBeenCalled();
    expect(fake.BrowserWindow.instances).toHaveLength(0);
  });

  it('brings the window back when a second instance starts', async () => {
    const fake = await boot();
    const window = theWindow(fake);
    window.minimized = true;
    fake.app.emit('second-instance');
    expect(window.restore).toHaveBeenCalledTimes(1);
    expect(window.focus).toHaveBeenCalledTimes(1);
  });

  it('quits when the window is closed', async () => {
    const fake = await boot();
    fake.app.emit('window-all-closed');
    expect(fake.app.quit).toHaveBeenCalledTimes(1);
  });

  it('hardens every web contents the app creates', async () => {
    const fake = await boot();
    const contents = new fake.FakeWebContents();
    fake.app.emit('web-contents-created', {}, contents);
    const navigation = { url: 'https://evil.example/', preventDefault: vi.fn() };
    contents.emit('will-navigate', navigation);
    expect(navigation.preventDefault).toHaveBeenCalledTimes(1);
    expect(contents.windowOpenHandler?.({ url: APP_ENTRY_URL })).toStrictEqual({ action: 'deny' });
  });

  it('shows an error and exits when the wizard cannot be loaded', async () => {
    const fake = await boot((f) => {
      f.protocol.handle.mockImplementationOnce(() => {
        throw new Error('The scheme "app" is already handled');
      });
    });
    expect(fake.dialog.showErrorBox).toHaveBeenCalledExactlyOnceWith('SEG KCD Setup could not start', 'The scheme "app" is already handled');
    expect(fake.app.exit).toHaveBeenCalledExactlyOnceWith(1);
  });
});
