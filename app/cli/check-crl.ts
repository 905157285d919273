import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { decodeCertificates } from '../pki/certificate-import';
import { nameText, type Certificate } from '../pki/certificate';
import { DEFAULT_MAX_CRL_BYTES, readCrl, type CrlSource } from '../pki/crl-source';
import { normaliseSerial, type CrlEntry, type CrlFacts } from '../pki/crl-walker';
import { DerError } from '../pki/der';
import { when } from '../pki/describe';
import { EXIT, type CliIo, type ExitCode } from './io';

export const CHECK_CRL_USAGE = `Usage: seg-setup check-crl URL|FILE [--issuer CA.pem] [--serial HEX]... [--list] [--json]
                           [--host NAME=ADDRESS]... [--timeout-ms N] [--max-mb N]

Reads one CRL (downloaded or from a file) as a stream and prints its issuer, numbers,
validity, entry count, size and the time it took. With --issuer (PEM, DER or P7B of the CA)
the signature is verified; each --serial is looked up (revocation date and reason); --list
prints every entry. --host pins a name to an address, as network.hosts does.

Exit codes: 0 the CRL is readable, current and (with --issuer) correctly signed, and no
--serial is on it; 1 it is expired, badly signed, or a --serial is revoked; 2 bad arguments,
unreachable or malformed CRL.
`;

interface Args {
  readonly target: string;
  readonly issuer: string | null;
  readonly serials: readonly string[];
  readonly list: boolean;
  readonly json: boolean;
  readonly hosts: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

function parseArgs(argv: readonly string[]): Args | string {
  let target: string | null = null;
  let issuer: string | null = null;
  const serials: string[] = [];
  const hosts: Record<string, string> = {};
  let list = false;
  let json = false;
  let timeoutMs = 10_000;
  let maxBytes = DEFAULT_MAX_CRL_BYTES;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const value = (): string | null => {
      const v = argv[i + 1];
      i++;
      return v === undefined ? null : v;
    };
    if (arg === '--issuer') {
      issuer = value();
      if (issuer === null) return '--issuer needs a file';
    } else if (arg === '--serial') {
      const v = value();
      if (v === null) return '--serial needs a value';
      try {
        serials.push(normaliseSerial(v));
      } catch (e) {
        return (e as DerError).message.replace(/ \(at byte \d+\)$/, '');
      }
    } else if (arg === '--host') {
      const m = /^([^=\s]+)=(\S+)$/.exec(value() ?? '');
      if (m === null) return '--host takes NAME=ADDRESS';
      hosts[m[1] as string] = m[2] as string;
    } else if (arg === '--timeout-ms') {
      timeoutMs = Number(value());
      if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 600_000) return '--timeout-ms takes a whole number from 100 to 600000';
    } else if (arg === '--max-mb') {
      const mb = Number(value());
      if (!Number.isFinite(mb) || mb <= 0 || mb > 4096) return '--max-mb takes a number from 1 to 4096';
      maxBytes = Math.round(mb * 1024 * 1024);
    } else if (arg === '--list') list = true;
    else if (arg === '--json') json = true;
    else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else if (target === null) target = arg;
    else return `only one CRL at a time (got ${target} and ${arg})`;
  }
  if (target === null) return 'give the CRL URL or file';
  return { target, issuer, serials, list, json, hosts, timeoutMs, maxBytes };
}

async function loadIssuer(path: string, cwd: string): Promise<Certificate | string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(isAbsolute(path) ? path : resolve(cwd, path));
  } catch (e) {
    return `--issuer ${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`;
  }
  const decoded = await decodeCertificates({ bytes });
  if (!decoded.ok) return `--issuer ${path}: ${decoded.error.message}`;
  const ca = decoded.value.certificates.find((c) => c.summary.isCa) ?? decoded.value.certificates[0];
  return ca ?? `--issuer ${path} holds no certificate`;
}

/** Problems that make the CRL unusable for revocation checking, in words. */
function problems(facts: CrlFacts, issuer: Certificate | null, serials: readonly string[], now: number): string[] {
  const out: string[] = [];
  if (facts.signature === 'invalid') out.push(`signature does not verify: ${facts.signatureProblem ?? ''}`.trim());
  if (issuer !== null && !facts.issuer.equals(issuer.subjectDer) && nameText(facts.issuer) !== issuer.summary.subject) {
    out.push(`issued by "${nameText(facts.issuer)}", not by --issuer "${issuer.summary.subject}"`);
  }
  if (facts.thisUpdate.getTime() > now + 5 * 60_000) out.push('thisUpdate is in the future');
  if (facts.nextUpdate !== null && facts.nextUpdate.getTime() <= now) out.push('expired (nextUpdate has passed)');
  if (facts.extensions.unknownCritical.length > 0) out.push(`unknown critical extensions ${facts.extensions.unknownCritical.join(', ')}`);
  for (const serial of serials) {
    const e = facts.found.get(serial);
    if (e !== undefined) out.push(`serial ${serial} is revoked (${when(e.revokedAt)}, ${e.reason ?? 'no reason'})`);
  }
  return out;
}

