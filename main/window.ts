import { BrowserWindow } from 'electron';
import { APP_NAME } from '../app/version';

export interface MainWindowOptions {
  /** Absolute path of the bundled preload (dist/main/preload.js). */
  readonly preload: string;
  /** Developer tools only in unpackaged builds. */
  readonly devTools: boolean;
  /** Absolute path of the window icon (WINDOW_ICON under the app's folder). */
  readonly icon: string;
}

/**
 * The wizard's one window. The options are written out literally (not built in a variable)
 * so Electronegativity can read every webPreferences value from the source.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: APP_NAME,
    width: 1200,
    height: 840,
    minWidth: 900,
    minHeight: 640,
    show: false,
    icon: options.icon,
    webPreferences: {
      preload: options.preload, // eng-disable PRELOAD_JS_CHECK reviewed: it exposes only the named CoreApi calls and onEvent
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
      devTools: options.devTools,
    },
  });
  window.once('ready-to-show', () => window.show());
  return window;
}
