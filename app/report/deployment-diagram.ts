import type { CheckResult } from '../checks/types';
import { escapeHtml } from './html-escape';
import { rollup, STATUS_COLOUR, STATUS_WORD, type RollupStatus } from './status-rollup';

interface Path {
  readonly to: string;
  readonly label: string;
  /** Check ids (exact) or families (ending in a dot) whose results colour this path. */
  readonly checks: readonly string[];
}

/** Table 1-1 of the guide: what the SEG talks to, and which checks prove each path. */
export const DEPLOYMENT_PATHS: readonly Path[] = [
  { to: 'Domain controller', label: 'Kerberos 88 · LDAP 389/636', checks: ['ad.', 'krb.as', 'krb.s4u2self', 'krb.s4u2proxy', 'time.dc-skew'] },
  { to: 'CA / CDP', label: 'CRL and AIA over HTTP 80', checks: ['pki.crl-reachable', 'pki.crl-valid', 'pki.no-ldap-urls'] },
  { to: 'Exchange (EAS)', label: 'ActiveSync 443 · Negotiate', checks: ['eas.'] },
  { to: 'UEM API', label: 'REST 443', checks: ['uem.'] },
];

const DEVICE_PATH = ['pki.device-cert', 'pki.chain', 'pki.not-revoked'];

const NODE_WIDTH = 220;
/** Where along a server's path its label sits (0 at the SEG, 1 at the server). */
const LABEL_AT = 0.5;
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function node(x: number, y: number, title: string, subtitle: string): string {
  return `<g><rect x="${x}" y="${y}" width="${NODE_WIDTH}" height="54" rx="8" fill="#fff" stroke="#37474f" stroke-width="1.5"/>
<text x="${x + NODE_WIDTH / 2}" y="${y + 24}" text-anchor="middle" font-size="14" font-weight="600">${escapeHtml(title)}</text>
<text x="${x + NODE_WIDTH / 2}" y="${y + 42}" text-anchor="middle" font-size="11" fill="#546e7a">${escapeHtml(clip(subtitle, 34))}</text></g>`;
}

interface Edge {
  readonly line: string;
  readonly label: string;
}

/** A path and, separately, its label and result: labels are drawn after every line, haloed, so no line crosses them. */
function edge(x1: number, y1: number, x2: number, y2: number, status: RollupStatus, label: string, labelX: number, labelY: number): Edge {
  const dash = status === 'none' || status === 'skip' ? ' stroke-dasharray="6 5"' : '';
  const halo = 'paint-order="stroke" stroke="#fff" stroke-width="5" stroke-linejoin="round"';
  return {
    line: `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${STATUS_COLOUR[status]}" stroke-width="4"${dash}/>`,
    label: `<text x="${labelX}" y="${labelY}" text-anchor="middle" font-size="11" fill="#263238" ${halo}>${escapeHtml(label)}</text>
<text x="${labelX}" y="${labelY + 15}" text-anchor="middle" font-size="11" font-weight="600" fill="${STATUS_COLOUR[status]}" ${halo}>${STATUS_WORD[status]}</text>`,
  };
}

/** The deployment as an inline SVG: device → SEG → each server, every path coloured by its checks. */
export function deploymentDiagram(checks: readonly CheckResult[], names: { seg: string; dc: string; exchange: string; api: string; cdp: string }): string {
  const subtitles = [names.dc, names.cdp, names.exchange, names.api];
  const rows = DEPLOYMENT_PATHS.map((p, i) => ({ ...p, y: 20 + i * 90, status: rollup(checks, p.checks), subtitle: subtitles[i] ?? '' }));
  const segY = 20 + 1.5 * 90;
  const segX = 360;
  const segRight = segX + NODE_WIDTH;
  const serverX = 770;
  const edges = [
    edge(10 + NODE_WIDTH, segY + 27, segX, segY + 27, rollup(checks, DEVICE_PATH), 'client certificate', (10 + NODE_WIDTH + segX) / 2, segY + 10),
    // Labels sit halfway to each server, where the fanned-out lines are far enough apart.
    ...rows.map((r) => edge(segRight, segY + 27, serverX, r.y + 27, r.status, r.label, segRight + LABEL_AT * (serverX - segRight), segY + 27 + LABEL_AT * (r.y - segY) - 4)),
  ];
  const parts = [
    ...edges.map((e) => e.line),
    ...edges.map((e) => e.label),
    node(10, segY, 'Device', 'certificate, no password'),
    node(segX, segY, 'SEG', names.seg),
    ...rows.map((r) => node(serverX, r.y, r.to, r.subtitle)),
  ];
  return `<svg role="img" aria-label="Deployment diagram: each path coloured by its checks" viewBox="0 0 1000 390" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif">${parts.join('\n')}</svg>`;
}
