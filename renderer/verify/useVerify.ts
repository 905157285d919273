import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { CheckInfo, CoreEvent, Settings } from '../../app/contract/core-api';
import type { SegApi } from '../api/client';
import { secretsForVerify, type SecretsState } from '../wizard/secrets';
import type { FamilyChoice } from './families';
import { idsCovered, initialModel, verifyReducer } from './verify-model';

const POLL_MS = 1500;
const MAX_BUFFERED_EVENTS = 1000;

/**
 * Verify runs from the page. Events may arrive before startVerify has answered with the
 * operation id (the core starts the first checks at once), so they are held until the id
 * is known. While a run lasts, getVerify is polled as well: a dropped event stream must not
 * leave a row spinning.
 */
export function useVerify(api: SegApi, catalogue: readonly CheckInfo[]) {
  const [model, dispatch] = useReducer(verifyReducer, initialModel);
  const starting = useRef(false);
  const held = useRef<CoreEvent[]>([]);
  /** The settings of the last full run, to tell the person when the results no longer describe them. */
  const [ranWith, setRanWith] = useState<string | null>(null);
  /** Rows the person opened: kept here so they stay open when the person leaves the step and comes back. */
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggleRow = useCallback(
    (id: string) =>
      setExpanded((current) => {
        const next = new Set(current);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      }),
    [],
  );
  const openRow = useCallback((id: string) => setExpanded((current) => (current.has(id) ? current : new Set(current).add(id))), []);
  /** Families the person showed or hid, kept like the rows. */
  const [familyChoices, setFamilyChoices] = useState<ReadonlyMap<string, FamilyChoice>>(new Map());
  const chooseFamily = useCallback((family: string, choice: FamilyChoice) => setFamilyChoices((current) => new Map(current).set(family, choice)), []);

  useEffect(
    () =>
      api.onEvent((event) => {
        if (starting.current) {
          if (held.current.length < MAX_BUFFERED_EVENTS) held.current.push(event);
          return;
        }
        dispatch({ type: 'event', event, now: performance.now() });
      }),
    [api],
  );

  const operationId = model.run.phase === 'running' ? model.run.operationId : null;
  useEffect(() => {
    if (operationId === null) return;
    const timer = setInterval(() => {
      void api.getVerify({ operationId }).then((result) => {
        if (result.ok) dispatch({ type: 'state', operationId, state: result.value });
      });
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [api, operationId]);

  const busy = model.run.phase === 'starting' || model.run.phase === 'running';

  const start = useCallback(
    async (settings: Settings, secrets: SecretsState, only?: readonly string[]) => {
      if (starting.current) return;
      starting.current = true;
      held.current = [];
      dispatch({ type: 'start', ids: idsCovered(catalogue, only), full: only === undefined });
      const result = await api.startVerify({ settings, secrets: secretsForVerify(secrets), ...(only ? { only } : {}) });
      starting.current = false;
      if (!result.ok) {
        held.current = [];
        return dispatch({ type: 'start-failed', error: result.error });
      }
      dispatch({ type: 'started', operationId: result.value.operationId });
      if (only === undefined) setRanWith(JSON.stringify(settings));
      for (const event of held.current) dispatch({ type: 'event', event, now: performance.now() });
      held.current = [];
    },
    [api, catalogue],
  );

  const cancel = useCallback(async () => {
    if (operationId === null) return;
    dispatch({ type: 'cancel' });
    await api.cancelOperation({ operationId });
  }, [api, operationId]);

  return { model, busy, start, cancel, ranWith, expanded, toggleRow, openRow, familyChoices, chooseFamily };
}
