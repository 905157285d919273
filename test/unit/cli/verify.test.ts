import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../app/cli/main';
import { runVerify } from '../../../app/cli/verify-command';
import type { CheckDefinition } from '../../../app/checks/types';
import { captureIo } from '../../support/cli-io';
import { guideSettings } from '../../support/settings';
import { standIn } from '../../support/check-ids';

let dir: string;
let good: string;
let bad: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'seg-cli-'));
  good = join(dir, 'good.json');
  bad = join(dir, 'bad.json');
  await writeFile(good, JSON.stringify(guideSettings()));
  const s = guideSettings();
  await writeFile(bad, JSON.stringify({ ...s, kcd: { ...s.kcd, targetSpn: 'semail01', domains: [{ realm: 'se.airwlab.com', dcHost: 'sedc01' }] } }));
});

describe('seg-setup verify', () => {
  it('prints JSON with the contract fields and exits 1 when an input check fails', async () => {
    const io = captureIo();
    const code = await main(['verify', '--config', bad, '--json', '--only', 'input.*'], io);
    expect(code).toBe(1);
    const report = JSON.parse(io.out());
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['version', 'startedAt', 'settings', 'checks']));
    const realm = report.checks.find((c: { id: string }) => c.id === 'input.realm');
    expect(Object.keys(realm)).toEqual(expect.arrayContaining(['id', 'title', 'status', 'evidence', 'remedy', 'command', 'durationMs']));
    expect(realm.status).toBe('fail');
    expect(realm.evidence.join(' ')).toMatch(/upper case/);
    expect(report.settings.uem.tenantCode).toBe('[redacted]');
  });

  it('exits 0 when all selected checks pass', async () => {
    const io = captureIo();
    expect(await main(['verify', '--config', good, '--only', 'input.*'], io)).toBe(0);
    expect(io.out()).toMatch(/PASS\s+input\.realm/);
    expect(io.out()).not.toContain('\u001b[');
    // A subset passing is not a working gateway: the table's last words say so.
    expect(io.out()).toContain('Not proven: nothing failed, but the end-to-end check did not run\n  eas.kcd-end-to-end was not part of this run.');
  });

  it('exits 2 for an unreadable file or bad usage, with the error as JSON when asked', async () => {
    const io = captureIo();
    expect(await main(['verify', '--config', join(dir, 'missing.json'), '--json'], io)).toBe(2);
    expect(JSON.parse(io.out()).error.code).toBe('settings.unreadable');
    expect(await main(['verify'], captureIo())).toBe(2);
    expect(await main(['verify', '--config', good, '--bogus'], captureIo())).toBe(2);
    expect(await main(['verify', '--config', good, '--timeout-ms', '5'], captureIo())).toBe(2);
    const unknown = captureIo();
    expect(await main(['verify', '--config', good, '--only', 'nope.*'], unknown)).toBe(2);
    expect(unknown.err()).toContain('nope.*');
    expect(await main(['frobnicate'], captureIo())).toBe(2);
  });

  it('never takes a password from argv: there is no such option', async () => {
    const io = captureIo();
    expect(await main(['verify', '--config', good, '--password', 'x'], io)).toBe(2);
  });

  it('reads secrets from the environment and standard input, and never prints them', async () => {
    const seen: string[] = [];
    const probe: CheckDefinition = {
      id: standIn('krb.probe'),
      title: 'probe',
      needsSecrets: ['kcdPassword'],
      run: async (ctx) => {
        seen.push(ctx.secrets.kcdPassword?.reveal() ?? '');
        return { status: 'fail', evidence: [`password: ${ctx.secrets.kcdPassword}`], remedy: 'r' };
      },
    };
    const viaEnv = captureIo({ env: { SEG_KCD_PASSWORD: 'FromEnv!1' } });
    await runVerify(['--config', good, '--json'], viaEnv, [probe]);
    const viaStdin = captureIo({ env: { SEG_KCD_PASSWORD: 'FromEnv!1' }, stdin: 'SEG_KCD_PASSWORD=FromStdin!2\n' });
    await runVerify(['--config', good, '--secrets-stdin'], viaStdin, [probe]);
    expect(seen).toEqual(['FromEnv!1', 'FromStdin!2']);
    for (const text of [viaEnv.out(), viaEnv.err(), viaStdin.out(), viaStdin.err()]) {
      expect(text).not.toMatch(/FromEnv|FromStdin/);
    }
  });

  it('shows live progress and colours at a terminal only', async () => {
    const tty = captureIo({ tty: true });
    await main(['verify', '--config', good, '--only', 'input.realm'], tty);
    expect(tty.err()).toContain('input.realm');
    expect(tty.out()).toContain('\u001b[32mPASS');
    const noColour = captureIo({ tty: true, env: { NO_COLOR: '1' } });
    await main(['verify', '--config', good, '--only', 'input.realm'], noColour);
    expect(noColour.out()).not.toContain('\u001b[');
    const pipe = captureIo();
    await main(['verify', '--config', good, '--only', 'input.realm'], pipe);
    expect(pipe.err()).toBe('');
  });

  it('prints version and help', async () => {
    const v = captureIo();
    expect(await main(['--version'], v)).toBe(0);
    expect(v.out()).toMatch(/^\d+\.\d+\.\d+\n$/);
    const h = captureIo();
    expect(await main(['--help'], h)).toBe(0);
    expect(h.out()).toContain('seg-setup verify');
  });
});

