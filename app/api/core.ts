import { CATALOGUE } from '../checks/catalogue';
import { fieldIssues } from '../checks/input';
import { familyOf, type CheckDefinition } from '../checks/types';
import { emptySettings } from '../config/settings-schema';
import { SettingsStore } from '../config/settings-store';
import { APP_NAME, APP_VERSION } from '../version';
import type { CoreApi } from './contract';
import { EventHub } from './events';
import { ok } from './result';
import { VerifyOperations } from './verify-operations';

export interface CoreOptions {
  /** Where the wizard keeps its settings (Electron's userData, or a folder the web host is given). */
  readonly profileDir: string;
  /** The checks to offer; the whole catalogue unless a test narrows it. */
  readonly catalogue?: readonly CheckDefinition[];
}

export interface Core {
  readonly api: CoreApi;
  readonly events: EventHub;
}

/** The core behind every face: the transports only carry calls to this object. */
export function createCore(options: CoreOptions): Core {
  const catalogue = options.catalogue ?? CATALOGUE;
  const events = new EventHub();
  const store = new SettingsStore(options.profileDir);
  const verify = new VerifyOperations(catalogue, events, options.profileDir);
  const api: CoreApi = {
    getAppInfo: async () =>
      ok({
        name: APP_NAME,
        version: APP_VERSION,
        checks: catalogue.map((c) => ({ id: c.id, title: c.title, family: familyOf(c.id), dependsOn: c.dependsOn ?? [] })),
      }),
    newSettings: async () => ok(emptySettings()),
    loadSettings: async () => {
      const loaded = await store.load();
      return loaded.ok ? ok({ settings: loaded.value, path: store.path }) : loaded;
    },
    saveSettings: async ({ settings }) => store.save(settings),
    validateSettings: async ({ settings }) => ok(fieldIssues(settings)),
    startVerify: async (args) => verify.start(args),
    getVerify: async (ref) => verify.get(ref),
    cancelOperation: async (ref) => verify.cancel(ref),
  };
  return { api, events };
}
