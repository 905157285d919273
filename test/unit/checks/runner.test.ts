import { describe, expect, it } from 'vitest';
import { runChecks, type RunEvent } from '../../../app/checks/runner';
import { selectChecks } from '../../../app/checks/selection';
import { artifactKey, type CheckContext, type CheckDefinition, type CheckOutcome } from '../../../app/checks/types';
import { Secret } from '../../../app/config/secrets';
import { emptySettings } from '../../../app/contract/settings';
import { standIn } from '../../support/check-ids';

const pass: CheckOutcome = { status: 'pass', evidence: ['ok'] };
const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new Error('aborted'));
    });
  });

function check(id: string, run: CheckDefinition['run'], extra: Omit<Partial<CheckDefinition>, 'dependsOn'> & { dependsOn?: string[] } = {}): CheckDefinition {
  const { dependsOn, ...rest } = extra;
  return { id: standIn(id), title: id, run, ...rest, ...(dependsOn ? { dependsOn: dependsOn.map(standIn) } : {}) };
}

const options = { settings: emptySettings(), secrets: {}, baseDir: '/' };

describe('runner', () => {
  it('says which shell a command is for: PowerShell unless the check names another', async () => {
    const results = await runChecks(
      [
        check('a.1', async () => ({ status: 'fail', evidence: [], remedy: 'r', command: "setspn -Q 'HTTP/a&calc'" })),
        check('a.2', async () => ({ status: 'warn', evidence: [], remedy: 'r', command: 'appcmd.exe list apppool', commandShell: 'cmd' })),
        check('a.3', async () => ({ status: 'fail', evidence: [], remedy: 'r' })),
      ],
      options,
    );
    expect(results.map((r) => r.commandShell)).toEqual(['powershell', 'cmd', null]);
  });

  it('runs independent checks at the same time', async () => {
    const started = performance.now();
    const results = await runChecks(
      ['a.1', 'a.2', 'a.3'].map((id) => check(id, async () => (await sleep(150), pass))),
      options,
    );
    expect(results.map((r) => r.status)).toEqual(['pass', 'pass', 'pass']);
    expect(performance.now() - started).toBeLessThan(400);
  });

  it('runs a dependent check only after its dependency, with its artifact', async () => {
    const tgt = artifactKey<string>('tgt');
    const order: string[] = [];
    const results = await runChecks(
      [
        check('krb.s4u', async (ctx) => (order.push('s4u'), { status: 'pass', evidence: [`used ${ctx.artifact(tgt)}`] }), { dependsOn: ['krb.as'] }),
        check('krb.as', async (ctx) => {
          await sleep(30);
          order.push('as');
          ctx.provide(tgt, 'TGT-1');
          return pass;
        }),
      ],
      options,
    );
    expect(order).toEqual(['as', 's4u']);
    expect(results[0]?.evidence).toEqual(['used TGT-1']);
  });

  it('skips a check whose dependency failed, naming it, and transitively with the same root cause', async () => {
    const results = await runChecks(
      [
        check('x.a', async () => ({ status: 'fail', evidence: [], remedy: 'fix a' })),
        check('x.b', async () => pass, { dependsOn: ['x.a'] }),
        check('x.c', async () => pass, { dependsOn: ['x.b'] }),
      ],
      options,
    );
    expect(results.map((r) => r.status)).toEqual(['fail', 'skip', 'skip']);
    expect(results[1]?.reason).toBe('x.a failed: fix it first');
    expect(results[2]?.reason).toBe('x.a failed: fix it first');
  });

  it('runs a check whose dependency only warned', async () => {
    const results = await runChecks(
      [check('w.a', async () => ({ status: 'warn', evidence: [], remedy: 'r' })), check('w.b', async () => pass, { dependsOn: ['w.a'] })],
      options,
    );
    expect(results[1]?.status).toBe('pass');
  });

  it('fails a check that runs past its time limit, and aborts its signal', async () => {
    let aborted = false;
    const results = await runChecks(
      [
        check(
          't.slow',
          async (ctx) => {
            ctx.signal.addEventListener('abort', () => (aborted = true));
            await sleep(5_000);
            return pass;
          },
          { timeoutMs: 50 },
        ),
      ],
      options,
    );
    expect(results[0]?.status).toBe('fail');
    expect(results[0]?.evidence[0]).toMatch(/no answer within 50 ms/);
    expect(results[0]?.remedy).toMatch(/timeoutMs/);
    expect(aborted).toBe(true);
  });

  it('cancels: running checks abort and waiting ones are skipped', async () => {
    const controller = new AbortController();
    const events: RunEvent[] = [];
    const promise = runChecks([check('c.a', async (ctx) => (await sleep(5_000, ctx.signal), pass)), check('c.b', async () => pass, { dependsOn: ['c.a'] })], {
      ...options,
      signal: controller.signal,
      onEvent: (e) => events.push(e),
    });
    setTimeout(() => controller.abort(), 30);
    const results = await promise;
    expect(results.map((r) => [r.status, r.reason])).toEqual([
      ['skip', 'the run was cancelled'],
      ['skip', 'the run was cancelled'],
    ]);
    expect(events.filter((e) => e.type === 'check-finished')).toHaveLength(2);
  });

  it('a check that answers its abort at once is still reported cancelled, or timed out', async () => {
    const answersAbort = (id: string) => check(id, (ctx) => new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve(pass))));
    const controller = new AbortController();
    const cancelled = runChecks([answersAbort('c.cancel')], { ...options, signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    expect((await cancelled).map((r) => r.status)).toEqual(['skip']);
    const timedOut = await runChecks([answersAbort('c.slow')], { ...options, checkTimeoutMs: 20 });
    expect(timedOut.map((r) => [r.status, r.evidence[0]])).toEqual([['fail', 'no answer within 20 ms']]);
  });

  it("listens to the caller's signal once per run, however many checks run", async () => {
    const controller = new AbortController();
    const { EventEmitter } = await import('node:events');
    const getEventListeners = (target: EventTarget, name: string) =>
      (EventEmitter as unknown as { getEventListeners(t: EventTarget, n: string): unknown[] }).getEventListeners(target, name);
    let most = 0;
    const many = Array.from({ length: 40 }, (_, i) =>
      check(`l.${i}`, async () => {
        most = Math.max(most, getEventListeners(controller.signal, 'abort').length);
        await sleep(10);
        return pass;
      }),
    );
    await runChecks(many, { ...options, signal: controller.signal });
    expect(most).toBe(1);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('turns an exception into a failure that says it is our fault', async () => {
    const results = await runChecks(
      [
        check('e.a', async () => {
          throw new Error('boom');
        }),
      ],
      options,
    );
    expect(results[0]).toMatchObject({ status: 'fail', evidence: ['internal error: boom'] });
    expect(results[0]?.remedy).toMatch(/fault in SEG KCD Setup/);
  });

  it('skips a check when a secret it needs is missing, naming the variable', async () => {
    const needs = check('k.as', async () => pass, { needsSecrets: ['kcdPassword'] });
    const without = await runChecks([needs], options);
    expect(without[0]?.reason).toMatch(/SEG_KCD_PASSWORD/);
    const withIt = await runChecks([needs], { ...options, secrets: { kcdPassword: new Secret('x') } });
    expect(withIt[0]?.status).toBe('pass');
    // Down a chain, every link names the check that could not run and why, not a nest of skips.
    const chain = await runChecks(
      [needs, check('k.s4u', async () => pass, { dependsOn: ['k.as'] }), check('k.proxy', async () => pass, { dependsOn: ['k.s4u'] })],
      options,
    );
    expect(chain[1]?.reason).toMatch(/^k\.as was skipped \(needs SEG_KCD_PASSWORD[^()]*\)$/);
    expect(chain[2]?.reason).toBe(chain[1]?.reason);
  });

  it('skips a check whose input is missing, and its dependents with it', async () => {
    const results = await runChecks(
      [check('n.a', async () => pass, { applies: () => 'No API URL is given' }), check('n.b', async () => pass, { dependsOn: ['n.a'] })],
      options,
    );
    expect(results[0]).toMatchObject({ status: 'skip', reason: 'No API URL is given' });
    expect(results[1]).toMatchObject({ status: 'skip', reason: 'n.a was skipped (No API URL is given)' });
  });

  it('skips a check that does not apply, with its reason, and runs its dependents all the same', async () => {
    const results = await runChecks(
      [
        check('n.tls', async () => pass, { notApplicable: () => 'TLS is off' }),
        check('n.offered', async () => pass, { dependsOn: ['n.tls'] }),
        check('n.after', async () => pass, { dependsOn: ['n.offered'] }),
      ],
      options,
    );
    expect(results.map((r) => [r.status, r.reason])).toEqual([
      ['skip', 'TLS is off'],
      ['pass', null],
      ['pass', null],
    ]);
  });

  it('computes a memo once for concurrent checks and runs cleanups at the end', async () => {
    let made = 0;
    let cleaned = 0;
    const use = (id: string) =>
      check(id, async (ctx) => {
        const v = await ctx.memo('session', async () => (made++, await sleep(20), 'S'));
        ctx.onFinish(() => void cleaned++);
        return { status: 'pass', evidence: [v] };
      });
    await runChecks([use('m.a'), use('m.b')], options);
    expect(made).toBe(1);
    expect(cleaned).toBe(2);
  });

  it('reports events in order: started before finished', async () => {
    const events: RunEvent[] = [];
    await runChecks([check('o.a', async () => pass)], { ...options, onEvent: (e) => events.push(e) });
    expect(events.map((e) => e.type)).toEqual(['check-started', 'check-finished']);
  });

  it('refuses a dependency cycle instead of hanging', async () => {
    await expect(
      runChecks([check('y.a', async () => pass, { dependsOn: ['y.b'] }), check('y.b', async () => pass, { dependsOn: ['y.a'] })], options),
    ).rejects.toThrow(/cycle/);
  });
});

describe('runner: prefetch', () => {
  it('starts a prefetch when the run starts, before the dependency finishes, and the check gets the same memo', async () => {
    const order: string[] = [];
    let made = 0;
    const lookup = (ctx: CheckContext) => ctx.memo('lookup', async () => (made++, order.push('lookup started'), await sleep(20), 'L'));
    let prefetched: Promise<string> | undefined;
    let used: Promise<string> | undefined;
    const results = await runChecks(
      [
        check('p.dep', async () => (await sleep(60), order.push('dep done'), pass)),
        check(
          'p.user',
          async (ctx) => {
            used = lookup(ctx);
            return { status: 'pass', evidence: [await used] };
          },
          { dependsOn: ['p.dep'], prefetch: (ctx) => (prefetched = lookup(ctx)) },
        ),
      ],
      options,
    );
    expect(order).toEqual(['lookup started', 'dep done']);
    expect(made).toBe(1);
    expect(used).toBe(prefetched);
    expect(results[1]).toMatchObject({ status: 'pass', evidence: ['L'] });
  });

  it('starts the prefetches a turn of the event loop after the checks that can start: their first requests go out first', async () => {
    const order: string[] = [];
    await runChecks(
      [
        check('q.first', async () => (order.push('check started'), await sleep(10), pass)),
        check('q.user', async () => pass, { dependsOn: ['q.first'], prefetch: async () => void order.push('prefetch started') }),
      ],
      options,
    );
    expect(order).toEqual(['check started', 'prefetch started']);
  });

  it('a rejected prefetch reaches the check that awaits it, and never an unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const broken = (ctx: CheckContext) => ctx.memo('broken', () => Promise.reject(new Error('directory exploded')));
      const results = await runChecks(
        [
          check('r.dep', async () => (await sleep(10), pass)),
          check('r.user', async (ctx) => ({ status: 'pass', evidence: [await broken(ctx)] }), { dependsOn: ['r.dep'], prefetch: broken }),
          // Skipped, so nothing ever awaits its memo but the runner.
          check('r.failing', async () => ({ status: 'fail', evidence: [], remedy: 'r' })),
          check('r.skipped', async () => pass, {
            dependsOn: ['r.failing'],
            prefetch: (ctx) => ctx.memo('other', () => Promise.reject(new Error('nobody asks'))),
          }),
          check('r.throws', async () => pass, {
            prefetch: () => {
              throw new Error('thrown at once');
            },
          }),
        ],
        options,
      );
      await new Promise((resolve) => setImmediate(resolve));
      expect(results.map((r) => r.status)).toEqual(['pass', 'fail', 'fail', 'skip', 'pass']);
      expect(results[1]?.evidence).toEqual(['internal error: directory exploded']);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it("aborts a prefetch on cancel, when its check's time is up, and one nobody awaited when the run ends, before the cleanups run", async () => {
    const controller = new AbortController();
    let cancelledSignal: AbortSignal | undefined;
    const cancelled = runChecks(
      [
        check('c.dep', async (ctx) => (await sleep(5_000, ctx.signal), pass)),
        check('c.user', async () => pass, { dependsOn: ['c.dep'], prefetch: (ctx) => ((cancelledSignal = ctx.signal), sleep(5_000, ctx.signal)) }),
      ],
      { ...options, signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 20);
    expect((await cancelled).map((r) => r.status)).toEqual(['skip', 'skip']);
    expect(cancelledSignal?.aborted).toBe(true);

    // Aborted when the check's time is up, while another check still runs: not only when the run ends.
    let timedOutSignal: AbortSignal | undefined;
    let abortedWhileRunning: boolean | undefined;
    const timedOut = await runChecks(
      [
        check('t.user', () => new Promise(() => undefined), { timeoutMs: 20, prefetch: (ctx) => ((timedOutSignal = ctx.signal), sleep(5_000, ctx.signal)) }),
        check('t.other', async () => (await sleep(150), (abortedWhileRunning = timedOutSignal?.aborted), pass)),
      ],
      options,
    );
    expect(timedOut.map((r) => r.status)).toEqual(['fail', 'pass']);
    expect(abortedWhileRunning).toBe(true);

    const order: string[] = [];
    await runChecks(
      [
        check('e.failing', async (ctx) => (ctx.onFinish(() => void order.push('cleanup')), await sleep(10), { status: 'fail', evidence: [], remedy: 'r' })),
        check('e.user', async () => pass, {
          dependsOn: ['e.failing'],
          prefetch: (ctx) => sleep(5_000, ctx.signal).catch(() => void order.push('prefetch aborted')),
        }),
      ],
      options,
    );
    expect(order).toEqual(['prefetch aborted', 'cleanup']);
  });

  it('does not prefetch for a check that will not run: it does not apply, or misses an input or a secret', async () => {
    const started: string[] = [];
    const prefetch = (id: string) => async () => void started.push(id);
    await runChecks(
      [
        check('n.secret', async () => pass, { needsSecrets: ['kcdPassword'], prefetch: prefetch('n.secret') }),
        check('n.input', async () => pass, { applies: () => 'No device certificate', prefetch: prefetch('n.input') }),
        check('n.off', async () => pass, { notApplicable: () => 'TLS is off', prefetch: prefetch('n.off') }),
        check('n.runs', async () => pass, { prefetch: prefetch('n.runs') }),
        // The prefetches start a turn after the checks: a run as short as one turn would end first.
        check('n.slow', async () => (await sleep(10), pass)),
      ],
      options,
    );
    expect(started).toEqual(['n.runs']);
  });
});

describe('selection (--only)', () => {
  const catalogue = [
    check('krb.as', async () => pass),
    check('krb.s4u2self', async () => pass, { dependsOn: ['krb.as'] }),
    check('ad.bind', async () => pass),
    check('ad.svc-spn', async () => pass, { dependsOn: ['ad.bind'] }),
  ];

  it('takes ids and families, adds dependencies, keeps catalogue order', () => {
    const s = selectChecks(catalogue, ['ad.svc-spn', 'krb.*']);
    expect(s.ok && s.checks.map((c) => c.id)).toEqual(['krb.as', 'krb.s4u2self', 'ad.bind', 'ad.svc-spn']);
    const one = selectChecks(catalogue, ['krb.s4u2self']);
    expect(one.ok && one.checks.map((c) => c.id)).toEqual(['krb.as', 'krb.s4u2self']);
  });

  it('names unknown ids and families', () => {
    expect(selectChecks(catalogue, ['ad.nope', 'zz.*', 'ad.bind'])).toEqual({ ok: false, unknown: ['ad.nope', 'zz.*'] });
  });

  it('a family prefix does not match a longer family', () => {
    const s = selectChecks([...catalogue, check('adx.a', async () => pass)], ['ad.*']);
    expect(s.ok && s.checks.map((c) => c.id)).toEqual(['ad.bind', 'ad.svc-spn']);
  });
});
