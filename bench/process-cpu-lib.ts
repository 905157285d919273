import { procStat, processTree } from '../test/lab/proc';

const TICK_MS = 10; // USER_HZ is 100 on Linux

/**
 * CPU time (user + system, ms) used so far by the process trees under these PIDs: the lab's
 * servers with their prefork workers. Linux /proc, 10 ms ticks, so measure many rounds.
 */
export function treeCpuMs(roots: readonly number[]): number {
  let total = 0;
  for (const pid of processTree(roots)) {
    const fields = procStat(pid);
    if (fields !== undefined) total += (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  }
  return total;
}

/** This process's CPU time (user + system, ms). */
export function ownCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
