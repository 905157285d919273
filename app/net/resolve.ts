import { lookup, Resolver } from 'node:dns/promises';
import { ipVersion } from './ip-literal';
import { err, ok, type Result } from '../contract/result';

/** Where an address came from, shown as evidence so a person knows which source to fix. */
export type AddressSource = 'literal' | 'network.hosts' | 'dns-server' | 'system';

export interface ResolvedHost {
  readonly name: string;
  readonly address: string;
  readonly source: AddressSource;
  readonly ms: number;
}

export interface NameSources {
  /** settings.network.hosts: name -> address pins, honoured by every connection. */
  readonly hosts: Readonly<Record<string, string>>;
  /** settings.network.dnsServer: an address, optionally `:port`; empty for the system resolver. */
  readonly dnsServer: string;
}

export interface ResolveOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

function canonical(name: string): string {
  return name.trim().replace(/\.$/, '').toLowerCase();
}

/** The pinned address for a name, matched without regard to case or a trailing dot. */
export function pinnedAddress(hosts: Readonly<Record<string, string>>, name: string): string | undefined {
  const wanted = canonical(name);
  for (const [key, address] of Object.entries(hosts)) {
    if (canonical(key) === wanted) return address.trim();
  }
  return undefined;
}

/** `10.0.0.53`, `10.0.0.53:5353`, `[fd00::53]:53` or `fd00::53` in the form Resolver.setServers takes. */
export function dnsServerEntry(server: string): string | null {
  const s = server.trim();
  if (ipVersion(s) !== 0) return s;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(s);
  if (v4?.[1] !== undefined && ipVersion(v4[1]) === 4 && Number(v4[2]) <= 65535) return s;
  const v6 = /^\[([0-9a-fA-F:.]+)\]:(\d{1,5})$/.exec(s);
  if (v6?.[1] !== undefined && ipVersion(v6[1]) === 6 && Number(v6[2]) <= 65535) return s;
  return null;
}

const NOT_FOUND = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN', 'EAI_NONAME', 'EAI_NODATA']);

function failure(name: string, via: string, error: unknown, timeoutMs: number): Result<never> {
  const code = (error as { code?: string }).code ?? '';
  if (NOT_FOUND.has(code)) {
    return err('dns.not-found', `${name} does not resolve (${via}: ${code})`, `Create the DNS record for ${name}, or pin it to an address in network.hosts.`);
  }
  if (code === 'ETIMEOUT' || code === 'ECANCELLED' || code === 'timeout') {
    return err(
      'dns.timeout',
      `no answer for ${name} within ${timeoutMs} ms (${via})`,
      'Check that the DNS server is reachable from here (UDP and TCP 53), or pin the name in network.hosts.',
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return err(
    'dns.failed',
    `${name} could not be resolved (${via}: ${code || message})`,
    'Check the DNS settings of this machine or network.dnsServer, or pin the name in network.hosts.',
  );
}

function timeLimit<T>(work: Promise<T>, timeoutMs: number, signal: AbortSignal | undefined, onStop: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = (code: string) => {
      onStop();
      reject(Object.assign(new Error(code), { code }));
    };
    const timer = setTimeout(() => stop('timeout'), timeoutMs);
    const onAbort = () => stop('ECANCELLED');
    signal?.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    });
  });
}

async function viaServer(name: string, server: string, options: ResolveOptions): Promise<string> {
  const resolver = new Resolver({ timeout: options.timeoutMs, tries: 1 });
  resolver.setServers([server]);
  const ask = async () => {
    try {
      const [first] = await resolver.resolve4(name);
      if (first !== undefined) return first;
    } catch (error) {
      if (!NOT_FOUND.has((error as { code?: string }).code ?? '')) throw error;
    }
    const [six] = await resolver.resolve6(name);
    if (six === undefined) throw Object.assign(new Error('ENODATA'), { code: 'ENODATA' });
    return six;
  };
  return timeLimit(ask(), options.timeoutMs, options.signal, () => resolver.cancel());
}

/**
 * One name to one address, in the order every connection of the product uses: an address
 * literal as it is, then network.hosts, then the configured DNS server, then the system
 * resolver. The system resolver (getaddrinfo) cannot be cancelled, so its wait is bounded
 * here and a late answer is ignored.
 */
export async function resolveHost(name: string, sources: NameSources, options: ResolveOptions): Promise<Result<ResolvedHost>> {
  const started = performance.now();
  const done = (address: string, source: AddressSource): Result<ResolvedHost> => ok({ name, address, source, ms: Math.round(performance.now() - started) });
  const host = name.trim();
  if (host === '') return err('dns.empty-name', 'No host name was given', 'Fill in the host name in its step.');
  if (ipVersion(host) !== 0) return done(host, 'literal');
  const pinned = pinnedAddress(sources.hosts, host);
  if (pinned !== undefined) {
    if (ipVersion(pinned) === 0) {
      return err(
        'dns.bad-pin',
        `network.hosts pins ${host} to "${pinned}", which is not an IP address`,
        `Give an IPv4 or IPv6 address for ${host} in network.hosts.`,
      );
    }
    return done(pinned, 'network.hosts');
  }
  if (sources.dnsServer.trim() !== '') {
    const server = dnsServerEntry(sources.dnsServer);
    if (server === null) {
      return err(
        'dns.bad-server',
        `The DNS server "${sources.dnsServer}" is not an IP address (optionally with :port)`,
        'Give network.dnsServer as an address, e.g. 10.1.2.53.',
      );
    }
    try {
      return done(await viaServer(host, server, options), 'dns-server');
    } catch (error) {
      return failure(host, `DNS server ${server}`, error, options.timeoutMs);
    }
  }
  try {
    const answer = await timeLimit(lookup(host, { verbatim: true }), options.timeoutMs, options.signal, () => undefined);
    return done(answer.address, 'system');
  } catch (error) {
    return failure(host, 'system resolver', error, options.timeoutMs);
  }
}
