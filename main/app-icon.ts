/**
 * The window's icon, relative to the app's folder: packaged by electron-builder.yml's files,
 * made from assets/icon.svg by scripts/make-icons.ts. Apart from window.ts so that tests and
 * the packaging check read it without loading Electron.
 */
export const WINDOW_ICON = 'assets/icons/256x256.png';
