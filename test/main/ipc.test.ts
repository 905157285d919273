import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-fake'));

import { CORE_METHODS, IPC_EVENT_CHANNEL, ipcChannel, type CoreApi, type CoreEvent } from '../../app/contract/core-api';
import { createCore, type Core } from '../../app/core/core';
import { APP_ENTRY_URL } from '../../main/app-url';
import { registerIpc } from '../../main/ipc';
import * as fake from './electron-fake';

let profileDir: string;
let window: fake.BrowserWindow;
let core: Core;
let undo: () => void;

/** The real core, each method wrapped so a test can tell whether a call reached it. */
function spiedCore(): Core {
  const real = createCore({ profileDir });
  const api = Object.fromEntries(CORE_METHODS.map((m) => [m, vi.fn(real.api[m])])) as unknown as CoreApi;
  return { api, events: real.events };
}

function invoke(method: string, event: unknown, args?: unknown): Promise<unknown> {
  const handler = fake.ipcMain.handlers.get(ipcChannel(method as (typeof CORE_METHODS)[number]));
  if (!handler) throw new Error(`no handler for ${method}`);
  return Promise.resolve(handler(event, args));
}

const fromMainFrame = (): unknown => ({ sender: window.webContents, senderFrame: window.webContents.mainFrame });
const REFUSED = { ok: false, error: { code: 'ipc.sender-refused', message: expect.stringContaining('refused') } };

beforeEach(async () => {
  profileDir = mkdtempSync(join(tmpdir(), 'seg-ipc-'));
  window = new fake.BrowserWindow({});
  await window.loadURL(APP_ENTRY_URL);
  core = spiedCore();
  undo = registerIpc(core, window as unknown as BrowserWindow);
});

afterEach(() => {
  undo();
  rmSync(profileDir, { recursive: true, force: true });
});

describe('registerIpc', () => {
  it('registers exactly one handler per CoreApi method, on seg:<method>', () => {
    expect([...fake.ipcMain.handlers.keys()].sort()).toStrictEqual(CORE_METHODS.map((m) => `seg:${m}`).sort());
  });

  it("serves the app's main frame through dispatch", async () => {
    const info = (await invoke('getAppInfo', fromMainFrame())) as { ok: boolean; value: { name: string; checks: unknown[] } };
    expect(info.ok).toBe(true);
    expect(info.value.name).toBe('SEG KCD Setup');
    const loaded = await invoke('loadSettings', fromMainFrame());
    expect(loaded).toMatchObject({ ok: true, value: { settings: null, path: expect.stringContaining(profileDir) } });
  });

  it('validates arguments from a trusted sender before the core sees them', async () => {
    const result = await invoke('getVerify', fromMainFrame(), { operationId: '../../etc', extra: 1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'api.bad-arguments' } });
    expect(core.api.getVerify).not.toHaveBeenCalled();
  });

  const untrusted: Array<[string, () => unknown]> = [
    ['a subframe of our page', () => ({ sender: window.webContents, senderFrame: new fake.FakeFrame(APP_ENTRY_URL, window.webContents.mainFrame) })],
    ['a main frame showing a foreign URL', () => ({ sender: window.webContents, senderFrame: new fake.FakeFrame('https://evil.example/') })],
    ['a main frame showing a file:// page', () => ({ sender: window.webContents, senderFrame: new fake.FakeFrame('file:///C:/Users/x/evil.html') })],
    ['another app:// host', () => ({ sender: window.webContents, senderFrame: new fake.FakeFrame('app://evil/index.html') })],
    ['a destroyed frame (senderFrame null)', () => ({ sender: window.webContents, senderFrame: null })],
    [
      'a detached frame',
      () => {
        const frame = new fake.FakeFrame(APP_ENTRY_URL);
        frame.detached = true;
        return { sender: window.webContents, senderFrame: frame };
      },
    ],
    [
      'a disposed frame whose properties throw',
      () => ({
        sender: window.webContents,
        get senderFrame(): unknown {
          throw new Error('Render frame was disposed before WebFrameMain could be accessed');
        },
      }),
    ],
    ['another WebContents, even on app://', () => ({ sender: new fake.FakeWebContents(), senderFrame: new fake.FakeFrame(APP_ENTRY_URL) })],
  ];

  it.each(untrusted)('refuses %s with a Result error, without calling the core', async (_name, event) => {
    for (const method of CORE_METHODS) {
      await expect(invoke(method, event(), undefined)).resolves.toStrictEqual(REFUSED);
      expect(core.api[method]).not.toHaveBeenCalled();
    }
  });

  it('refuses everything once the window is destroyed', async () => {
    window.destroyed = true;
    await expect(invoke('getAppInfo', fromMainFrame())).resolves.toStrictEqual(REFUSED);
  });

  it('forwards core events to our page on the event channel', () => {
    const event: CoreEvent = { operationId: 'op-1', kind: 'check-started', id: 'input.settings', title: 'Settings' };
    core.events.emit(event);
    expect(window.webContents.sent).toStrictEqual([[IPC_EVENT_CHANNEL, event]]);
  });

  it('sends no events to a window that is gone or shows another page', () => {
    const event: CoreEvent = { operationId: 'op-1', kind: 'check-started', id: 'a.b', title: 'B' };
    window.webContents.mainFrame.url = 'https://evil.example/';
    core.events.emit(event);
    window.webContents.mainFrame.url = APP_ENTRY_URL;
    window.destroyed = true;
    core.events.emit(event);
    expect(window.webContents.sent).toStrictEqual([]);
  });

  it('undo removes every handler and stops the events', () => {
    undo();
    expect(fake.ipcMain.handlers.size).toBe(0);
    core.events.emit({ operationId: 'op-2', kind: 'check-started', id: 'a.b', title: 'B' });
    expect(window.webContents.sent).toStrictEqual([]);
    undo = () => undefined;
  });
});
