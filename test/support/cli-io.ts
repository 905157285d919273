import { PassThrough, Readable } from 'node:stream';
import type { CliIo } from '../../app/cli/io';

export interface CapturedIo extends CliIo {
  out(): string;
  err(): string;
}

/** In-process streams for running CLI commands in tests; `tty` makes them look like a terminal. */
export function captureIo(options: { env?: NodeJS.ProcessEnv; stdin?: string; cwd?: string; tty?: boolean } = {}): CapturedIo {
  const stdout = Object.assign(new PassThrough(), { isTTY: options.tty ?? false });
  const stderr = Object.assign(new PassThrough(), { isTTY: options.tty ?? false });
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += String(d)));
  stderr.on('data', (d) => (err += String(d)));
  return {
    stdout,
    stderr,
    stdin: Readable.from([options.stdin ?? '']),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    out: () => out,
    err: () => err,
  };
}
