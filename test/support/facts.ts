import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckId } from '../../app/contract/check-ids';

/**
 * Facts that checks gathered from the real lab (test/lab/scenario-catalogue.test.ts records
 * them with SEG_RECORD_FACTS=1): one folder per scenario ('healthy' for the lab as built),
 * one JSON file per check. Judges are unit-tested from these, without root or servers.
 */
export const FACTS_DIR = join(__dirname, '../fixtures/facts');

export function factsPath(scenario: string, id: CheckId): string {
  return join(FACTS_DIR, scenario, `${id}.json`);
}

export function hasFacts(scenario: string, id: CheckId): boolean {
  return existsSync(factsPath(scenario, id));
}

/** Recorded facts of one check under one scenario; typed by the caller (the check's Facts type). */
export function recordedFacts<F>(scenario: string, id: CheckId): F {
  return JSON.parse(readFileSync(factsPath(scenario, id), 'utf8')) as F;
}

/**
 * The shape of a JSON value: its keys and kinds, not its values. An array's shape is the
 * union of its elements' shapes, so a directory that returns the same entries in another
 * order (Samba's global catalogue does) has the same shape; an empty array matches any array.
 */
export function shapeOf(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'array' : [value.map(shapeOf).reduce(union)];
  if (typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, shapeOf(v)]),
    );
  return typeof value;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Two shapes as one: objects by the union of their keys, other kinds side by side ("null|string"). */
function union(a: unknown, b: unknown): unknown {
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return Object.fromEntries(keys.map((k) => [k, k in a && k in b ? union(a[k], b[k]) : (a[k] ?? b[k])]));
  }
  if (Array.isArray(a) && Array.isArray(b)) return [union(a[0], b[0])];
  if (a === 'array' && Array.isArray(b)) return b;
  if (b === 'array' && Array.isArray(a)) return a;
  if (JSON.stringify(a) === JSON.stringify(b)) return a;
  return [...new Set([...String(a).split('|'), ...String(b).split('|')])].sort().join('|');
}

/** True when two shapes agree, an 'array' (empty) standing for any array. */
export function sameShape(a: unknown, b: unknown): boolean {
  if (a === 'array' && (Array.isArray(b) || b === 'array')) return true;
  if (b === 'array' && Array.isArray(a)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return sameShape(a[0], b[0]);
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => k in b && sameShape(a[k], b[k]));
  }
  return a === b;
}
