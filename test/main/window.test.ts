import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

vi.mock('electron', () => import('./electron-fake'));

import { WINDOW_ICON } from '../../main/app-icon';
import { createMainWindow } from '../../main/window';
import * as fake from './electron-fake';

describe('createMainWindow', () => {
  beforeEach(() => {
    fake.BrowserWindow.instances.length = 0;
  });

  it('sets every webPreferences value of the security checklist', () => {
    createMainWindow({ preload: '/app/dist/main/preload.js', devTools: false, icon: '/app/assets/icons/256x256.png' });
    const options = fake.BrowserWindow.instances[0]?.options;
    expect(options?.webPreferences).toStrictEqual({
      preload: '/app/dist/main/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: false,
    });
  });

  it('offers developer tools only when asked (unpackaged builds)', () => {
    createMainWindow({ preload: '/p.js', devTools: true, icon: '/i.png' });
    const prefs = fake.BrowserWindow.instances[0]?.options.webPreferences as Record<string, unknown>;
    expect(prefs.devTools).toBe(true);
    expect(prefs.sandbox).toBe(true);
  });

  it('stays hidden until the first paint, then shows once', () => {
    const window = createMainWindow({ preload: '/p.js', devTools: false, icon: '/app/assets/icons/256x256.png' }) as unknown as fake.BrowserWindow;
    expect(fake.BrowserWindow.instances[0]?.options.show).toBe(false);
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledTimes(1);
  });

  it('shows the application icon (assets/, made from assets/icon.svg)', () => {
    createMainWindow({ preload: '/p.js', devTools: false, icon: '/app/assets/icons/256x256.png' });
    expect(fake.BrowserWindow.instances[0]?.options.icon).toBe('/app/assets/icons/256x256.png');
    expect(WINDOW_ICON).toBe('assets/icons/256x256.png');
    expect(existsSync(join(ROOT, WINDOW_ICON))).toBe(true);
  });

  it('titles the window with the product name', () => {
    createMainWindow({ preload: '/p.js', devTools: false, icon: '/app/assets/icons/256x256.png' });
    expect(fake.BrowserWindow.instances[0]?.options.title).toBe('SEG KCD Setup');
  });
});
