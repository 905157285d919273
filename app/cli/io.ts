import type { CoreError } from '../contract/result';
import { printable } from '../contract/control-characters';

/** What a CLI command may touch, passed in so that tests run commands in-process. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Read only when a command is told to (--secrets-stdin, --passphrase-stdin). */
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** Exit codes of product.md: 0 all pass (warnings allowed), 1 a check failed, 2 bad input or a fault of the tool. */
export const EXIT = { ok: 0, checkFailed: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export async function readAll(stream: NodeJS.ReadableStream, limitBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > limitBytes) throw new Error(`standard input is larger than ${limitBytes} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A usage or input error: printed with its remedy, as JSON too when --json was asked for. */
export function fail(io: CliIo, error: CoreError, json: boolean): ExitCode {
  if (json) io.stdout.write(`${JSON.stringify({ error }, null, 2)}\n`);
  io.stderr.write(`seg-setup: ${printable(error.message)}\n${error.remedy ? `  fix: ${printable(error.remedy)}\n` : ''}`);
  return EXIT.usage;
}
