import { app, dialog, safeStorage, session, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createCore } from '../app/core/core';
import { APP_ENTRY_URL } from './app-url';
import { electronFileDialogs } from './file-dialogs';
import { registerIpc } from './ipc';
import { registerAppScheme, serveAppScheme } from './protocol';
import { hardenSession, hardenWebContents } from './security';
import { RememberedPassword } from './secrets';
import { WINDOW_ICON } from './app-icon';
import { relaunchElevated, runHidden } from './elevation';
import { createMainWindow } from './window';

/**
 * The desktop app's entry (bundled to dist/main/main.js). The core runs here, in the main
 * process; the window only shows the wizard and calls the core over IPC.
 */

let mainWindow: BrowserWindow | null = null;

async function start(): Promise<void> {
  // These paths are inside app.asar once packaged; getAppPath() is the folder of package.json.
  const root = app.getAppPath();
  hardenSession(session.defaultSession);
  serveAppScheme(join(root, 'dist', 'renderer'));
  const profileDir = app.getPath('userData');
  const elevation = relaunchElevated({
    platform: process.platform,
    // A portable exe runs from an unpacked copy; electron-builder names the original here.
    executable: process.env.PORTABLE_EXECUTABLE_FILE ?? process.execPath,
    args: app.isPackaged ? [] : [root],
    run: runHidden,
    releaseSingleInstanceLock: () => app.releaseSingleInstanceLock(),
    requestSingleInstanceLock: () => app.requestSingleInstanceLock(),
    quit: () => app.quit(),
  });
  const core = createCore({
    profileDir,
    uemPasswordVault: RememberedPassword.forUemPassword(safeStorage, profileDir),
    relaunchElevated: elevation,
    fileDialogs: electronFileDialogs(dialog, () => mainWindow),
  });
  const window = createMainWindow({ preload: join(root, 'dist', 'main', 'preload.js'), devTools: !app.isPackaged, icon: join(root, WINDOW_ICON) });
  mainWindow = window;
  registerIpc(core, window);
  await window.loadURL(APP_ENTRY_URL);
}

function showFatal(error: unknown): void {
  dialog.showErrorBox('SEG KCD Setup could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
}

// Before ready: the scheme's privileges and the process-wide sandbox are fixed at start-up.
registerAppScheme();
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // A second copy would share the profile (settings, remembered password) with the first.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow === null || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start).catch(showFatal);
}
