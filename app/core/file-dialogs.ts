/**
 * The desktop's file dialogs (Electron's dialog module, main/file-dialogs.ts): the core cannot
 * import Electron, so they are handed in. The web host has none; there the page asks for a path.
 */
export interface FileDialogs {
  /** The path the person chose, or null when the dialog was cancelled. */
  choose(purpose: 'open' | 'save', defaultName: string): Promise<string | null>;
  /** A folder the person chose (or made in the dialog), or null when cancelled. */
  chooseFolder(title: string): Promise<string | null>;
}
