import { describe, expect, test } from 'vitest';
import type { CheckInfo, CheckResult, VerifyReport } from '../../../app/contract/core-api';
import { familyTitle } from '../../../app/checks/family-title';
import { groupByFamily } from '../../../renderer/verify/families';
import { summarize } from '../../../renderer/verify/summary';
import { idsCovered, initialModel, rowOf, verifyReducer, type VerifyAction, type VerifyModel } from '../../../renderer/verify/verify-model';
import { familyOf, type CheckId } from '../../../app/contract/check-ids';
import { verdictHeadline, verdictOf } from '../../../app/report/verdict';

// The Verify page's state, driven by the same events the core sends; no browser needed.

const info = (id: CheckId, dependsOn: CheckId[] = []): CheckInfo => ({
  id,
  title: id,
  family: familyOf(id),
  familyTitle: familyTitle(familyOf(id)),
  dependsOn,
});
const CATALOGUE = [
  info('input.realm'),
  info('net.dns'),
  info('ad.bind', ['net.dns']),
  info('ad.svc-spn', ['ad.bind']),
  info('krb.as', ['ad.bind']),
  info('eas.kcd-end-to-end', ['krb.as']),
];

const result = (id: CheckId, status: CheckResult['status']): CheckResult => ({
  id,
  title: id,
  status,
  evidence: [`${id} saw something`],
  remedy: status === 'fail' || status === 'warn' ? `fix ${id}` : null,
  command: null,
  reason: status === 'skip' ? 'not applicable' : null,
  durationMs: 12,
});

const report = (checks: CheckResult[]): VerifyReport =>
  ({
    version: '0',
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    settings: {},
    summary: { pass: 0, warn: 0, fail: 0, skip: 0 },
    checks,
  }) as unknown as VerifyReport;

const run = (actions: VerifyAction[], from: VerifyModel = initialModel) => actions.reduce(verifyReducer, from);

describe('idsCovered', () => {
  test('all checks without a selection, a family with the checks it depends on otherwise', () => {
    expect(idsCovered(CATALOGUE, undefined)).toEqual(CATALOGUE.map((c) => c.id));
    expect(idsCovered(CATALOGUE, ['ad.*'])).toEqual(['net.dns', 'ad.bind', 'ad.svc-spn']);
    expect(idsCovered(CATALOGUE, ['krb.as'])).toEqual(['net.dns', 'ad.bind', 'krb.as']);
    expect(idsCovered(CATALOGUE, ['nothing.*'])).toEqual([]);
  });
});

