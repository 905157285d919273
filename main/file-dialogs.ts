import type { BrowserWindow, Dialog } from 'electron';
import type { FileDialogs } from '../app/core/file-dialogs';

const FILTERS = [
  { name: 'Settings (JSON)', extensions: ['json'] },
  { name: 'All files', extensions: ['*'] },
];

/** File › Open and Save as on the desktop: the system's own dialogs, modal to the wizard's window. */
export function electronFileDialogs(dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>, window: () => BrowserWindow | null): FileDialogs {
  return {
    async choose(purpose, defaultName) {
      const parent = window();
      if (purpose === 'open') {
        const options = { title: 'Open a settings file', properties: ['openFile' as const], filters: FILTERS };
        const chosen = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
        return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
      }
      const options = { title: 'Save the settings as', defaultPath: defaultName, filters: FILTERS };
      const chosen = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return chosen.canceled ? null : (chosen.filePath ?? null);
    },
    async chooseFolder(title) {
      const parent = window();
      // createDirectory: macOS only; elsewhere the dialog has its own "New folder".
      const options = { title, properties: ['openDirectory' as const, 'createDirectory' as const] };
      const chosen = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
    },
  };
}
