import { useCallback, useState } from 'react';

/**
 * State kept for this window's session (sessionStorage): it survives moving between steps and
 * a reload, and ends with the window. For what the admin does in this sitting, not settings.
 */
export function useSessionState<T>(key: string, initial: T): [T, (value: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const stored = sessionStorage.getItem(key);
      return stored === null ? initial : (JSON.parse(stored) as T);
    } catch {
      return initial;
    }
  });
  const set = useCallback(
    (next: T) => {
      setValue(next);
      try {
        sessionStorage.setItem(key, JSON.stringify(next));
      } catch {
        // Storage refused (private mode, quota): the value still holds until the step closes.
      }
    },
    [key],
  );
  return [value, set];
}
