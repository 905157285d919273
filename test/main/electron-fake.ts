/**
 * A stand-in for the `electron` module (Electron Fiddle style): the tests run under plain
 * Node, where requiring the real module would try to download its binary. Each fake records
 * what the code under test asked of it; behaviour is only what the code relies on.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export class FakeFrame {
  detached = false;
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

let nextWebContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly mainFrame = new FakeFrame('about:blank');
  readonly sent: Array<readonly [string, unknown]> = [];
  windowOpenHandler: ((details: { url: string }) => unknown) | undefined;

  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  send(channel: string, data: unknown): void {
    this.sent.push([channel, data]);
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  destroyed = false;
  minimized = false;
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn(() => {
    this.minimized = false;
  });
  // As Electron: the page's did-finish-load, then loadURL's promise resolves.
  readonly loadURL = vi.fn(async (url: string) => {
    this.webContents.mainFrame.url = url;
    this.webContents.emit('did-finish-load');
  });

  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
}

type Handler = (event: unknown, ...args: unknown[]) => unknown;

class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    // Electron throws on a second handler for one channel; so does the fake.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}
export const ipcMain = new FakeIpcMain();

export class FakeSession {
  permissionRequestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | undefined;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | undefined;
  devicePermissionHandler: ((...args: unknown[]) => boolean) | undefined;
  headersReceived: ((details: { responseHeaders?: Record<string, string[]> }, callback: (response: unknown) => void) => void) | undefined;
  readonly webRequest = {
    onHeadersReceived: (listener: FakeSession['headersReceived']) => {
      this.headersReceived = listener;
    },
  };
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: FakeSession['devicePermissionHandler']): void {
    this.devicePermissionHandler = handler;
  }
}
export const session = { defaultSession: new FakeSession() };

export const protocol = {
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn(),
};

export const dialog = {
  showErrorBox: vi.fn(),
  showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
  showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePath: undefined as string | undefined })),
};

/** Nothing encrypts here: the tests of main/secrets.ts bring their own safeStorage. */
export const safeStorage = {
  isAsyncEncryptionAvailable: vi.fn(async () => false),
  encryptStringAsync: vi.fn(),
  decryptStringAsync: vi.fn(),
  getSelectedStorageBackend: vi.fn(() => 'basic_text'),
};

export const app = Object.assign(new EventEmitter(), {
  profileDir: '/nonexistent-profile',
  singleInstance: true,
  isPackaged: false,
  ready: Promise.resolve(),
  requestSingleInstanceLock: vi.fn((): boolean => app.singleInstance),
  enableSandbox: vi.fn(),
  quit: vi.fn(),
  exit: vi.fn(),
  whenReady: vi.fn(() => app.ready),
  getAppPath: vi.fn(() => '/opt/seg-kcd-setup/resources/app.asar'),
  getPath: vi.fn((name: string) => (name === 'userData' ? app.profileDir : `/nonexistent-${name}`)),
});

export const contextBridge = { exposeInMainWorld: vi.fn() };

export const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn(async (channel: string, args: unknown) => ({ ok: true, value: { channel, args } })),
});

/** Back to a just-started process: for tests that load main.ts more than once. */
export function resetFake(): void {
  BrowserWindow.instances.length = 0;
  ipcMain.handlers.clear();
  session.defaultSession = new FakeSession();
  app.removeAllListeners();
  ipcRenderer.removeAllListeners();
  Object.assign(app, { profileDir: '/nonexistent-profile', singleInstance: true, isPackaged: false, ready: Promise.resolve() });
  for (const fn of [
    protocol.registerSchemesAsPrivileged,
    protocol.handle,
    dialog.showErrorBox,
    dialog.showOpenDialog,
    dialog.showSaveDialog,
    app.requestSingleInstanceLock,
    app.enableSandbox,
    app.quit,
    app.exit,
    app.whenReady,
    app.getAppPath,
    app.getPath,
    contextBridge.exposeInMainWorld,
    ipcRenderer.invoke,
  ]) {
    fn.mockReset();
  }
}
