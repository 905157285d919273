import { describe, expect, it } from 'vitest';
import { diffLines, unifiedDiff } from '../../../app/iis/line-diff';

/** Applies a unified diff the way patch(1) does, strictly: every context and removed line must match. */
function applyPatch(before: string, patch: string): string {
  const old = before.split(/(?<=\n)/);
  const out: string[] = [];
  let at = 0;
  const lines = patch.split('\n').slice(2, -1);
  for (let i = 0; i < lines.length; i++) {
    const header = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(lines[i]!);
    if (header) {
      const start = Number(header[2]) === 0 ? Number(header[1]) : Number(header[1]) - 1;
      while (at < start) out.push(old[at++]!);
      continue;
    }
    const line = lines[i]!;
    const noNewline = lines[i + 1] === '\\ No newline at end of file';
    const body = line.slice(1);
    if (line[0] === ' ' || line[0] === '-') {
      const have = old[at++]!;
      expect(have.replace(/\r?\n$/, '')).toBe(body);
      if (line[0] === ' ') out.push(have);
    } else if (line[0] === '+') {
      out.push(noNewline ? body : `${body}${before.includes('\r\n') ? '\r\n' : '\n'}`);
    }
    if (noNewline) i++;
  }
  while (at < old.length) out.push(old[at++]!);
  return out.join('');
}

function randomText(seed: number, lines: number): string {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const words = ['<a>', '</a>', '<b x="1" />', '', '  <c/>', '</location>'];
  return Array.from({ length: lines }, () => words[Math.floor(next() * words.length)]).join('\n') + (next() < 0.5 ? '\n' : '');
}

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', 'x', 'y')).toBe('');
  });

  it('shows one inserted line with three lines of context', () => {
    const before = '1\n2\n3\n4\n5\n6\n7\n8\n';
    const after = '1\n2\n3\n4\nnew\n5\n6\n7\n8\n';
    expect(unifiedDiff(before, after, 'a/f', 'b/f')).toBe('--- a/f\n+++ b/f\n@@ -2,6 +2,7 @@\n 2\n 3\n 4\n+new\n 5\n 6\n 7\n');
  });

  it('starts an inserted block with its own first line when equal lines surround it', () => {
    const before = '<c>\n  <l>\n  </l>\n</c>\n';
    const after = '<c>\n  <l>\n  </l>\n  <l>\n  </l>\n</c>\n';
    const added = diffLines(before, after)
      .filter((op) => op.kind === '+')
      .map((op) => op.line);
    expect(added).toEqual(['  <l>\n', '  </l>\n']);
    expect(
      diffLines(before, after)
        .map((op) => op.kind)
        .join(''),
    ).toBe('   ++ ');
  });

  it('marks a last line without newline', () => {
    expect(unifiedDiff('a\nb', 'a\nc', 'x', 'y')).toBe(
      '--- x\n+++ y\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n',
    );
  });

  it('round-trips: patching the old text with the diff gives the new text (300 random pairs)', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const before = randomText(seed, 1 + (seed % 40));
      const after = randomText(seed * 7 + 3, 1 + ((seed * 3) % 40));
      const patch = unifiedDiff(before, after, 'a', 'b');
      if (before === after) continue;
      expect(applyPatch(before, patch)).toBe(after);
    }
  });
});
