import type { CheckContext, CheckDefinition, CheckOutcome } from '../types';
import type { Settings } from '../../contract/settings';
import { resolveHost, type ResolvedHost } from '../../net/resolve';
import { probeTcp, type PortState } from '../../net/tcp-probe';
import { probeKdc } from '../../kerberos/client/kdc-probe';
import { pkiInputs } from '../run/pki-inputs';
import { krbErrorInfo } from '../../kerberos/errors';
import { nativeArg } from '../../scripts/quote';

/** A host name the SEG must reach, with why. */
interface NamedHost {
  readonly name: string;
  readonly role: string;
}

function dcHosts(settings: Settings): { fqdn: string; realm: string }[] {
  return settings.kcd.domains
    .filter((d) => d.dcHost.trim() !== '' && d.realm.trim() !== '')
    .map((d) => ({ fqdn: `${d.dcHost.trim()}.${d.realm.trim()}`.toLowerCase(), realm: d.realm.trim().toUpperCase() }));
}

function apiHost(settings: Settings): { host: string; port: number } | null {
  if (settings.uem.apiUrl.trim() === '') return null;
  try {
    const url = new URL(settings.uem.apiUrl.trim());
    return { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port === '' ? (url.protocol === 'http:' ? 80 : 443) : Number(url.port) };
  } catch {
    return null;
  }
}

/** HTTP CRL distribution points of the device certificate and its CAs (LDAP ones are pki.no-ldap-urls' business). */
async function cdpEndpoints(ctx: CheckContext): Promise<{ host: string; port: number; url: string }[]> {
  const inputs = await pkiInputs(ctx);
  const certs = [...(inputs.device === null ? [] : [inputs.device]), ...inputs.intermediates, ...inputs.roots];
  const out: { host: string; port: number; url: string }[] = [];
  for (const url of certs.flatMap((c) => [...c.summary.cdp, ...c.summary.freshestCrl])) {
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') continue;
      const port = u.port === '' ? (u.protocol === 'http:' ? 80 : 443) : Number(u.port);
      if (!out.some((e) => e.host === u.hostname && e.port === port)) out.push({ host: u.hostname, port, url });
    } catch {
      continue;
    }
  }
  return out;
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

const SOURCE_WORDS: Readonly<Record<ResolvedHost['source'], string>> = {
  literal: 'an address as given',
  'network.hosts': 'pinned in network.hosts',
  'dns-server': 'from the configured DNS server',
  system: 'from the system resolver',
};

const dns: CheckDefinition = {
  id: 'net.dns',
  title: 'DC, Exchange, CRL distribution point and API host names resolve',
  dependsOn: ['input.network'],
  network: true,
  async run(ctx) {
    const names = await namesToResolve(ctx);
    if (names.length === 0) return { status: 'skip', reason: 'No host names are set yet (KCD, Email server, UEM API steps)' };
    const options = { timeoutMs: ctx.stepTimeoutMs, signal: ctx.signal };
    const results = await Promise.all(names.map(async (n) => ({ n, r: await resolveHost(n.name, ctx.settings.network, options) })));
    const evidence = results.map(({ n, r }) => (r.ok ? `${n.name} -> ${r.value.address} (${SOURCE_WORDS[r.value.source]}, ${r.value.ms} ms) [${n.role}]` : `${n.name}: ${r.error.message} [${n.role}]`));
    const failed = results.filter(({ r }) => !r.ok);
    if (failed.length === 0) return { status: 'pass', evidence };
    const remedies = [...new Set(failed.map(({ r }) => (r.ok ? '' : r.error.remedy ?? '')))].filter((t) => t !== '');
    const server = ctx.settings.network.dnsServer.trim();
    return {
      status: 'fail',
      evidence,
      remedy: `${failed.map(({ n }) => n.name).join(', ')} ${failed.length === 1 ? 'does' : 'do'} not resolve. ${remedies.join(' ')}`,
      command: failed.map(({ n }) => `Resolve-DnsName -Name ${nativeArg(n.name)}${server === '' ? '' : ` -Server ${nativeArg(server.replace(/:\d+$/, ''))}`}`).join('\n'),
    };
  },
};

/** One row of the paths table: Table 1-1 of the guide. */
export interface PathRow {
  readonly label: string;
  readonly host: string;
  readonly port: number;
  readonly transport: 'TCP' | 'UDP';
  /** A failing UDP KDC path is a warning: Kerberos clients fall back to TCP. */
  readonly required: boolean;
  readonly realm?: string;
}

