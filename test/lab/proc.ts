import { spawn } from 'node:child_process';
import { openSync, closeSync, readFileSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';

/** A lab step that could not be done; `step` names it so a failed start says where. */
export class LabError extends Error {
  constructor(
    readonly step: string,
    message: string,
  ) {
    super(`lab: ${step}: ${message}`);
    this.name = 'LabError';
  }
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly input?: string;
  readonly cwd?: string;
  readonly timeoutMs?: number;
}

/** Runs a program to its end (argv, never a shell) and returns its exit code and output. */
export function run(cmd: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: options.timeoutMs ?? 60_000,
      killSignal: 'SIGKILL',
    });
    const out: Buffer[] = [];
    const errOut: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => errOut.push(b));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(errOut).toString('utf8') + (signal ? `\n(killed by ${signal})` : ''),
      });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** Like run, but a non-zero exit is a LabError carrying the program's own words. */
export async function runOk(step: string, cmd: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const result = await run(cmd, args, options);
  if (result.code !== 0) {
    const words = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-8).join('\n');
    throw new LabError(step, `${cmd} ${args.join(' ')} exited ${result.code}: ${words}`);
  }
  return result;
}

/**
 * A server process the lab started. Samba rewrites its process title, so a PID is
 * recognised by its kernel start time instead: a recycled PID of someone else's program
 * has another one and is never signalled.
 */
export interface LabProcess {
  readonly pid: number;
  /** Field 22 of /proc/<pid>/stat (clock ticks since boot); survives exec and title changes. */
  readonly startTime: string;
}

/**
 * The fields of /proc/<pid>/stat after the command name: [0] state, [1] ppid, [11] utime,
 * [12] stime, [19] starttime. Undefined when the process is gone.
 */
export function procStat(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: split after its last ')'.
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** PIDs of these processes and all their descendants (samba's prefork workers, apache's children). */
export function processTree(roots: readonly number[]): Set<number> {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = Number(procStat(Number(entry))?.[1]);
    if (ppid) parent.set(Number(entry), ppid);
  }
  const out = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (out.has(ppid) && !out.has(pid)) {
        out.add(pid);
        grew = true;
      }
    }
  }
  return out;
}

/** Running (not a zombie) and still the process that was started. */
export function isRunning(proc: LabProcess): boolean {
  if (proc.pid <= 0) return false;
  const fields = procStat(proc.pid);
  // After the name: [0] state, ... [19] starttime.
  return fields !== undefined && fields[0] !== 'Z' && fields[19] === proc.startTime;
}

/**
 * Starts a long-running server detached from this process (so `npm run lab -- up` can exit
 * and leave it running), stdout/stderr appended to logFile. Every stop goes by the returned
 * PID and start time, never by a program name.
 */
export function startDaemon(cmd: string, args: readonly string[], logFile: string, env: NodeJS.ProcessEnv, cwd?: string): LabProcess {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ['ignore', fd, fd] });
    const pid = child.pid;
    const startTime = pid === undefined ? undefined : procStat(pid)?.[19];
    if (pid === undefined || startTime === undefined) throw new LabError('start', `${cmd} did not start`);
    child.unref();
    return { pid, startTime };
  } finally {
    closeSync(fd);
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** SIGTERM to one recorded process, then waits for it to exit (SIGKILL after graceMs). */
export async function stopProcess(proc: LabProcess, graceMs = 10_000): Promise<void> {
  if (!isRunning(proc)) return;
  process.kill(proc.pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isRunning(proc)) {
    if (Date.now() > deadline) {
      process.kill(proc.pid, 'SIGKILL');
      await sleep(300);
      if (isRunning(proc)) throw new LabError('stop', `PID ${proc.pid} did not exit after SIGKILL`);
      return;
    }
    await sleep(50);
  }
}

/** True when something accepts a TCP connection on host:port within timeoutMs. */
export function portAnswers(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Waits until nothing accepts connections on these ports any more (a server's children have exited too). */
export async function waitForPortsClosed(host: string, ports: readonly number[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await Promise.all(ports.map((port) => portAnswers(host, port, 300)))).some(Boolean)) {
    if (Date.now() > deadline) throw new LabError('stop', `${host} still answers on one of ${ports.join(', ')} after ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** Waits until a TCP port accepts connections (the server is ready); fails early when proc has exited. */
export async function waitForPort(host: string, port: number, timeoutMs: number, proc?: LabProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await portAnswers(host, port))) {
    if (proc !== undefined && !isRunning(proc)) throw new LabError('wait', `PID ${proc.pid} exited before ${host}:${port} opened`);
    if (Date.now() > deadline) throw new LabError('wait', `${host}:${port} did not open within ${timeoutMs} ms`);
    await sleep(100);
  }
}
