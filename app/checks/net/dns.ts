import type { ResolvedHost } from '../../net/resolve';
import { resolveHost } from '../../net/resolve';
import { nativeArg } from '../../scripts/quote';
import { defineCheck } from '../define';
import type { CheckContext } from '../types';
import { apiHost, cdpEndpoints, dcHosts } from './hosts';

/** A host name the SEG must reach, with why. */
interface NamedHost {
  readonly name: string;
  readonly role: string;
}

/** One name and what resolving it gave. */
export type NameResolution = NamedHost &
  (
    | { readonly resolved: true; readonly address: string; readonly source: ResolvedHost['source']; readonly ms: number }
    | { readonly resolved: false; readonly message: string; readonly remedy: string | null }
  );

export interface DnsFacts {
  /** settings.network.dnsServer, for the command that asks it again. */
  readonly dnsServer: string;
  readonly names: readonly NameResolution[];
}

async function namesToResolve(ctx: CheckContext): Promise<NamedHost[]> {
  const s = ctx.settings;
  const names: NamedHost[] = dcHosts(s).map((d) => ({ name: d.fqdn, role: `domain controller of ${d.realm}` }));
  if (s.email.host.trim() !== '') names.push({ name: s.email.host.trim(), role: 'Exchange (EAS) server' });
  if (s.email.casArray.enabled && s.email.casArray.fqdn.trim() !== '') names.push({ name: s.email.casArray.fqdn.trim(), role: 'CAS array' });
  for (const cdp of await cdpEndpoints(ctx)) names.push({ name: cdp.host, role: `CRL distribution point (${cdp.url})` });
  const api = apiHost(s);
  if (api !== null) names.push({ name: api.host, role: 'UEM API server' });
  return names.filter((n, i) => names.findIndex((m) => m.name.toLowerCase() === n.name.toLowerCase()) === i);
}

async function gather(ctx: CheckContext): Promise<DnsFacts> {
  const options = { timeoutMs: ctx.stepTimeoutMs, signal: ctx.signal };
  const names = await Promise.all(
    (await namesToResolve(ctx)).map(async (n): Promise<NameResolution> => {
      const r = await resolveHost(n.name, ctx.settings.network, options);
      return r.ok
        ? { ...n, resolved: true, address: r.value.address, source: r.value.source, ms: r.value.ms }
        : { ...n, resolved: false, message: r.error.message, remedy: r.error.remedy ?? null };
    }),
  );
  return { dnsServer: ctx.settings.network.dnsServer, names };
}

const SOURCE_WORDS: Readonly<Record<ResolvedHost['source'], string>> = {
  literal: 'an address as given',
  'network.hosts': 'pinned in network.hosts',
  'dns-server': 'from the configured DNS server',
  system: 'from the system resolver',
};

export const dnsCheck = defineCheck<DnsFacts>({
  id: 'net.dns',
  title: 'DC, Exchange, CRL distribution point and API host names resolve',
  dependsOn: ['input.network'],
  network: true,
  gather,
  judge({ dnsServer, names }) {
    if (names.length === 0) return { status: 'skip', reason: 'No host names are set yet (KCD, Email server, UEM API steps)' };
    const evidence = names.map((n) =>
      n.resolved ? `${n.name} -> ${n.address} (${SOURCE_WORDS[n.source]}, ${n.ms} ms) [${n.role}]` : `${n.name}: ${n.message} [${n.role}]`,
    );
    const failed = names.filter((n) => !n.resolved);
    if (failed.length === 0) return { status: 'pass', evidence };
    const remedies = [...new Set(failed.map((n) => (n.resolved ? '' : (n.remedy ?? ''))))].filter((t) => t !== '');
    const server = dnsServer.trim();
    return {
      status: 'fail',
      evidence,
      remedy: `${failed.map((n) => n.name).join(', ')} ${failed.length === 1 ? 'does' : 'do'} not resolve. ${remedies.join(' ')}`,
      command: failed
        .map((n) => `Resolve-DnsName -Name ${nativeArg(n.name)}${server === '' ? '' : ` -Server ${nativeArg(server.replace(/:\d+$/, ''))}`}`)
        .join('\n'),
    };
  },
});