function pathRows(ctx: CheckContext, cdps: readonly { host: string; port: number }[]): PathRow[] {
  const s = ctx.settings;
  const rows: PathRow[] = [];
  for (const dc of dcHosts(s)) {
    rows.push({ label: 'DC Kerberos', host: dc.fqdn, port: 88, transport: 'TCP', required: true, realm: dc.realm });
    rows.push({ label: 'DC Kerberos', host: dc.fqdn, port: 88, transport: 'UDP', required: false, realm: dc.realm });
    rows.push({ label: 'DC LDAP', host: dc.fqdn, port: 389, transport: 'TCP', required: true });
    rows.push({ label: 'DC LDAPS', host: dc.fqdn, port: 636, transport: 'TCP', required: true });
  }
  for (const cdp of cdps) rows.push({ label: 'CRL distribution point', host: cdp.host, port: cdp.port, transport: 'TCP', required: true });
  if (s.email.host.trim() !== '') rows.push({ label: 'Exchange ActiveSync', host: s.email.host.trim(), port: s.email.port, transport: 'TCP', required: true });
  const api = apiHost(s);
  if (api !== null) rows.push({ label: 'UEM API', host: api.host, port: api.port, transport: 'TCP', required: true });
  return rows;
}

export type RowState = PortState | 'unresolved';

const STATE_WORDS: Readonly<Record<RowState, string>> = {
  open: 'open',
  refused: 'refused',
  timeout: 'filtered/timeout',
  unreachable: 'unreachable',
  unresolved: 'name does not resolve',
};

async function probeRow(ctx: CheckContext, row: PathRow): Promise<{ row: PathRow; state: RowState; text: string }> {
  const where = `${row.transport} ${row.host}:${row.port}`;
  const resolved = await resolveHost(row.host, ctx.settings.network, { timeoutMs: ctx.stepTimeoutMs, signal: ctx.signal });
  if (!resolved.ok) return { row, state: 'unresolved', text: `${row.label.padEnd(22)} ${where}: ${STATE_WORDS.unresolved}` };
  const address = resolved.value.address;
  if (row.transport === 'UDP') {
    const client = ctx.settings.kcd.serviceAccount.trim() || 'seg-setup-probe';
    const answer = await probeKdc({ host: row.host, address, port: row.port, client, realm: row.realm ?? '' }, 'udp', ctx.stepTimeoutMs, ctx.signal);
    if (answer.ok) {
      const said = answer.value.answer.kind === 'as-rep' ? 'AS-REP' : krbErrorInfo(answer.value.answer.error.errorCode).name;
      return { row, state: 'open', text: `${row.label.padEnd(22)} ${where} (${address}): open, the KDC answered ${said} in ${answer.value.ms} ms` };
    }
    const state: RowState = answer.error.code === 'KRB_KDC_TIMEOUT' ? 'timeout' : 'unreachable';
    return { row, state, text: `${row.label.padEnd(22)} ${where} (${address}): ${STATE_WORDS[state]} (${answer.error.message})` };
  }
  const probe = await probeTcp(address, row.port, ctx.stepTimeoutMs, ctx.signal);
  const detail = probe.detail !== undefined && probe.state !== 'refused' ? `, ${probe.detail}` : '';
  return { row, state: probe.state, text: `${row.label.padEnd(22)} ${where} (${address}): ${STATE_WORDS[probe.state]} in ${probe.ms} ms${detail}` };
}

/** The table as a check outcome: a closed required path fails, a closed optional one (UDP 88) warns. */
export function pathsOutcome(results: readonly { row: PathRow; state: RowState; text: string }[]): CheckOutcome {
  const evidence = results.map((r) => r.text);
  const closed = results.filter((r) => r.state !== 'open');
  if (closed.length === 0) return { status: 'pass', evidence };
  const list = closed.map((r) => `${r.row.transport} ${r.row.port} to ${r.row.host} (${STATE_WORDS[r.state]})`).join(', ');
  const firewall = closed.filter((r) => r.state !== 'unresolved').map((r) => `Test-NetConnection -ComputerName ${nativeArg(r.row.host)} -Port ${r.row.port}`);
  const outcome = {
    evidence,
    remedy: `Open these paths from the SEG (guide, Table 1-1): ${list}. "refused" means nothing listens there (wrong host or port, service stopped); "filtered/timeout" means a firewall drops the packets; an unresolved name is net.dns' finding.`,
    ...(firewall.length > 0 ? { command: firewall.join('\n') } : {}),
  };
  return closed.some((r) => r.row.required) ? { status: 'fail', ...outcome } : { status: 'warn', ...outcome };
}

const paths: CheckDefinition = {
  id: 'net.paths',
  title: 'Communication paths of Table 1-1 are open',
  dependsOn: ['input.network'],
  network: true,
  async run(ctx) {
    const rows = pathRows(ctx, await cdpEndpoints(ctx));
    if (rows.length === 0) return { status: 'skip', reason: 'No servers are set yet (KCD, Email server, UEM API steps)' };
    return pathsOutcome(await Promise.all(rows.map((row) => probeRow(ctx, row))));
  },
};

/** The net.* checks of product.md's catalogue. */
export const NET_CHECKS: readonly CheckDefinition[] = [dns, paths];
