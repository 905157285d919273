import { resolveHost } from '../../net/resolve';
import { probeTcp, type PortState } from '../../net/tcp-probe';
import { probeKdc } from '../../kerberos/client/kdc-probe';
import { krbErrorInfo } from '../../kerberos/errors';
import { nativeArg } from '../../scripts/quote';
import { defineCheck } from '../define';
import type { CheckContext, CheckOutcome } from '../types';
import { apiHost, cdpEndpoints, dcHosts } from './hosts';

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

export type RowState = PortState | 'unresolved';

/** What probing one row found: a TCP connect, or for UDP 88 a KDC's answer to an AS-REQ. */
export type PathProbe = { readonly row: PathRow } & (
  | { readonly via: 'dns'; readonly state: 'unresolved' }
  | { readonly via: 'kdc'; readonly address: string; readonly state: 'open'; readonly said: string; readonly ms: number }
  | { readonly via: 'kdc'; readonly address: string; readonly state: 'timeout' | 'unreachable'; readonly error: string }
  | { readonly via: 'tcp'; readonly address: string; readonly state: PortState; readonly ms: number; readonly detail: string | null }
);

export interface PathsFacts {
  readonly probes: readonly PathProbe[];
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

async function probeRow(ctx: CheckContext, row: PathRow): Promise<PathProbe> {
  const resolved = await resolveHost(row.host, ctx.settings.network, { timeoutMs: ctx.stepTimeoutMs, signal: ctx.signal });
  if (!resolved.ok) return { row, via: 'dns', state: 'unresolved' };
  const address = resolved.value.address;
  if (row.transport === 'UDP') {
    const client = ctx.settings.kcd.serviceAccount.trim() || 'seg-setup-probe';
    const answer = await probeKdc({ host: row.host, address, port: row.port, client, realm: row.realm ?? '' }, 'udp', ctx.stepTimeoutMs, ctx.signal);
    if (answer.ok) {
      const said = answer.value.answer.kind === 'as-rep' ? 'AS-REP' : krbErrorInfo(answer.value.answer.error.errorCode).name;
      return { row, via: 'kdc', address, state: 'open', said, ms: answer.value.ms };
    }
    return { row, via: 'kdc', address, state: answer.error.code === 'KRB_KDC_TIMEOUT' ? 'timeout' : 'unreachable', error: answer.error.message };
  }
  const probe = await probeTcp(address, row.port, ctx.stepTimeoutMs, ctx.signal);
  return { row, via: 'tcp', address, state: probe.state, ms: probe.ms, detail: probe.detail ?? null };
}

async function gather(ctx: CheckContext): Promise<PathsFacts> {
  const rows = pathRows(ctx, await cdpEndpoints(ctx));
  return { probes: await Promise.all(rows.map((row) => probeRow(ctx, row))) };
}

const STATE_WORDS: Readonly<Record<RowState, string>> = {
  open: 'open',
  refused: 'refused',
  timeout: 'filtered/timeout',
  unreachable: 'unreachable',
  unresolved: 'name does not resolve',
};

/** A probe as one line of the table. */
function probeLine(p: PathProbe): string {
  const head = `${p.row.label.padEnd(22)} ${p.row.transport} ${p.row.host}:${p.row.port}`;
  if (p.via === 'dns') return `${head}: ${STATE_WORDS.unresolved}`;
  if (p.via === 'kdc')
    return p.state === 'open'
      ? `${head} (${p.address}): open, the KDC answered ${p.said} in ${p.ms} ms`
      : `${head} (${p.address}): ${STATE_WORDS[p.state]} (${p.error})`;
  const detail = p.detail !== null && p.state !== 'refused' ? `, ${p.detail}` : '';
  return `${head} (${p.address}): ${STATE_WORDS[p.state]} in ${p.ms} ms${detail}`;
}

/** The table as a check outcome: a closed required path fails, a closed optional one (UDP 88) warns. */
function judge({ probes }: PathsFacts): CheckOutcome {
  if (probes.length === 0) return { status: 'skip', reason: 'No servers are set yet (KCD, Email server, UEM API steps)' };
  const evidence = probes.map(probeLine);
  const closed = probes.filter((r) => r.state !== 'open');
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

export const pathsCheck = defineCheck<PathsFacts>({
  id: 'net.paths',
  title: 'Communication paths of Table 1-1 are open',
  dependsOn: ['input.network'],
  network: true,
  gather,
  judge,
});
