import { describe, expect, it } from 'vitest';
import { describeOffset, judgeSkew, type ClockReading } from '../../../app/net/clock-skew';

const local = new Date('2026-11-25T16:00:00.000Z');
const reading = (kind: ClockReading['kind'], dcOffsetMs: number, resolutionMs: number): ClockReading => ({
  kind,
  source: kind,
  dc: new Date(local.getTime() + dcOffsetMs),
  local,
  resolutionMs,
});

describe('judgeSkew', () => {
  it.each([
    [0, 'pass'],
    [59_000, 'pass'],
    [61_000, 'warn'],
    [-4 * 60_000, 'warn'],
    [5 * 60_000 + 5, 'warn'],
    [5 * 60_000 + 50, 'fail'],
    [-10 * 60_000, 'fail'],
  ] as const)('a DC %i ms away from a KDC reading (±10 ms) is %s', (dcOffset, level) => {
    expect(judgeSkew([reading('kdc', dcOffset, 10)])?.level).toBe(level);
  });

  it('lets a whole-second rootDSE reading warn near the line but never fail on rounding alone', () => {
    expect(judgeSkew([reading('ldap', 59_500, 1000)])?.level).toBe('warn');
    expect(judgeSkew([reading('ldap', 5 * 60_000 + 500, 1000)])?.level).toBe('warn');
    expect(judgeSkew([reading('ldap', 5 * 60_000 + 1500, 1000)])?.level).toBe('fail');
  });

  it("judges by the KDC's clock when the KDC and LDAP disagree, and reports the spread", () => {
    const verdict = judgeSkew([reading('ldap', 0, 1000), reading('kdc', 10 * 60_000, 5)]);
    expect(verdict?.level).toBe('fail');
    expect(verdict?.primary.kind).toBe('kdc');
    expect(verdict?.spreadMs).toBe(10 * 60_000);
  });

  it('has no verdict without readings', () => {
    expect(judgeSkew([])).toBeNull();
  });
});

describe('describeOffset', () => {
  it('shows milliseconds when close and rounds minutes without "60.0 s"', () => {
    expect(describeOffset(50)).toBe('0.050 s ahead of the DC');
    expect(describeOffset(-1234)).toBe('1.234 s behind the DC');
    expect(describeOffset(-(10 * 60_000 - 16))).toBe('10 min 0.0 s behind the DC');
    expect(describeOffset(9 * 60_000 + 59_960)).toBe('10 min 0.0 s ahead of the DC');
    expect(describeOffset(75_250)).toBe('1 min 15.3 s ahead of the DC');
  });
});
