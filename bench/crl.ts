/**
 * `npx tsx bench/crl.ts [entries]`: a CRL with 10^6 entries (by default) signed by a test CA,
 * written byte by byte (openssl ca -gencrl with 10^6 index lines takes far too long), then
 * read by our streaming walker (signature verified, one serial looked up) and by
 * `openssl crl -noout`, on the same file. Our walker runs bundled under plain node in its
 * own process, so its peak RSS is measured without the test tooling.
 *
 * Targets (issue 7): time ratio ours/openssl <= 0.5; our peak RSS <= 2x the file size.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { buildCrl, der, extension, integer, manyEntries, manyEntriesSerial, oid } from '../test/fixtures/pki/crl-builder';
import { median, reportRow } from './table-lib';

const RUNS = 3;

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function main(): void {
  const count = Number(process.argv[2] ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'seg-bench-crl-'));
  try {
    const made = performance.now();
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const issuer = der(0x30, der(0x31, der(0x30, oid('2.5.4.3'), der(0x0c, Buffer.from('Bench Issuing CA')))));
    const now = new Date();
    const entries = manyEntries(count, new Date(now.getTime() - 86_400_000));
    const crl = buildCrl({
      issuer,
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + 7 * 86_400_000),
      entries,
      extensions: [extension('2.5.29.20', false, integer(4096n))],
      key: privateKey,
      algorithm: 'sha256WithRSAEncryption',
    });
    const file = join(dir, 'bench.crl');
    writeFileSync(file, crl);
    const keyFile = join(dir, 'ca-key.pem');
    writeFileSync(keyFile, publicKey.export({ type: 'spki', format: 'pem' }));
    // The issuer as a certificate, for `seg-setup check-crl --issuer` (same name, same key).
    const privateFile = join(dir, 'ca-private.pem');
    writeFileSync(privateFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const caFile = join(dir, 'ca.pem');
    execFileSync('openssl', ['req', '-x509', '-new', '-key', privateFile, '-subj', '/CN=Bench Issuing CA', '-days', '2', '-out', caFile], { stdio: 'ignore' });
    const serial = manyEntriesSerial(entries, Math.floor(count * 0.73));
    const size = statSync(file).size;
    console.log(`CRL: ${count.toLocaleString('en-US')} entries, ${mb(size)}, written in ${Math.round(performance.now() - made)} ms (${file})`);

    const child = join(dir, 'crl-walk-child.cjs');
    buildSync({ entryPoints: [join(__dirname, 'crl-walk-child.ts')], bundle: true, platform: 'node', target: 'node20', outfile: child, logLevel: 'error' });

    const ours: Array<{ ms: number; wall: number; maxRss: number; rssBefore: number; entries: number; signature: string; found: number }> = [];
    const theirs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      // A clean environment: tsx's loader options must not reach the measured process.
      const out = execFileSync(process.execPath, [child, file, keyFile, serial], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
      const wall = performance.now() - t0;
      ours.push({ ...(JSON.parse(out) as (typeof ours)[number]), wall });
      const t1 = performance.now();
      const ref = spawnSync('openssl', ['crl', '-inform', 'DER', '-in', file, '-noout'], { encoding: 'utf8' });
      theirs.push(performance.now() - t1);
      if (ref.status !== 0) throw new Error(`openssl crl failed: ${ref.stderr}`);
    }
    const first = ours[0] as (typeof ours)[number];
    if (first.entries !== count || first.signature !== 'valid' || first.found !== 1) {
      throw new Error(`walker result wrong: ${JSON.stringify(first)}`);
    }
    const ourMs = median(ours.map((o) => o.ms));
    const ourWall = median(ours.map((o) => o.wall));
    const refMs = median(theirs);
    const peak = Math.max(...ours.map((o) => o.maxRss));
    const growth = Math.max(...ours.map((o) => o.maxRss - o.rssBefore));
    const ratio = ourMs / refMs;
    const rssRatio = peak / size;
    const rows: Array<[string, string, string, string]> = [
      ['measure', 'ours', 'openssl crl -noout', 'target'],
      ['time (median of 3)', `${ourMs.toFixed(0)} ms walk (${ourWall.toFixed(0)} ms incl. node start)`, `${refMs.toFixed(0)} ms`, ''],
      ['time ratio ours/openssl', ratio.toFixed(2), '', `<= 0.50 ${ratio <= 0.5 ? 'MET' : 'MISSED'}`],
      ['with incl. node start', (ourWall / refMs).toFixed(2), '', ''],
      ['peak RSS', `${mb(peak)} (growth during walk ${mb(growth)})`, '', ''],
      ['peak RSS / file size', rssRatio.toFixed(2), '', `<= 2.00 ${rssRatio <= 2 ? 'MET' : 'MISSED'}`],
      ['signature over TBSCertList', first.signature, 'not checked', ''],
    ];
    // The CLI as a whole process (issue 21, item 4): peak RSS above its own idle peak (the same
    // command loaded, doing nothing: --help), against the CRL's size; and its time against openssl.
    const cli = join(__dirname, 'cli-maxrss.cjs');
    const maxRss = (args: string[]): { kb: number; ms: number } => {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
      const ms = performance.now() - t0;
      const kb = Number(/##maxrss (\d+)/.exec(r.stderr)?.[1]);
      if (!Number.isFinite(kb) || kb === 0) throw new Error(`check-crl: ${r.stderr.slice(0, 300)}`);
      return { kb, ms };
    };
    const idle = Math.max(...[0, 1, 2].map(() => maxRss(['check-crl', '--help']).kb));
    const runs = [0, 1, 2].map(() => maxRss(['check-crl', file, '--issuer', caFile, '--json']));
    const cliPeak = Math.max(...runs.map((r) => r.kb));
    const cliMs = median(runs.map((r) => r.ms));
    const aboveIdle = ((cliPeak - idle) * 1024) / size;
    console.log(`seg-setup check-crl (process): peak RSS ${mb(cliPeak * 1024)}, idle peak ${mb(idle * 1024)}, ${cliMs.toFixed(0)} ms (median of 3)`);
    const okCliRss = reportRow({
      measure: 'check-crl peak RSS above idle, per CRL byte',
      ours: `${mb((cliPeak - idle) * 1024)} for ${mb(size)}`,
      reference: 'the CRL file',
      ratio: aboveIdle,
      target: 0.5,
    });
    const okCliTime = reportRow({
      measure: `check-crl, ${count.toLocaleString('en-US')} entries (process)`,
      ours: `${cliMs.toFixed(0)} ms`,
      reference: `openssl crl -noout: ${refMs.toFixed(0)} ms`,
      ratio: cliMs / refMs,
      target: 0.5,
    });
    reportRow({
      measure: `CRL walk, ${count.toLocaleString('en-US')} entries (in process)`,
      ours: `${ourMs.toFixed(0)} ms`,
      reference: `openssl crl -noout: ${refMs.toFixed(0)} ms`,
      ratio,
      target: 0.5,
    });
    reportRow({ measure: 'CRL walk peak RSS per CRL byte', ours: mb(peak), reference: mb(size), ratio: rssRatio, target: 2 });
    if (!okCliRss || !okCliTime) process.exitCode = 1;
    const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c]?.length ?? 0)));
    for (const r of rows)
      console.log(
        r
          .map((cell, c) => cell.padEnd(widths[c] as number))
          .join('  ')
          .trimEnd(),
      );
    if (ratio > 0.5 || rssRatio > 2) process.exitCode = 1;
  } finally {
    if (process.env.KEEP !== '1') rmSync(dir, { recursive: true, force: true });
  }
}

main();