describe('the seg-setup binary', () => {
  const bin = resolve('bin/seg-setup.js');
  it('exits 1 for failing input checks and 2 for an unreadable file', { timeout: 60_000 }, async () => {
    const run = promisify(execFile);
    const failing = await run(process.execPath, [bin, 'verify', '--config', bad, '--json'], { env: {} }).catch((e) => e);
    expect(failing.code).toBe(1);
    expect(JSON.parse(failing.stdout).checks.some((c: { id: string; status: string }) => c.id === 'input.target-spn' && c.status === 'fail')).toBe(true);
    const unreadable = await run(process.execPath, [bin, 'verify', '--config', join(dir, 'missing.json'), '--json']).catch((e) => e);
    expect(unreadable.code).toBe(2);
  });

  it('runs the Kerberos chain from verify-command.cjs alone: verify-more.cjs is read only for the other families', { timeout: 60_000 }, async () => {
    // A copy of the built CLI without verify-more; every name pinned to a loopback address, no password: nothing leaves the machine.
    const copy = await mkdtemp(join(tmpdir(), 'seg-cli-copy-'));
    await cp(resolve('bin'), join(copy, 'bin'), { recursive: true });
    await cp(resolve('dist/cli'), join(copy, 'dist', 'cli'), { recursive: true });
    await rm(join(copy, 'dist', 'cli', 'commands', 'verify-more.cjs'));
    const s = guideSettings();
    const pinned = join(dir, 'pinned.json');
    const hosts = Object.fromEntries([s.email.host, ...s.kcd.domains.map((d) => d.dcHost)].map((h) => [h, '127.0.0.1']));
    await writeFile(pinned, JSON.stringify({ ...s, network: { ...s.network, hosts } }));
    const run = (only: string) =>
      promisify(execFile)(process.execPath, [join(copy, 'bin', 'seg-setup.js'), 'verify', '--config', pinned, '--json', '--only', only], { env: {} }).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    const chain = await run('eas.kcd-end-to-end');
    expect(chain.code, chain.stderr).not.toBe(2);
    expect(JSON.parse(chain.stdout).checks.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(['krb.as', 'krb.s4u2proxy', 'eas.kcd-end-to-end']));
    const ad = await run('ad.bind');
    expect(ad.code).toBe(2);
    expect(ad.stderr).toContain('verify-more.cjs');
    await rm(copy, { recursive: true, force: true });
  });
});
