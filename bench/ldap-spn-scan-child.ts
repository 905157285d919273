import type { Client } from 'ldapts';
import { createInterface } from 'node:readline';
import { openLdap } from '../app/ldap/connect';
import { findSpnsForHost } from '../app/ldap/directory';

/**
 * Child of bench/ldap-spn.ts: the product's forest-wide SPN scan in a process of its own,
 * so that its peak RSS is the scan's and not the lab builder's. One JSON job a line on
 * stdin, one JSON answer a line on stdout; the parent closes stdin when it is done.
 */
/** Node, tsx and the product's modules loaded, before any scan. */
const BASELINE_RSS_KB = Math.round(process.memoryUsage().rss / 1024);

export interface ScanJob {
  /** The DC's name (its certificate's) and the loopback address it listens on. */
  readonly host: string;
  readonly address: string;
  readonly ca: readonly string[];
  readonly bindName: string;
  readonly password: string;
  /** findSpnsForHost's short host: the filter is (servicePrincipalName=*\/<shortHost>*). */
  readonly shortHost: string;
  readonly limit: number;
  readonly timeoutMs: number;
}

export type ScanAnswer =
  | {
      readonly ok: true;
      readonly ms: number;
      readonly cpuMs: number;
      readonly entries: number;
      readonly found: number;
      readonly baselineRssKb: number;
      readonly maxRssKb: number;
    }
  | { readonly ok: false; readonly error: string };

/** Counts the entries the server sends through searchPaginated, pages passed on untouched: proof that the scan read them all. */
function countEntries(client: Client): () => number {
  let entries = 0;
  const original = client.searchPaginated.bind(client);
  client.searchPaginated = async function* (...args: Parameters<Client['searchPaginated']>) {
    for await (const page of original(...args)) {
      entries += page.searchEntries.length;
      yield page;
    }
  };
  return () => entries;
}

/** What the product does for ad.target-spn's near-miss search: connect to the GC (LDAPS 3269), bind, scan, unbind. */
async function scan(job: ScanJob): Promise<ScanAnswer> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const opened = await openLdap({ host: job.host, address: job.address, tlsPort: 3269, plainPort: 3268 }, { ca: job.ca, timeoutMs: job.timeoutMs });
  if (!opened.ok) return { ok: false, error: opened.error.message };
  const gc = opened.value.connection;
  const entries = countEntries(gc.client);
  let found: Awaited<ReturnType<typeof findSpnsForHost>>;
  try {
    await gc.client.bind(job.bindName, job.password);
    found = await findSpnsForHost(gc, job.shortHost, job.limit);
  } finally {
    await gc.client.unbind().catch(() => undefined);
  }
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  if (!found.ok) return { ok: false, error: found.error.message };
  return {
    ok: true,
    ms,
    cpuMs: (used.user + used.system) / 1000,
    entries: entries(),
    found: found.value.length,
    baselineRssKb: BASELINE_RSS_KB,
    maxRssKb: process.resourceUsage().maxRSS,
  };
}

async function main(): Promise<void> {
  for await (const line of createInterface({ input: process.stdin })) {
    if (line.trim() === '') continue;
    const answer = await scan(JSON.parse(line) as ScanJob).catch((error: unknown): ScanAnswer => ({
      ok: false,
      error: error instanceof Error ? error.message : String(error),
    }));
    process.stdout.write(`${JSON.stringify(answer)}\n`);
  }
}

void main();
