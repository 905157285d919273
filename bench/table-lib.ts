/**
 * One row of the summary table `npm run bench` prints at the end: each bench prints its own
 * details, and one `##row` line per target, which bench/run.ts collects.
 */
export interface BenchRow {
  readonly measure: string;
  readonly ours: string;
  readonly reference: string;
  readonly ratio: number;
  /** The ratio must be at most this. */
  readonly target: number;
}

export const ROW_PREFIX = '##row ';

export function reportRow(row: BenchRow): boolean {
  process.stdout.write(`${ROW_PREFIX}${JSON.stringify(row)}\n`);
  return row.ratio <= row.target;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Runs each command in turn, round after round, so a busy moment hits both alike. */
export async function alternating<K extends string>(rounds: number, sides: Record<K, () => Promise<number> | number>): Promise<Record<K, number[]>> {
  const times = Object.fromEntries(Object.keys(sides).map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < rounds; i++) for (const k of Object.keys(sides) as K[]) times[k].push(await sides[k]());
  return times;
}

export function renderRows(rows: readonly BenchRow[]): string {
  const table = [
    ['measure', 'ours', 'reference', 'ratio', 'target', ''],
    ...rows.map((r) => [r.measure, r.ours, r.reference, r.ratio.toFixed(2), `<= ${r.target}`, r.ratio <= r.target ? 'met' : 'MISSED']),
  ];
  const widths = table[0]!.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
  return table
    .map((row) =>
      row
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
