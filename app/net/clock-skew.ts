/**
 * How far this machine's clock is from a domain controller's, from one or more readings
 * (the KDC's KRB-ERROR stime, the rootDSE currentTime).
 */

/** Kerberos refuses authenticators more than 5 minutes off (RFC 4120 §1.6, AD's default "Maximum tolerance"). */
export const SKEW_LIMIT_MS = 5 * 60_000;
/** Beyond a minute the clocks are drifting: fix it before it reaches the limit. */
export const SKEW_WARN_MS = 60_000;

/** One reading of the DC's clock against ours. */
export interface ClockReading {
  readonly kind: 'kdc' | 'ldap';
  readonly source: string;
  readonly dc: Date;
  readonly local: Date;
  /** How precise the reading is: rootDSE currentTime has whole seconds, the KDC's half the round trip. */
  readonly resolutionMs: number;
}

/** Local minus DC: positive when this machine is ahead. */
export function offsetMs(r: ClockReading): number {
  return r.local.getTime() - r.dc.getTime();
}

export interface SkewVerdict {
  readonly level: 'pass' | 'warn' | 'fail';
  /** The reading judged: the KDC's when there is one, since Kerberos compares against that clock. */
  readonly primary: ClockReading;
  /** Largest disagreement between the readings (KDC and LDAP clocks of one DC can differ). */
  readonly spreadMs: number;
}

/**
 * Fails only when the offset is beyond the limit whatever the reading's resolution; warns
 * as soon as it may be beyond a minute, so that a whole-second clock never hides drift.
 */
export function judgeSkew(readings: readonly ClockReading[]): SkewVerdict | null {
  const primary = readings.find((r) => r.kind === 'kdc') ?? readings[0];
  if (primary === undefined) return null;
  const offsets = readings.map(offsetMs);
  const spreadMs = Math.max(...offsets) - Math.min(...offsets);
  const off = Math.abs(offsetMs(primary));
  const level = off - primary.resolutionMs > SKEW_LIMIT_MS ? 'fail' : off + primary.resolutionMs > SKEW_WARN_MS ? 'warn' : 'pass';
  return { level, primary, spreadMs };
}

/** "9 min 59.9 s ahead of the DC", "0.050 s behind the DC". */
export function describeOffset(ms: number): string {
  const abs = Math.abs(ms);
  const side = ms >= 0 ? 'ahead of' : 'behind';
  if (abs < 10_000) return `${(abs / 1000).toFixed(3)} s ${side} the DC`;
  const tenths = Math.round(abs / 100);
  const m = Math.floor(tenths / 600);
  const s = ((tenths % 600) / 10).toFixed(1);
  return `${m > 0 ? `${m} min ` : ''}${s} s ${side} the DC`;
}
