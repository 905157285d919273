import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { LabError, run } from './proc';

/** A value: text, or bytes (a DER certificate) as base64. */
export type DirValue = string | { readonly b64: string };

export interface DirChange {
  readonly attr: string;
  readonly action: 'add' | 'replace' | 'delete';
  readonly values: readonly DirValue[];
}

/** One directory edit, done by test/lab/directory.py through python3-samba on sam.ldb. */
export type DirOp =
  | { readonly op: 'user'; readonly name: string; readonly password: string; readonly given?: string; readonly surname?: string; readonly mail?: string }
  | { readonly op: 'computer'; readonly name: string; readonly password: string; readonly spns: readonly string[] }
  | { readonly op: 'group'; readonly name: string }
  | { readonly op: 'members'; readonly group: string; readonly members: readonly string[] }
  | { readonly op: 'modify'; readonly account: string; readonly changes: readonly DirChange[] }
  | { readonly op: 'modify'; readonly dn: string; readonly changes: readonly DirChange[] }
  | { readonly op: 'uac'; readonly account: string; readonly set?: number; readonly clear?: number }
  | { readonly op: 'setpassword'; readonly account: string; readonly password: string }
  | { readonly op: 'add'; readonly dn: string; readonly attrs: Readonly<Record<string, readonly DirValue[]>> }
  | { readonly op: 'read'; readonly account: string; readonly attrs: readonly string[] }
  | { readonly op: 'read'; readonly dn: string; readonly attrs: readonly string[] }
  /** A write straight to the partition file, past samldb's checks (duplicate SPNs). */
  | { readonly op: 'raw'; readonly account: string; readonly changes: readonly DirChange[] }
  /** Exports the keys of these principals into a keytab owned by uid/gid, mode 0600, replaced atomically. */
  | { readonly op: 'keytab'; readonly path: string; readonly principals: readonly string[]; readonly uid: number; readonly gid: number };

export interface ReadResult {
  readonly dn: string;
  readonly attrs: Readonly<Record<string, readonly string[]>>;
}

/** userAccountControl bits (MS-ADTS 2.2.16). */
export const UAC = {
  ACCOUNTDISABLE: 0x2,
  NORMAL_ACCOUNT: 0x200,
  DONT_EXPIRE_PASSWORD: 0x10000,
  NOT_DELEGATED: 0x100000,
  TRUSTED_TO_AUTH_FOR_DELEGATION: 0x1000000,
} as const;

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'directory.py');
// Debian's interpreter: a pyenv python on PATH has no samba bindings (lab-notes pitfall 1).
const PYTHON = '/usr/bin/python3';

/** Runs the ops in one python3-samba process, in order; fails on the first that fails. `env` e.g. runs it under libfaketime. */
export async function editDirectory(smbConf: string, ops: readonly DirOp[], env?: NodeJS.ProcessEnv): Promise<unknown[]> {
  const result = await run(PYTHON, [SCRIPT], {
    input: JSON.stringify({ smbConf, ops }),
    timeoutMs: 60_000,
    env: env ? { ...process.env, ...env } : process.env,
  });
  if (result.code !== 0) throw new LabError('directory', `${result.stderr.trim().split('\n').slice(-3).join(' ')} (ops: ${ops.map((o) => o.op).join(', ')})`);
  return JSON.parse(result.stdout) as unknown[];
}

export async function readEntry(smbConf: string, target: { account: string } | { dn: string }, attrs: readonly string[]): Promise<ReadResult> {
  const [entry] = await editDirectory(smbConf, [{ op: 'read', ...target, attrs }]);
  return entry as ReadResult;
}
