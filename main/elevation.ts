import { spawn } from 'node:child_process';
import { err, ok, type Result } from '../app/contract/result';

/** What the restart needs from Electron and the OS; main.ts passes the real ones, tests fakes. */
export interface ElevationHost {
  readonly platform: NodeJS.Platform;
  /** The executable to start again: the portable exe's own file, not its unpacked copy. */
  readonly executable: string;
  readonly args: readonly string[];
  /** Runs a program to its end; resolves its exit code. */
  run(command: string, args: readonly string[]): Promise<number>;
  releaseSingleInstanceLock(): void;
  requestSingleInstanceLock(): boolean;
  quit(): void;
}

/** A PowerShell single-quoted literal: nothing inside is expanded; a quote is doubled. */
const psLiteral = (value: string): string => `'${value.replace(/'/g, "''")}'`;

/**
 * Starts the app again through `Start-Process -Verb RunAs` (Windows shows its elevation
 * prompt) and quits. The single-instance lock is released first, or the elevated instance
 * would find it held and hand over to this one; it is taken back when the prompt is declined.
 */
export function relaunchElevated(host: ElevationHost): () => Promise<Result<{ readonly relaunching: true }>> {
  return async () => {
    if (host.platform !== 'win32') {
      return err(
        'app.elevation-unavailable',
        'Restarting as administrator is a Windows feature; here, start SEG KCD Setup as root or with sudo yourself.',
        'Start it again with the rights the file needs.',
      );
    }
    const argumentList = host.args.length > 0 ? ` -ArgumentList ${host.args.map(psLiteral).join(',')}` : '';
    host.releaseSingleInstanceLock();
    const code = await host
      .run('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', `Start-Process -FilePath ${psLiteral(host.executable)}${argumentList} -Verb RunAs`])
      .catch(() => -1);
    if (code !== 0) {
      host.requestSingleInstanceLock();
      return err(
        'app.elevation-declined',
        'SEG KCD Setup was not started as administrator: the Windows prompt was declined or failed.',
        'Accept the Windows prompt, or start SEG KCD Setup with "Run as administrator" (right-click its shortcut).',
      );
    }
    // After this answer has reached the window.
    setTimeout(() => host.quit(), 250);
    return ok({ relaunching: true as const });
  };
}

/** Runs a program without a shell and without a window; resolves its exit code. */
export function runHidden(command: string, args: readonly string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'ignore', windowsHide: true, timeout: 120_000 });
    child.once('error', reject);
    child.once('exit', (code) => resolve(code ?? -1));
  });
}
