import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { CORE_METHODS, IPC_EVENT_CHANNEL, ipcChannel } from '../app/contract/core-api';
import type { Core } from '../app/core/core';
import { dispatch } from '../app/core/dispatch';
import { err, type Result } from '../app/contract/result';
import { isAppUrl } from './app-url';

const REFUSED: Result<never> = err('ipc.sender-refused', 'The call did not come from the SEG KCD Setup window, so it was refused.');

/**
 * Only the main frame of our window, showing our own page, may call the core: a subframe, a
 * page that somehow navigated elsewhere, or a frame already gone is refused. Reading a
 * disposed frame's properties throws, which is a refusal too.
 */
function isTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow): boolean {
  try {
    if (window.isDestroyed() || event.sender.id !== window.webContents.id) return false;
    const frame = event.senderFrame;
    return frame !== null && !frame.detached && frame.parent === null && isAppUrl(frame.url);
  } catch {
    return false;
  }
}

/**
 * Registers one handler per CoreApi method (`seg:<method>`) and forwards core events to the
 * window. Arguments are untrusted: dispatch validates them. Returns the undo, for tests and
 * for a window that is replaced.
 */
export function registerIpc(core: Core, window: BrowserWindow): () => void {
  for (const method of CORE_METHODS) {
    ipcMain.handle(ipcChannel(method), async (event, args: unknown) => (isTrustedSender(event, window) ? dispatch(core.api, method, args) : REFUSED));
  }
  const unsubscribe = core.events.subscribe((coreEvent) => {
    if (!window.isDestroyed() && isAppUrl(window.webContents.getURL())) window.webContents.send(IPC_EVENT_CHANNEL, coreEvent);
  });
  return () => {
    unsubscribe();
    for (const method of CORE_METHODS) ipcMain.removeHandler(ipcChannel(method));
  };
}