describe('verifyReducer', () => {
  test('events before the operation id is known are ignored by the reducer (the hook holds them), and events of other runs never count', () => {
    const starting = run([{ type: 'start', ids: ['input.realm'], full: false }]);
    expect(rowOf(starting, 'input.realm').kind).toBe('waiting');
    const early = verifyReducer(starting, { type: 'event', now: 1, event: { operationId: 'op-1', kind: 'check-started', id: 'input.realm', title: 't' } });
    expect(early).toBe(starting);
    const started = run([{ type: 'started', operationId: 'op-1' }], starting);
    const foreign = verifyReducer(started, {
      type: 'event',
      now: 1,
      event: { operationId: 'op-2', kind: 'check-finished', result: result('input.realm', 'fail') },
    });
    expect(rowOf(foreign, 'input.realm').kind).toBe('waiting');
  });

  test('a run goes waiting → running → done, and its report settles every row', () => {
    const model = run([
      { type: 'start', ids: ['input.realm', 'net.dns'], full: false },
      { type: 'started', operationId: 'op' },
      { type: 'event', now: 5, event: { operationId: 'op', kind: 'check-started', id: 'input.realm', title: 'x' } },
    ]);
    expect(rowOf(model, 'input.realm')).toEqual({ kind: 'running', startedAt: 5 });
    expect(summarize(model, CATALOGUE).verdict).toBe('running');
    const done = run(
      [
        { type: 'event', now: 6, event: { operationId: 'op', kind: 'check-finished', result: result('input.realm', 'pass') } },
        {
          type: 'event',
          now: 7,
          event: { operationId: 'op', kind: 'verify-finished', report: report([result('input.realm', 'pass'), result('net.dns', 'fail')]) },
        },
      ],
      model,
    );
    expect(done.run).toMatchObject({ phase: 'finished', operationId: 'op', cancelled: false });
    expect(rowOf(done, 'net.dns')).toMatchObject({ kind: 'done', result: { status: 'fail' } });
  });

  test('"check again" for one family keeps the other results, and a row the run never reached returns to what it showed', () => {
    const first = run([
      { type: 'start', ids: CATALOGUE.map((c) => c.id), full: true },
      { type: 'started', operationId: 'a' },
      {
        type: 'state',
        operationId: 'a',
        state: { state: 'finished', report: report(CATALOGUE.map((c) => result(c.id, c.id === 'ad.svc-spn' ? 'fail' : 'pass'))) },
      },
    ]);
    const again = run(
      [
        { type: 'start', ids: idsCovered(CATALOGUE, ['ad.*']), full: false },
        { type: 'started', operationId: 'b' },
        { type: 'cancel' },
        { type: 'event', now: 1, event: { operationId: 'b', kind: 'verify-finished', report: report([result('net.dns', 'pass')]) } },
      ],
      first,
    );
    expect(again.run).toMatchObject({ phase: 'finished', cancelled: true });
    expect(rowOf(again, 'input.realm')).toMatchObject({ kind: 'done', result: { status: 'pass' } });
    expect(rowOf(again, 'ad.svc-spn')).toMatchObject({ kind: 'done', result: { status: 'fail' } });
  });

  test('a single check run again changes its row, but not the last full run that Export saves and the verdict line dates', () => {
    const full = run([
      { type: 'start', ids: CATALOGUE.map((c) => c.id), full: true },
      { type: 'started', operationId: 'full' },
      { type: 'state', operationId: 'full', state: { state: 'finished', report: report(CATALOGUE.map((c) => result(c.id, 'pass'))) } },
    ]);
    expect(full.lastFull).toMatchObject({ operationId: 'full' });
    const single = run(
      [
        { type: 'start', ids: ['input.realm'], full: false },
        { type: 'started', operationId: 'one' },
        { type: 'state', operationId: 'one', state: { state: 'finished', report: report([result('input.realm', 'fail')]) } },
      ],
      full,
    );
    expect(single.run).toMatchObject({ phase: 'finished', operationId: 'one', full: false });
    expect(rowOf(single, 'input.realm')).toMatchObject({ kind: 'done', result: { status: 'fail' } });
    expect(single.lastFull?.operationId).toBe('full');
    expect(single.lastFull?.report.checks).toHaveLength(CATALOGUE.length);
  });

  test('a refused start restores the rows and keeps the error to show', () => {
    const before = run([
      { type: 'start', ids: ['net.dns'], full: false },
      { type: 'started', operationId: 'x' },
      { type: 'state', operationId: 'x', state: { state: 'finished', report: report([result('net.dns', 'warn')]) } },
    ]);
    const refused = run(
      [
        { type: 'start', ids: ['net.dns'], full: false },
        { type: 'start-failed', error: { code: 'verify.unknown-check', message: 'no' } },
      ],
      before,
    );
    expect(rowOf(refused, 'net.dns')).toMatchObject({ kind: 'done', result: { status: 'warn' } });
    expect(refused.run).toMatchObject({ phase: 'failed', error: { code: 'verify.unknown-check' } });
  });

  test('a poll of the run before, answered late, does not end the run now going', () => {
    const model = run([
      { type: 'start', ids: ['input.realm'], full: false },
      { type: 'started', operationId: 'new' },
      { type: 'state', operationId: 'old', state: { state: 'finished', report: report([result('input.realm', 'fail')]) } },
    ]);
    expect(model.run).toMatchObject({ phase: 'running', operationId: 'new' });
    expect(rowOf(model, 'input.realm').kind).toBe('waiting');
  });

  test('polled results fill in rows whose events were missed', () => {
    const model = run([
      { type: 'start', ids: ['input.realm', 'net.dns'], full: false },
      { type: 'started', operationId: 'p' },
      { type: 'state', operationId: 'p', state: { state: 'running', results: [result('input.realm', 'fail')] } },
    ]);
    expect(rowOf(model, 'input.realm')).toMatchObject({ kind: 'done' });
    expect(rowOf(model, 'net.dns').kind).toBe('waiting');
  });
});

