import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-fake'));

import { CORE_METHODS, ipcChannel } from '../../app/contract/core-api';
import { APP_ENTRY_URL } from '../../main/app-url';

type Fake = typeof import('./electron-fake');

let profileDir: string;
let appDir: string;

/**
 * Loads main.ts afresh (it runs on import, like Electron's entry). vi.resetModules keeps the
 * mocked `electron`, so the fake is reached through it and reset by hand.
 */
async function boot(configure: (fake: Fake) => void = () => undefined): Promise<Fake> {
  vi.resetModules();
  const fake = (await import('electron')) as unknown as Fake;
  fake.resetFake();
  fake.app.profileDir = profileDir;
  fake.app.getAppPath.mockReturnValue(appDir);
  configure(fake);
  await import('../../main/main');
  await vi.waitFor(() => {
    if (fake.app.whenReady.mock.calls.length > 0 && fake.BrowserWindow.instances.length === 0 && fake.dialog.showErrorBox.mock.calls.length === 0) {
      throw new Error('not started yet');
    }
  });
  await new Promise((resolve) => setImmediate(resolve));
  return fake;
}

function theWindow(fake: Fake): InstanceType<Fake['BrowserWindow']> {
  const window = fake.BrowserWindow.instances[0];
  if (!window) throw new Error('no window was created');
  return window;
}

beforeEach(() => {
  profileDir = mkdtempSync(join(tmpdir(), 'seg-main-profile-'));
  appDir = mkdtempSync(join(tmpdir(), 'seg-main-app-'));
  mkdirSync(join(appDir, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(appDir, 'dist', 'renderer', 'index.html'), '<title>wizard</title>');
});
afterEach(() => {
  rmSync(profileDir, { recursive: true, force: true });
  rmSync(appDir, { recursive: true, force: true });
});

describe('main process start-up', () => {
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
