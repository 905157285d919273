import { readFileSync, readdirSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

interface ProcStat {
  readonly ppid: number;
  readonly cpuMs: number;
}

function readStats(): Map<number, ProcStat> {
  const out = new Map<number, ProcStat>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = readFileSync(`/proc/${name}/stat`, 'utf8');
      // After "(comm)": [0] state, [1] ppid, ... [11] utime, [12] stime.
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      out.set(Number(name), { ppid: Number(fields[1]), cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS });
    } catch {
      continue; // the process ended while the list was read
    }
  }
  return out;
}

/**
 * CPU time (user + system, ms) used so far by the process trees under these PIDs: the lab's
 * servers with their prefork workers. Linux /proc, 10 ms ticks, so measure many rounds.
 */
export function treeCpuMs(roots: readonly number[]): number {
  const stats = readStats();
  const wanted = new Set(roots);
  let total = 0;
  for (const [pid, stat] of stats) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = stats.get(p)?.ppid) {
      if (wanted.has(p)) {
        total += stat.cpuMs;
        break;
      }
    }
  }
  return total;
}

/** This process's CPU time (user + system, ms). */
export function ownCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
