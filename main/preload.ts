import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CORE_METHODS, IPC_EVENT_CHANNEL, ipcChannel, type CoreApi, type CoreEvent } from '../app/contract/core-api';

/**
 * window.segApi: one named function per CoreApi method, and onEvent. The page never gets
 * ipcRenderer, a channel name of its choosing, or an IpcRendererEvent (whose `sender` is
 * ipcRenderer itself) — only the call results and the event data.
 */
export type SegApi = CoreApi & { onEvent(listener: (event: CoreEvent) => void): () => void };

const calls = Object.fromEntries(
  CORE_METHODS.map((method) => [method, (args?: unknown) => ipcRenderer.invoke(ipcChannel(method), args)]),
) as unknown as CoreApi;

function onEvent(listener: (event: CoreEvent) => void): () => void {
  const relay = (_event: IpcRendererEvent, data: CoreEvent): void => listener(data);
  ipcRenderer.on(IPC_EVENT_CHANNEL, relay);
  return () => {
    ipcRenderer.removeListener(IPC_EVENT_CHANNEL, relay);
  };
}

const segApi: SegApi = { ...calls, onEvent };
contextBridge.exposeInMainWorld('segApi', segApi);
