import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./electron-fake'));

import { CORE_METHODS, IPC_EVENT_CHANNEL, ipcChannel } from '../../app/contract/core-api';
import * as fake from './electron-fake';

type Exposed = Record<string, (...args: unknown[]) => unknown>;
let exposed: Exposed;

beforeAll(async () => {
  await import('../../main/preload');
  expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  const [name, api] = fake.contextBridge.exposeInMainWorld.mock.calls[0] as [string, Exposed];
  expect(name).toBe('segApi');
  exposed = api;
});

describe('preload: window.segApi', () => {
  it('exposes exactly one function per CoreApi method, plus onEvent', () => {
    expect(Object.keys(exposed).sort()).toStrictEqual([...CORE_METHODS, 'onEvent'].sort());
    for (const value of Object.values(exposed)) expect(typeof value).toBe('function');
  });

  it('hands the page nothing of ipcRenderer', () => {
    for (const value of Object.values(exposed)) expect(value).not.toBe(fake.ipcRenderer);
    expect(Object.keys(exposed)).not.toContain('invoke');
    expect(Object.keys(exposed)).not.toContain('send');
  });

  it.each(CORE_METHODS)('%s invokes its own channel with the argument object only', async (method) => {
    fake.ipcRenderer.invoke.mockClear();
    const args = { operationId: 'op-1' };
    const result = await exposed[method]?.(args, 'ignored-extra');
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(ipcChannel(method), args);
    expect(result).toStrictEqual({ ok: true, value: { channel: `seg:${method}`, args } });
  });

  it('onEvent passes the event data alone, never the IpcRendererEvent', () => {
    const listener = vi.fn();
    const unsubscribe = exposed.onEvent?.(listener) as () => void;
    const ipcEvent = { sender: fake.ipcRenderer, senderId: 0, ports: [] };
    const data = { operationId: 'op-1', kind: 'check-started', id: 'ad.bind', title: 'Bind' };
    fake.ipcRenderer.emit(IPC_EVENT_CHANNEL, ipcEvent, data);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toStrictEqual([data]);
    unsubscribe();
  });

  it('the unsubscribe function returned by onEvent stops delivery', () => {
    const listener = vi.fn();
    const unsubscribe = exposed.onEvent?.(listener) as () => void;
    expect(fake.ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(1);
    unsubscribe();
    expect(fake.ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
    fake.ipcRenderer.emit(IPC_EVENT_CHANNEL, {}, { operationId: 'op-2' });
    expect(listener).not.toHaveBeenCalled();
  });

  it('listens only on the event channel', () => {
    const listener = vi.fn();
    const unsubscribe = exposed.onEvent?.(listener) as () => void;
    fake.ipcRenderer.emit('seg:getAppInfo', {}, { ok: true });
    fake.ipcRenderer.emit('other', {}, 'x');
    expect(listener).not.toHaveBeenCalled();
    unsubscribe();
  });
});

describe('preload bundle', () => {
  // A sandboxed preload can require only a few built-ins; ours must need nothing but electron.
  it('bundles alone and requires nothing but electron', async () => {
    const out = await build({
      entryPoints: [fileURLToPath(new URL('../../main/preload.ts', import.meta.url))],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    const code = out.outputFiles[0]?.text ?? '';
    const required = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect(required).toStrictEqual(['electron']);
    expect(code).not.toMatch(/zod|node:|ldapts/);
    expect(code.length).toBeLessThan(4000);
  });
});