/**
 * `seg-setup check-crl`: one CRL, streamed through the walker. The CLI's main.ts routes the
 * `check-crl` subcommand here with the arguments after it.
 */
export async function runCheckCrl(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(CHECK_CRL_USAGE);
    return EXIT.ok;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') {
    io.stderr.write(`seg-setup check-crl: ${args}\n\n${CHECK_CRL_USAGE}`);
    return EXIT.usage;
  }
  const issuer = args.issuer === null ? null : await loadIssuer(args.issuer, io.cwd);
  if (typeof issuer === 'string') {
    io.stderr.write(`seg-setup check-crl: ${issuer}\n`);
    return EXIT.usage;
  }
  const source: CrlSource = /^https?:\/\//i.test(args.target)
    ? { kind: 'url', url: args.target }
    : { kind: 'file', path: isAbsolute(args.target) ? args.target : resolve(io.cwd, args.target) };
  const onEntry = args.list && !args.json ? (e: CrlEntry) => void io.stdout.write(`${e.serial}  ${when(e.revokedAt)}  ${e.reason ?? '-'}\n`) : undefined;
  const read = await readCrl(source, {
    maxBytes: args.maxBytes,
    lookFor: args.serials,
    ...(issuer !== null ? { issuerKey: issuer.node.publicKey } : {}),
    ...(onEntry !== undefined ? { onEntry } : {}),
    http: { hosts: args.hosts, dnsServer: '', timeoutMs: args.timeoutMs, totalMs: Math.max(args.timeoutMs * 10, 60_000) },
  });
  if (!read.ok) {
    if (args.json) io.stdout.write(`${JSON.stringify({ ok: false, error: read.error }, null, 2)}\n`);
    else io.stderr.write(`seg-setup check-crl: ${read.error.message}\n${read.error.remedy ? `${read.error.remedy}\n` : ''}`);
    return EXIT.usage;
  }
  const { facts, ms, address } = read.value;
  const found = problems(facts, issuer, args.serials, Date.now());
  if (args.json) {
    io.stdout.write(`${JSON.stringify(toJson(args.target, facts, ms, address, args.serials, found), null, 2)}\n`);
  } else {
    io.stdout.write(toText(args.target, facts, ms, address, issuer, args.serials, found));
  }
  return found.length === 0 ? EXIT.ok : EXIT.checkFailed;
}

function toJson(target: string, facts: CrlFacts, ms: number, address: string | null, serials: readonly string[], found: readonly string[]) {
  return {
    ok: found.length === 0,
    source: target,
    address,
    issuer: nameText(facts.issuer),
    version: facts.version,
    signatureAlgorithm: facts.signatureAlgorithm,
    signature: facts.signature,
    crlNumber: facts.extensions.crlNumber?.toString() ?? null,
    deltaBaseCrlNumber: facts.extensions.deltaBase?.toString() ?? null,
    authorityKeyId: facts.extensions.authorityKeyId,
    freshestCrl: facts.extensions.freshestCrlUrls,
    thisUpdate: facts.thisUpdate.toISOString(),
    nextUpdate: facts.nextUpdate?.toISOString() ?? null,
    entries: facts.entryCount,
    bytes: facts.byteLength,
    ms,
    serials: serials.map((s) => {
      const e = facts.found.get(s);
      return e === undefined ? { serial: s, revoked: false } : { serial: s, revoked: true, revokedAt: e.revokedAt.toISOString(), reason: e.reason };
    }),
    problems: found,
  };
}

function toText(
  target: string,
  facts: CrlFacts,
  ms: number,
  address: string | null,
  issuer: Certificate | null,
  serials: readonly string[],
  found: readonly string[],
): string {
  const rows: Array<[string, string]> = [
    ['CRL', `${target}${address === null ? '' : ` (${address})`}`],
    ['issuer', nameText(facts.issuer)],
    [
      'signature',
      facts.signature === 'not-checked'
        ? `${facts.signatureAlgorithm}, not checked (give --issuer)`
        : `${facts.signature} (${facts.signatureAlgorithm}, key of ${issuer?.summary.subject ?? '?'})`,
    ],
    [
      'CRL number',
      `${facts.extensions.crlNumber?.toString() ?? 'none'}${facts.extensions.deltaBase === null ? '' : ` (delta of base ${facts.extensions.deltaBase.toString()})`}`,
    ],
    ['thisUpdate', when(facts.thisUpdate)],
    ['nextUpdate', facts.nextUpdate === null ? 'none' : when(facts.nextUpdate)],
    ['entries', facts.entryCount.toLocaleString('en-US')],
    ['size', `${facts.byteLength.toLocaleString('en-US')} bytes`],
    ['time', `${ms} ms`],
  ];
  for (const url of facts.extensions.freshestCrlUrls) rows.push(['delta CRL at', url]);
  for (const s of serials) {
    const e = facts.found.get(s);
    rows.push(['serial', `${s} ${e === undefined ? 'not on this CRL' : `REVOKED ${when(e.revokedAt)} ${e.reason ?? ''}`.trim()}`]);
  }
  for (const p of found) rows.push(['PROBLEM', p]);
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(width)}  ${v}\n`).join('');
}
