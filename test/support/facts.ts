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
 * The shape of a JSON value: its keys and kinds, not its values. Empty arrays match any
 * array, so a list that is empty in one run and full in another is not a change of shape.
 */
export function shapeOf(value: unknown): unknown {
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'array' : [shapeOf(value[0])];
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, shapeOf(v)]));
  return typeof value;
}

/** True when two shapes agree, an 'array' (empty) standing for any array. */
export function sameShape(a: unknown, b: unknown): boolean {
  if (a === 'array' && (Array.isArray(b) || b === 'array')) return true;
  if (b === 'array' && Array.isArray(a)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return sameShape(a[0], b[0]);
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a as object);
    const kb = Object.keys(b as object);
    return ka.length === kb.length && ka.every((k) => k in (b as object) && sameShape((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}
