/**
 * Verify at a real site's latency (issue 21, item 3). Every lab service is put behind a relay
 * on loopback that holds each chunk 10 ms in each direction (TCP, and UDP for the KDC), and the
 * settings pin every name to the relays. Then the whole catalogue runs against its slowest
 * single check (with the checks it depends on) at that latency: target at most 1.3x. The
 * round trips each family spends, and those of the slowest check's path, are printed per
 * service (KDC, LDAP, GC, HTTPS to Exchange, HTTP to the CDP, the UEM API): connections opened
 * and answers waited for.
 */
import { chmod, mkdtemp } from 'node:fs/promises';
import { CATALOGUE } from '../app/checks/catalogue';
import { runChecks } from '../app/checks/runner';
import { selectChecks } from '../app/checks/selection';
import { familyOf, type CheckFamily, type CheckId } from '../app/contract/check-ids';
import type { Settings } from '../app/contract/settings';
import { claimPair, releasePair } from '../test/lab/addresses';
import { destroyLab, labSecrets, labSettings, startLab, type LabInfo } from '../test/lab/lab';
import { tcpRelay, udpRelay, type Relay } from './latency-relay-lib';
import { median, reportRow } from './table-lib';

const DELAY_MS = 10;
const ROUNDS = 3;
const SERVICES: Readonly<Record<number, string>> = {
  88: 'KDC',
  389: 'LDAP',
  636: 'LDAPS',
  3268: 'GC',
  3269: 'GC TLS',
  80: 'HTTP (CDP/AIA)',
  443: 'HTTPS (Exchange)',
  8443: 'UEM API',
};

/** The relay address in front of a lab address: same /24, host part + 100 (the lab uses .1 and .2). */
const relayAddress = (address: string) => address.replace(/\.(\d+)$/, (_, n: string) => `.${Number(n) + 100}`);

async function relays(lab: LabInfo): Promise<Relay[]> {
  const dc = lab.dc.address;
  const web = lab.web.address;
  return Promise.all([
    ...[88, 389, 636, 3268, 3269].map((p) => tcpRelay(relayAddress(dc), dc, p, DELAY_MS)),
    udpRelay(relayAddress(dc), dc, 88, DELAY_MS),
    ...[80, 443, 8443].map((p) => tcpRelay(relayAddress(web), web, p, DELAY_MS)),
  ]);
}

function relayedSettings(lab: LabInfo): Settings {
  const s = labSettings(lab);
  return {
    ...s,
    network: { ...s.network, hosts: Object.fromEntries(Object.entries(s.network.hosts).map(([name, address]) => [name, relayAddress(address)])) },
  };
}

async function run(lab: LabInfo, settings: Settings, only?: readonly string[]): Promise<number> {
  const selection = selectChecks(CATALOGUE, only);
  if (!selection.ok) throw new Error(`unknown: ${selection.unknown.join(', ')}`);
  const t0 = performance.now();
  const results = await runChecks(selection.checks, { settings, secrets: labSecrets(lab), baseDir: lab.dir });
  const ms = performance.now() - t0;
  const failed = results.filter((r) => r.status === 'fail');
  if (failed.length > 0) throw new Error(`checks failed behind the relays: ${failed.map((r) => `${r.id} (${r.evidence.join('; ')})`).join(', ')}`);
  return ms;
}

function spent(all: readonly Relay[]): string {
  return all
    .filter((r) => r.count.connections > 0)
    .map((r) => `${SERVICES[r.port] ?? r.port}${r.udp ? '/udp' : ''} ${r.count.connections} conn, ${r.count.roundTrips} RT`)
    .join('; ');
}

async function main(): Promise<number> {
  const pair = await claimPair();
  const dir = await mkdtemp('/var/tmp/seg-kcd-bench-');
  await chmod(dir, 0o755);
  const lab = await startLab({ ...pair, dir });
  const all = await relays(lab);
  try {
    const settings = relayedSettings(lab);
    await run(lab, settings); // warm-up: compile the code, and fail early if a relay is wrong
    const wholeRuns: number[] = [];
    for (let i = 0; i < ROUNDS; i++) wholeRuns.push(await run(lab, settings));
    const whole = median(wholeRuns);
    all.forEach((r) => r.reset());
    await run(lab, settings);
    console.log(`whole catalogue at ${DELAY_MS} ms each way: ${whole.toFixed(0)} ms (median of ${ROUNDS}); spent: ${spent(all)}`);

    const singles = new Map<CheckId, number>();
    for (const check of CATALOGUE) {
      const t: number[] = [];
      for (let i = 0; i < ROUNDS; i++) t.push(await run(lab, settings, [check.id]));
      singles.set(check.id, median(t));
    }
    const [slowestId, slowestMs] = [...singles].sort((a, b) => b[1] - a[1])[0] as [CheckId, number];
    all.forEach((r) => r.reset());
    await run(lab, settings, [slowestId]);
    console.log(`critical path: ${slowestId} with its dependencies, ${slowestMs.toFixed(0)} ms; spent: ${spent(all)}`);
    const families = [...new Set(CATALOGUE.map((c) => familyOf(c.id)))] as CheckFamily[];
    for (const family of families) {
      all.forEach((r) => r.reset());
      const ms = await run(lab, settings, [`${family}.*`]);
      console.log(`  ${family.padEnd(6)} ${ms.toFixed(0).padStart(6)} ms  ${spent(all) || 'no network'}`);
    }
    return reportRow({
      measure: `whole catalogue at ${DELAY_MS} ms each way`,
      ours: `${whole.toFixed(0)} ms`,
      reference: `slowest single ${slowestId}: ${slowestMs.toFixed(0)} ms`,
      ratio: whole / slowestMs,
      target: 1.3,
    })
      ? 0
      : 1;
  } finally {
    await Promise.all(all.map((r) => r.close()));
    await destroyLab(lab);
    await releasePair(pair);
  }
}

void main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(2);
  },
);
