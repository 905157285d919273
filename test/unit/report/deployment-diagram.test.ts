import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../app/contract/check-result';
import { deploymentDiagram } from '../../../app/report/deployment-diagram';
import type { CheckId } from '../../../app/contract/check-ids';

type Segment = { x1: number; y1: number; x2: number; y2: number };
type Box = { left: number; right: number; top: number; bottom: number; text: string };

const names = {
  seg: 'Secure Email Gateway',
  dc: 'sedc01.se.airwlab.com',
  exchange: 'semail01.se.airwlab.com:443',
  api: 'uem.se.airwlab.com:8443',
  cdp: 'pki.se.airwlab.com',
  apiPort: '8443',
};
const result = (id: CheckId, status: CheckResult['status']): CheckResult => ({
  id,
  title: id,
  status,
  evidence: [],
  remedy: null,
  command: null,
  reason: null,
  durationMs: 1,
});

function paths(svg: string): Segment[][] {
  return [...svg.matchAll(/<polyline points="([^"]+)"/g)].map((m) => {
    const points = (m[1] ?? '').split(' ').map((p) => p.split(',').map(Number) as [number, number]);
    return points.slice(1).map(([x2, y2], i) => {
      const [x1, y1] = points[i] as [number, number];
      return { x1, y1, x2, y2 };
    });
  });
}

/** Each label's extent, generously: 11 px text is at most ~6.5 px a character and sits above its baseline. */
function labels(svg: string): Box[] {
  return [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)" text-anchor="middle" font-size="11"[^>]*>([^<]+)<\/text>/g)].map((m) => {
    const [x, y, text] = [Number(m[1]), Number(m[2]), m[3] ?? ''];
    const half = (text.length * 6.5) / 2;
    return { left: x - half, right: x + half, top: y - 10, bottom: y + 3, text };
  });
}

/** A 4 px stroke along an axis-aligned segment, as a box. */
function strokeBox(s: Segment): Omit<Box, 'text'> {
  return { left: Math.min(s.x1, s.x2) - 2, right: Math.max(s.x1, s.x2) + 2, top: Math.min(s.y1, s.y2) - 2, bottom: Math.max(s.y1, s.y2) + 2 };
}

const overlap = (a: Omit<Box, 'text'>, b: Omit<Box, 'text'>) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('deployment diagram', () => {
  // The longest words a path can show: its label, and "not checked" under it.
  const svg = deploymentDiagram([result('ad.bind', 'fail')], names);

  it('draws the device path and one path per server, each of straight runs', () => {
    const drawn = paths(svg);
    expect(drawn).toHaveLength(5);
    for (const s of drawn.flat()) expect(s.x1 === s.x2 || s.y1 === s.y2).toBe(true);
  });

  it('puts no label or result on any path', () => {
    const boxes = labels(svg);
    expect(boxes.map((b) => b.text)).toEqual(expect.arrayContaining(['Kerberos 88 · LDAP 389/636', 'CRL and AIA over HTTP 80', 'failed', 'not checked']));
    for (const segment of paths(svg).flat()) {
      for (const box of boxes) expect(overlap(strokeBox(segment), box), `"${box.text}" on the path at ${JSON.stringify(segment)}`).toBe(false);
    }
  });

  it('lets no two paths cross or run over each other', () => {
    const drawn = paths(svg);
    for (let a = 0; a < drawn.length; a++) {
      for (let b = a + 1; b < drawn.length; b++) {
        for (const sa of drawn[a] ?? []) {
          for (const sb of drawn[b] ?? []) expect(overlap(strokeBox(sa), strokeBox(sb)), `paths ${a} and ${b}`).toBe(false);
        }
      }
    }
  });
});
