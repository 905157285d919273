import { useEffect, useRef, useState } from 'react';
import type { CoreError, Settings } from '../../app/contract/core-api';
import type { SegApi } from '../api/client';
import { indexIssues, NO_ISSUES, type IssueIndex } from './issues';

const DEBOUNCE_MS = 250;

/**
 * Validates the settings through the core as the person types, so the page shows the same
 * sentence the input.* checks and the CLI give. Answers to older keystrokes are dropped.
 */
export interface ValidationState {
  readonly issues: IssueIndex;
  /** The settings the issues were found in: a field changed since then has no answer yet. */
  readonly validated: Settings | null;
  readonly error: CoreError | null;
}

export function useValidation(api: SegApi, settings: Settings | null): ValidationState {
  const [state, setState] = useState<ValidationState>({ issues: NO_ISSUES, validated: null, error: null });
  const latest = useRef(0);
  useEffect(() => {
    if (settings === null) return;
    const request = ++latest.current;
    const timer = setTimeout(() => {
      void api.validateSettings({ settings }).then((result) => {
        if (request !== latest.current) return;
        setState((previous) => (result.ok ? { issues: indexIssues(result.value), validated: settings, error: null } : { ...previous, error: result.error }));
      });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [api, settings]);
  return state;
}
