import { useCallback, useEffect, useRef, useState } from 'react';
import type { CoreError, Settings } from '../../app/contract/core-api';
import type { SegApi } from '../api/client';

export type DocumentState =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly error: CoreError }
  | {
      readonly status: 'ready';
      readonly settings: Settings;
      /** Where the settings are kept, as the core reported it. */
      readonly path: string;
      /** True when the settings came from a saved file rather than a blank document. */
      readonly fromFile: boolean;
      /** Why the saved file could not be read, when a blank document replaced it. */
      readonly loadProblem: CoreError | null;
    };

export interface SaveState {
  readonly saving: boolean;
  readonly savedJson: string | null;
  readonly savedAt: string | null;
  readonly error: CoreError | null;
}

/** The settings document: loaded once from the core, edited in memory, saved on request. */
export function useSettingsDocument(api: SegApi) {
  const [doc, setDoc] = useState<DocumentState>({ status: 'loading' });
  const [save, setSave] = useState<SaveState>({ saving: false, savedJson: null, savedAt: null, error: null });
  const settingsRef = useRef<Settings | null>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      const loaded = await api.loadSettings();
      if (!live) return;
      if (loaded.ok && loaded.value.settings !== null) {
        settingsRef.current = loaded.value.settings;
        setSave((s) => ({ ...s, savedJson: JSON.stringify(loaded.value.settings) }));
        return setDoc({ status: 'ready', settings: loaded.value.settings, path: loaded.value.path, fromFile: true, loadProblem: null });
      }
      // A damaged or foreign settings file must not lock the person out: start blank and say why.
      const fresh = await api.newSettings();
      if (!live) return;
      if (!fresh.ok) return setDoc({ status: 'failed', error: loaded.ok ? fresh.error : loaded.error });
      settingsRef.current = fresh.value;
      setDoc({
        status: 'ready',
        settings: fresh.value,
        path: loaded.ok ? loaded.value.path : '',
        fromFile: false,
        loadProblem: loaded.ok ? null : loaded.error,
      });
    })();
    return () => {
      live = false;
    };
  }, [api]);

  const update = useCallback((change: (settings: Settings) => Settings) => {
    setDoc((current) => {
      if (current.status !== 'ready') return current;
      const settings = change(current.settings);
      settingsRef.current = settings;
      return { ...current, settings };
    });
  }, []);

  const saveNow = useCallback(async () => {
    const settings = settingsRef.current;
    if (settings === null) return;
    setSave((s) => ({ ...s, saving: true, error: null }));
    const saved = await api.saveSettings({ settings });
    if (saved.ok) {
      setSave({ saving: false, savedJson: JSON.stringify(settings), savedAt: saved.value.savedAt, error: null });
      setDoc((current) => (current.status === 'ready' ? { ...current, path: saved.value.path } : current));
    } else {
      setSave((s) => ({ ...s, saving: false, error: saved.error }));
    }
  }, [api]);

  const dirty = doc.status === 'ready' && JSON.stringify(doc.settings) !== save.savedJson;
  return { doc, update, save, saveNow, dirty };
}
