import { afterEach, describe, expect, it, vi } from 'vitest';
import { relaunchElevated, type ElevationHost } from '../../main/elevation';

function host(change: Partial<ElevationHost> = {}) {
  const calls: string[] = [];
  const h: ElevationHost & { calls: string[]; ran: (readonly string[])[] } = {
    platform: 'win32',
    executable: 'C:\\Program Files\\SEG KCD Setup\\SEG KCD Setup.exe',
    args: [],
    ran: [],
    calls,
    run: async (command, args) => {
      calls.push('run');
      h.ran.push([command, ...args]);
      return 0;
    },
    releaseSingleInstanceLock: () => void calls.push('release'),
    requestSingleInstanceLock: () => (calls.push('request'), true),
    quit: () => void calls.push('quit'),
    ...change,
  };
  return h;
}

afterEach(() => vi.useRealTimers());

describe('relaunchElevated (the desktop app restarts itself as administrator)', () => {
  it('on Windows: releases the single-instance lock, asks Windows through Start-Process -Verb RunAs, then quits', async () => {
    vi.useFakeTimers();
    const h = host();
    expect(await relaunchElevated(h)()).toStrictEqual({ ok: true, value: { relaunching: true } });
    expect(h.ran).toStrictEqual([
      [
        'powershell.exe',
        '-NoProfile',
        '-NonInteractive',
        '-Command',
        "Start-Process -FilePath 'C:\\Program Files\\SEG KCD Setup\\SEG KCD Setup.exe' -Verb RunAs",
      ],
    ]);
    expect(h.calls).toStrictEqual(['release', 'run']);
    vi.runAllTimers();
    expect(h.calls).toStrictEqual(['release', 'run', 'quit']);
  });

  it("quotes a path with a quote in it as one PowerShell literal, and passes an unpackaged app's folder", async () => {
    const h = host({ executable: "C:\\Users\\O'Brien\\SEG\\electron.exe", args: ["C:\\src\\seg kcd'setup"] });
    await relaunchElevated(h)();
    expect(h.ran[0]?.at(-1)).toBe("Start-Process -FilePath 'C:\\Users\\O''Brien\\SEG\\electron.exe' -ArgumentList 'C:\\src\\seg kcd''setup' -Verb RunAs");
  });

  it('a declined prompt keeps this instance: the lock is taken back, nothing quits, the error says what to do', async () => {
    vi.useFakeTimers();
    const h = host({ run: async () => 1 });
    const r = await relaunchElevated(h)();
    vi.runAllTimers();
    expect(!r.ok && r.error.code).toBe('app.elevation-declined');
    expect(!r.ok && r.error.remedy).toMatch(/Run as administrator/);
    expect(h.calls).toStrictEqual(['release', 'request']);
  });

  it('elsewhere than Windows: an error, nothing run', async () => {
    const h = host({ platform: 'linux' });
    const r = await relaunchElevated(h)();
    expect(!r.ok && r.error.code).toBe('app.elevation-unavailable');
    expect(h.calls).toStrictEqual([]);
  });
});
