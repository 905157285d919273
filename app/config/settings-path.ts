import { posix, win32 } from 'node:path';

/**
 * A settings file may come from the SEG server itself (bundle import, a copy): its paths are
 * Windows paths, kept in the file exactly as written (drive letters, backslashes, UNC). A
 * path is Windows-shaped when it starts with a drive (`C:\`, `C:/`) or is UNC (`\\server\share`).
 */
export function isWindowsShaped(path: string): boolean {
  return /^[A-Za-z]:[\\/]/.test(path) || /^\\\\[^\\]/.test(path);
}

/**
 * Where an entry of the settings (a certificate, the API client PFX, a copy of the SEG's files)
 * is read from: as given when absolute, else against the settings file's folder. Windows rules
 * (path.win32) apply when either is Windows-shaped, and on Windows; elsewhere a relative entry
 * written on Windows (`certs\root.cer`) still finds its file, its backslashes read as separators.
 */
export function resolveSettingsPath(entry: string, settingsDir: string): string {
  if (process.platform === 'win32' || isWindowsShaped(settingsDir) || isWindowsShaped(entry)) {
    return win32.isAbsolute(entry) ? entry : win32.resolve(settingsDir, entry);
  }
  if (posix.isAbsolute(entry)) return entry;
  return posix.resolve(settingsDir, entry.replace(/\\/g, '/'));
}

/** The folder of a settings file, by the same rules. */
export function settingsDirOf(settingsPath: string): string {
  return process.platform === 'win32' || isWindowsShaped(settingsPath) ? win32.dirname(settingsPath) : posix.dirname(settingsPath);
}
