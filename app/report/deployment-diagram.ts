import type { CheckFamily, CheckId } from '../contract/check-ids';
import type { CheckResult } from '../contract/check-result';
import { escapeHtml } from './html-escape';
import { rollup, STATUS_COLOUR, STATUS_WORD, type RollupStatus } from './status-rollup';

interface Path {
  readonly to: string;
  readonly label: string;
  /** Checks, or whole families, whose results colour this path. */
  readonly checks: readonly (CheckId | CheckFamily)[];
}

/** Table 1-1 of the guide: what the SEG talks to, and which checks prove each path. */
export const DEPLOYMENT_PATHS: readonly Path[] = [
  { to: 'Domain controller', label: 'Kerberos 88 · LDAP 389/636', checks: ['ad', 'krb.as', 'krb.s4u2self', 'krb.s4u2proxy', 'time.dc-skew'] },
  { to: 'CA / CDP', label: 'CRL and AIA over HTTP 80', checks: ['pki.crl-reachable', 'pki.crl-valid', 'pki.no-ldap-urls'] },
  { to: 'Exchange (EAS)', label: 'ActiveSync 443 · Negotiate', checks: ['eas'] },
  { to: 'UEM API', label: 'REST', checks: ['uem'] },
];

const DEVICE_PATH: readonly CheckId[] = ['pki.device-cert', 'pki.chain', 'pki.not-revoked'];

const NODE_WIDTH = 220;
const NODE_HEIGHT = 54;
const ROW_GAP = 90;
const DEVICE_X = 10;
const SEG_X = 330;
const SERVER_X = 830;
const SEG_Y = 20 + 1.5 * ROW_GAP;
/**
 * Where each server's path turns from the SEG towards its row: the outer paths (first and last)
 * turn first, so no two paths cross, and every path ends in a straight run long enough for its
 * label above it and its result below it.
 */
const ELBOWS = [SEG_X + NODE_WIDTH + 40, SEG_X + NODE_WIDTH + 70, SEG_X + NODE_WIDTH + 70, SEG_X + NODE_WIDTH + 40];
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function node(x: number, y: number, title: string, subtitle: string): string {
  return `<g><rect x="${x}" y="${y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="8" fill="#fff" stroke="#37474f" stroke-width="1.5"/>
<text x="${x + NODE_WIDTH / 2}" y="${y + 24}" text-anchor="middle" font-size="14" font-weight="600">${escapeHtml(title)}</text>
<text x="${x + NODE_WIDTH / 2}" y="${y + 42}" text-anchor="middle" font-size="11" fill="#546e7a">${escapeHtml(clip(subtitle, 34))}</text></g>`;
}

type Point = readonly [number, number];

interface Edge {
  readonly line: string;
  readonly label: string;
}

/**
 * A path through these points and, separately, its label (above its last straight run) and
 * result (below it): labels are drawn after every line, haloed, and never on a line.
 */
function edge(points: readonly Point[], status: RollupStatus, label: string): Edge {
  // Dashed: not shown to work end to end (nothing ran, or part of it was skipped).
  const dash = status === 'none' || status === 'skip' || status === 'partial' ? ' stroke-dasharray="6 5"' : '';
  const halo = 'paint-order="stroke" stroke="#fff" stroke-width="5" stroke-linejoin="round"';
  const [[x1, y], [x2]] = points.slice(-2) as [Point, Point];
  const labelX = (x1 + x2) / 2;
  return {
    line: `<polyline points="${points.map(([x, py]) => `${x},${py}`).join(' ')}" fill="none" stroke="${STATUS_COLOUR[status]}" stroke-width="4" stroke-linejoin="round"${dash}/>`,
    label: `<text x="${labelX}" y="${y - 8}" text-anchor="middle" font-size="11" fill="#263238" ${halo}>${escapeHtml(label)}</text>
<text x="${labelX}" y="${y + 17}" text-anchor="middle" font-size="11" font-weight="600" fill="${STATUS_COLOUR[status]}" ${halo}>${STATUS_WORD[status]}</text>`,
  };
}

/**
 * The deployment as an inline SVG: device → SEG → each server, every path coloured by its checks.
 * `checks` leaves out the skips of checks that do not apply (no CAS array): a path is "partly
 * checked" only when something that applies to it was not checked. The UEM path carries the
 * port of the settings' API URL (8443 on a dedicated API server).
 */
export function deploymentDiagram(
  checks: readonly CheckResult[],
  names: { seg: string; dc: string; exchange: string; api: string; cdp: string; apiPort: string },
): string {
  const subtitles = [names.dc, names.cdp, names.exchange, names.api];
  const labels = DEPLOYMENT_PATHS.map((p) => (p.to === 'UEM API' ? `${p.label} ${names.apiPort}` : p.label));
  const rows = DEPLOYMENT_PATHS.map((p, i) => ({
    ...p,
    label: labels[i] ?? p.label,
    y: 20 + i * ROW_GAP,
    status: rollup(checks, p.checks),
    subtitle: subtitles[i] ?? '',
  }));
  const segRight = SEG_X + NODE_WIDTH;
  const middle = SEG_Y + NODE_HEIGHT / 2;
  const edges = [
    edge(
      [
        [DEVICE_X + NODE_WIDTH, middle],
        [SEG_X, middle],
      ],
      rollup(checks, DEVICE_PATH),
      'client certificate',
    ),
    ...rows.map((r, i) => {
      // Each path leaves the SEG at a port of its own, spread over the box's right side in row order.
      const port = SEG_Y + 12 + (i * (NODE_HEIGHT - 24)) / (rows.length - 1);
      const elbow = ELBOWS[i] ?? segRight + 40;
      const end = r.y + NODE_HEIGHT / 2;
      return edge(
        [
          [segRight, port],
          [elbow, port],
          [elbow, end],
          [SERVER_X, end],
        ],
        r.status,
        r.label,
      );
    }),
  ];
  const parts = [
    ...edges.map((e) => e.line),
    ...edges.map((e) => e.label),
    node(DEVICE_X, SEG_Y, 'Device', 'certificate, no password'),
    node(SEG_X, SEG_Y, 'SEG', names.seg),
    ...rows.map((r) => node(SERVER_X, r.y, r.to, r.subtitle)),
  ];
  return `<svg role="img" aria-label="Deployment diagram: each path coloured by its checks" viewBox="0 0 ${SERVER_X + NODE_WIDTH + 10} 390" xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif">${parts.join('\n')}</svg>`;
}
