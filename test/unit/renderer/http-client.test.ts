import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { CoreEvent } from '../../../app/contract/core-api';
import { createCore } from '../../../app/core/core';
import { startHttpHost, type HttpHost } from '../../../app/core/http-host';
import { INPUT_CHECKS } from '../../../app/checks/input';
import { emptySettings } from '../../../app/contract/settings';
import { createHttpApi } from '../../../renderer/api/http-api';

// The page's HTTP client against the real web host on 127.0.0.1 (Node's fetch stands in for the browser's).

let host: HttpHost;
let profileDir: string;

beforeAll(async () => {
  profileDir = mkdtempSync(join(tmpdir(), 'seg-client-'));
  host = await startHttpHost({ core: createCore({ profileDir, catalogue: INPUT_CHECKS }) });
});

afterAll(async () => {
  await host?.close();
  rmSync(profileDir, { recursive: true, force: true });
});

const apiFor = (token: string) => createHttpApi({ baseUrl: `${host.url}api/`, token });

test('calls reach the core and come back as Results', async () => {
  const api = apiFor(host.token);
  const info = await api.getAppInfo();
  expect(info.ok && info.value.checks.map((c) => c.id)).toEqual(INPUT_CHECKS.map((c) => c.id));
  const issues = await api.validateSettings({ settings: emptySettings() });
  expect(issues.ok && issues.value.some((i) => i.field === 'kcd.targetSpn')).toBe(true);
});

test('a wrong token and a host that is gone are error values, never exceptions', async () => {
  expect(await apiFor('wrong').getAppInfo()).toMatchObject({ ok: false, error: { code: 'http.no-token' } });
  const gone = createHttpApi({ baseUrl: 'http://127.0.0.1:9/api/', token: 'x' });
  expect(await gone.getAppInfo()).toMatchObject({ ok: false, error: { code: 'transport.unreachable' } });
});

test('progress events of a verify run arrive through the event stream', async () => {
  const api = apiFor(host.token);
  const seen: CoreEvent[] = [];
  const stop = api.onEvent((event) => seen.push(event));
  try {
    // The stream connects in the background; a run started before it is connected is missed,
    // so start runs until one is seen whole (the page covers that gap by polling getVerify).
    for (let attempt = 0; attempt < 20; attempt++) {
      const started = await api.startVerify({ settings: emptySettings(), secrets: {}, only: ['input.realm'] });
      if (!started.ok) throw new Error(started.error.message);
      const id = started.value.operationId;
      await expect
        .poll(() => seen.some((e) => e.operationId === id && e.kind === 'verify-finished'), { timeout: 500 })
        .toBe(true)
        .catch(() => undefined);
      const ours = seen.filter((e) => e.operationId === id);
      if (ours.map((e) => e.kind).join() === 'check-started,check-finished,verify-finished') return;
    }
    throw new Error('no verify run arrived whole through the event stream');
  } finally {
    stop();
  }
});
