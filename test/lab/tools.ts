/**
 * The reference tools (MIT kinit/kvno, OpenLDAP ldapsearch, curl) run against a lab with
 * its own krb5.conf and CA, never the system's. Lab tests use them to prove the lab, and
 * to compare the product's own Kerberos/LDAP/HTTP code with a known-good client.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labToolEnv, type LabInfo } from './lab';
import { run, type RunResult } from './proc';

/** A folder for ccaches and downloads; remove it with cleanupScratch. */
export async function scratch(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'seg-lab-tool-'));
}

export async function cleanupScratch(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

/** kinit as an account into a ccache file; exit code 0 on success. Password on stdin, never argv. */
export function kinit(lab: LabInfo, principal: string, password: string, ccache: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  return run('kinit', [principal], { env: labToolEnv(lab, { KRB5CCNAME: `FILE:${ccache}`, ...extraEnv }), input: `${password}\n`, timeoutMs: 15_000 });
}

/**
 * MIT's S4U2Self + S4U2Proxy: with the service account's TGT in serviceCcache, gets a ticket
 * for `user` to `spn` and stores it in outCache (whose default principal is then the user,
 * as curl needs). Check the exit code: kvno prints "kvno = N" even when it fails.
 */
export function kvnoS4U(lab: LabInfo, user: string, spn: string, serviceCcache: string, outCache: string): Promise<RunResult> {
  return run('kvno', ['-U', user, '-P', spn, '--out-cache', `FILE:${outCache}`], {
    env: labToolEnv(lab, { KRB5CCNAME: `FILE:${serviceCcache}` }),
    timeoutMs: 15_000,
  });
}

export function klist(lab: LabInfo, ccache: string): Promise<RunResult> {
  return run('klist', ['-e', '-f'], { env: labToolEnv(lab, { KRB5CCNAME: `FILE:${ccache}` }), timeoutMs: 10_000 });
}

export interface LdapSearch {
  readonly bindDn: string;
  readonly password: string;
  readonly base: string;
  readonly filter?: string;
  readonly scope?: 'base' | 'one' | 'sub';
  readonly attrs?: readonly string[];
  /** StartTLS on 389 instead of LDAPS on 636. */
  readonly startTls?: boolean;
}

/** ldapsearch with a simple bind over LDAPS (or StartTLS), verifying the DC's certificate against the lab CA. */
export async function ldapsearch(lab: LabInfo, q: LdapSearch): Promise<RunResult> {
  const url = q.startTls ? ['-ZZ', '-H', lab.dc.ldapUrl] : ['-H', lab.dc.ldapsUrl];
  // -y takes a file (node's stdin pipe is a socket, which /dev/stdin cannot open); argv would show the password.
  const dir = await scratch();
  try {
    await writeFile(join(dir, 'pw'), q.password, { mode: 0o600 });
    return await run(
      'ldapsearch',
      [
        '-LLL',
        '-o',
        'ldif-wrap=no',
        '-o',
        'nettimeout=10',
        ...url,
        '-x',
        '-D',
        q.bindDn,
        '-y',
        join(dir, 'pw'),
        '-b',
        q.base,
        '-s',
        q.scope ?? 'sub',
        q.filter ?? '(objectClass=*)',
        ...(q.attrs ?? []),
      ],
      {
        env: labToolEnv(lab),
        timeoutMs: 15_000,
      },
    );
  } finally {
    await cleanupScratch(dir);
  }
}

export interface HttpResult {
  readonly status: number;
  /** Headers of the last response, names lower-cased, repeated headers kept in order. */
  readonly headers: readonly (readonly [string, string])[];
  readonly body: Buffer;
  readonly curl: RunResult;
}

export interface HttpRequest {
  readonly method?: string;
  /** Negotiate with the default principal of this ccache. */
  readonly negotiateCcache?: string;
  readonly basic?: { readonly user: string; readonly password: string };
  /** Extra request headers (e.g. aw-tenant-code); not for secrets other than such API keys. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/** One HTTP(S) request with curl, lab names pinned to their addresses (--resolve: no DNS). */
export async function http(lab: LabInfo, url: string, req: HttpRequest = {}): Promise<HttpResult> {
  const u = new URL(url);
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  const address = lab.hosts[u.hostname];
  const dir = await scratch();
  try {
    const args = [
      '-s',
      '-S',
      '-o',
      join(dir, 'body'),
      '-D',
      join(dir, 'headers'),
      '-w',
      '%{http_code}',
      '--max-time',
      String((req.timeoutMs ?? 10_000) / 1000),
      '--cacert',
      lab.pki.chain,
      '-X',
      req.method ?? 'GET',
    ];
    if (address) args.push('--resolve', `${u.hostname}:${port}:${address}`);
    if (req.negotiateCcache) args.push('--negotiate', '-u', ':');
    for (const [name, value] of Object.entries(req.headers ?? {})) args.push('-H', `${name}: ${value}`);
    if (req.basic) args.push('--basic', '-K', '-');
    const config = req.basic ? `user = "${req.basic.user}:${req.basic.password.replace(/(["\\])/g, '\\$1')}"\n` : '';
    const env = labToolEnv(lab, req.negotiateCcache ? { KRB5CCNAME: `FILE:${req.negotiateCcache}` } : {});
    const result = await run('curl', [...args, url], { env, input: config, timeoutMs: (req.timeoutMs ?? 10_000) + 5_000 });
    const rawHeaders = await readFile(join(dir, 'headers'), 'utf8').catch(() => '');
    const blocks = rawHeaders.split(/\r?\n\r?\n/).filter((b) => b.trim() !== '');
    const last = blocks[blocks.length - 1] ?? '';
    const headers = last
      .split(/\r?\n/)
      .slice(1)
      .map((line): [string, string] => {
        const i = line.indexOf(':');
        return [line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim()];
      });
    return { status: Number(result.stdout.trim()) || 0, headers, body: await readFile(join(dir, 'body')).catch(() => Buffer.alloc(0)), curl: result };
  } finally {
    await cleanupScratch(dir);
  }
}

export function headerValues(res: HttpResult, name: string): string[] {
  return res.headers.filter(([n]) => n === name.toLowerCase()).map(([, v]) => v);
}