describe('summarize', () => {
  const finished = (statuses: Partial<Record<CheckId, CheckResult['status']>>) =>
    run([
      { type: 'start', ids: Object.keys(statuses), full: false },
      { type: 'started', operationId: 's' },
      {
        type: 'state',
        operationId: 's',
        state: { state: 'finished', report: report((Object.entries(statuses) as [CheckId, CheckResult['status']][]).map(([id, s]) => result(id, s))) },
      },
    ]);

  test('names what blocks first, then what warns', () => {
    const s = summarize(finished({ 'input.realm': 'fail', 'net.dns': 'warn', 'ad.bind': 'fail', 'ad.svc-spn': 'pass', 'krb.as': 'skip' }), CATALOGUE);
    expect(s.verdict).toBe('blocked');
    expect(s.headline).toBe('Not ready: 2 problems block the gateway');
    expect(s.failing.map((r) => r.id)).toEqual(['input.realm', 'ad.bind']);
    expect(s.warning.map((r) => r.id)).toEqual(['net.dns']);
    expect(s.counts).toEqual({ pass: 1, warn: 1, fail: 2, skip: 1, pending: 0 });
  });

  test('passes only when every check ran; skips are said, not hidden', () => {
    expect(summarize(initialModel, CATALOGUE).verdict).toBe('not-run');
    expect(summarize(finished({ 'input.realm': 'pass' }), CATALOGUE).verdict).toBe('incomplete');
    const all = Object.fromEntries(CATALOGUE.map((c) => [c.id, 'pass' as const]));
    expect(summarize(finished(all), CATALOGUE).headline).toBe('Ready: a device certificate became a ticket that ActiveSync accepted');
    // A skipped check inside a family that ran is in the counts; a whole family skipped is named.
    expect(summarize(finished({ ...all, 'ad.svc-spn': 'skip' }), CATALOGUE).headline).toBe(
      'Ready: a device certificate became a ticket that ActiveSync accepted',
    );
    const noNet = summarize(finished({ ...all, 'net.dns': 'skip' }), CATALOGUE);
    expect(noNet.headline).toBe('Ready: a device certificate became a ticket that ActiveSync accepted. Not checked: Network');
    expect(noNet.notChecked).toEqual(['Network']);
    expect(summarize(finished({ ...all, 'net.dns': 'warn' }), CATALOGUE).verdict).toBe('warnings');
  });

  test('is not "passed" when the end-to-end check was skipped, however much else passed', () => {
    const all = Object.fromEntries(CATALOGUE.map((c) => [c.id, 'pass' as const]));
    const s = summarize(finished({ ...all, 'krb.as': 'skip', 'eas.kcd-end-to-end': 'skip' }), CATALOGUE);
    expect(s.verdict).toBe('unproven');
    expect(s.headline).toBe('Not proven: nothing failed, but the end-to-end check did not run');
    expect(s.unproven.map((r) => r.id)).toEqual(['eas.kcd-end-to-end']);
  });
});

test('the page words a finished run as the report and the CLI do', () => {
  const all = Object.fromEntries(CATALOGUE.map((c) => [c.id, 'pass' as CheckResult['status']]));
  const cases: Partial<Record<CheckId, CheckResult['status']>>[] = [
    all,
    { ...all, 'net.dns': 'skip' },
    { ...all, 'net.dns': 'warn' },
    { ...all, 'ad.bind': 'fail' },
    { ...all, 'eas.kcd-end-to-end': 'skip' },
  ];
  for (const statuses of cases) {
    const results = (Object.entries(statuses) as [CheckId, CheckResult['status']][]).map(([id, st]) => result(id, st));
    const model = run([
      { type: 'start', ids: CATALOGUE.map((c) => c.id), full: true },
      { type: 'started', operationId: 'w' },
      { type: 'state', operationId: 'w', state: { state: 'finished', report: report(results) } },
    ]);
    expect(summarize(model, CATALOGUE).headline).toBe(verdictHeadline(verdictOf(results)));
  }
});

test('families keep the catalogue order and have names a person reads', () => {
  expect(groupByFamily(CATALOGUE).map((g) => [g.family, g.name, g.checks.length])).toEqual([
    ['input', 'Settings entered', 1],
    ['net', 'Network', 1],
    ['ad', 'Active Directory', 2],
    ['krb', 'Kerberos', 1],
    ['eas', 'Exchange ActiveSync', 1],
  ]);
});
