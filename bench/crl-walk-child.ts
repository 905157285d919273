/**
 * One measured walk of a CRL file, run in its own process by bench/crl.ts so that its peak
 * RSS is ours alone. Prints one JSON line: walk time, entries, signature, RSS before and peak.
 */
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readCrl } from '../app/pki/crl-source';

/**
 * VmHWM of this process's own memory map. getrusage's maxRSS is no use here: Linux carries
 * the parent's high-water mark across exec, so it would report the bench's own 150 MB.
 */
function peakRss(): number {
  const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  if (m?.[1] === undefined) throw new Error('no VmHWM in /proc/self/status');
  return Number(m[1]) * 1024;
}

async function main(): Promise<void> {
  const [file, keyFile, serial] = process.argv.slice(2);
  if (file === undefined || keyFile === undefined) throw new Error('usage: crl-walk-child FILE KEY.pem [SERIAL]');
  const issuerKey = createPublicKey(readFileSync(keyFile));
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const read = await readCrl({ kind: 'file', path: file }, { maxBytes: 1024 * 1024 * 1024, issuerKey, lookFor: serial === undefined ? [] : [serial] });
  const ms = performance.now() - started;
  if (!read.ok) throw new Error(read.error.message);
  const { facts } = read.value;
  process.stdout.write(
    `${JSON.stringify({
      ms,
      entries: facts.entryCount,
      signature: facts.signature,
      found: facts.found.size,
      rssBefore,
      maxRss: peakRss(),
    })}\n`,
  );
}

void main();
