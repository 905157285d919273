import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-fake'));

import { createMainWindow } from '../../main/window';
import * as fake from './electron-fake';

describe('createMainWindow', () => {
  beforeEach(() => {
    fake.BrowserWindow.instances.length = 0;
  });

  it('sets every webPreferences value of the security checklist', () => {
    createMainWindow({ preload: '/app/dist/main/preload.js', devTools: false });
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
    createMainWindow({ preload: '/p.js', devTools: true });
    const prefs = fake.BrowserWindow.instances[0]?.options.webPreferences as Record<string, unknown>;
    expect(prefs.devTools).toBe(true);
    expect(prefs.sandbox).toBe(true);
  });

  it('stays hidden until the first paint, then shows once', () => {
    const window = createMainWindow({ preload: '/p.js', devTools: false }) as unknown as fake.BrowserWindow;
    expect(fake.BrowserWindow.instances[0]?.options.show).toBe(false);
    expect(window.show).not.toHaveBeenCalled();
    window.emit('ready-to-show');
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalledTimes(1);
  });

  it('titles the window with the product name', () => {
    createMainWindow({ preload: '/p.js', devTools: false });
    expect(fake.BrowserWindow.instances[0]?.options.title).toBe('SEG KCD Setup');
  });
});
