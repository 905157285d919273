/**
 * Unified diff of two texts, line by line (Myers' O(ND) algorithm, "An O(ND) Difference
 * Algorithm and Its Variations", 1986). Hand-written rather than a dependency: our edits
 * touch few lines, so D is small and this stays short and fast.
 */

type Op = { kind: ' ' | '-' | '+'; readonly line: string };

function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

function myers(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, offset, d, k);
    }
  }
  throw new Error('unreachable: a diff always exists');
}

function backtrack(trace: readonly Int32Array[], a: readonly string[], b: readonly string[], offset: number, lastD: number, lastK: number): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  let k = lastK;
  for (let d = lastD; d > 0; d--) {
    const v = trace[d]!;
    const down = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: ' ', line: a[x]! });
    }
    if (down) {
      y--;
      ops.push({ kind: '+', line: b[y]! });
    } else {
      x--;
      ops.push({ kind: '-', line: a[x]! });
    }
    k = prevK;
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    ops.push({ kind: ' ', line: a[x]! });
  }
  return ops.reverse();
}

/** Line operations for the whole texts; the common head and tail are not fed to Myers. */
export function diffLines(before: string, after: string): Op[] {
  const a = splitLines(before);
  const b = splitLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const middle = myers(a.slice(head, a.length - tail), b.slice(head, b.length - tail));
  const same = (lines: string[]): Op[] => lines.map((line) => ({ kind: ' ', line }));
  return slideDown([...same(a.slice(0, head)), ...middle, ...same(a.slice(a.length - tail))]);
}

/**
 * An inserted block next to lines equal to its own (`</location>` after `</location>`) can be
 * shown in several places; moving it as far down as it goes makes it start with the new
 * element's first line, as a person would write it.
 */
function slideDown(input: Op[]): Op[] {
  const ops = input.map((op) => ({ ...op }));
  let s = 0;
  while (s < ops.length) {
    const kind = ops[s]!.kind;
    if (kind === ' ') {
      s++;
      continue;
    }
    let e = s;
    while (e < ops.length && ops[e]!.kind === kind) e++;
    const before = ops[s - 1];
    const pure = !before || before.kind === ' ';
    while (pure && e < ops.length && ops[e]!.kind === ' ' && ops[e]!.line === ops[s]!.line) {
      ops[s]!.kind = ' ';
      ops[e]!.kind = kind;
      s++;
      e++;
    }
    s = e;
  }
  return ops;
}

/**
 * `diff -u` output. CR LF endings are shown as plain lines (the file keeps them); a last
 * line without a newline gets git's "\ No newline at end of file" marker.
 */
export function unifiedDiff(before: string, after: string, oldName: string, newName: string, context = 3): string {
  if (before === after) return '';
  const ops = diffLines(before, after);
  const changed = ops.map((op, i) => (op.kind === ' ' ? -1 : i)).filter((i) => i >= 0);
  const hunks: [number, number][] = [];
  for (const i of changed) {
    const last = hunks[hunks.length - 1];
    if (last && i - last[1] <= 2 * context + 1) last[1] = i;
    else hunks.push([i, i]);
  }
  const out = [`--- ${oldName}`, `+++ ${newName}`];
  const oldLineAt: number[] = [];
  const newLineAt: number[] = [];
  let o = 1;
  let nw = 1;
  for (const op of ops) {
    oldLineAt.push(o);
    newLineAt.push(nw);
    if (op.kind !== '+') o++;
    if (op.kind !== '-') nw++;
  }
  for (const [first, last] of hunks) {
    const from = Math.max(0, first - context);
    const to = Math.min(ops.length - 1, last + context);
    const slice = ops.slice(from, to + 1);
    const oldCount = slice.filter((op) => op.kind !== '+').length;
    const newCount = slice.filter((op) => op.kind !== '-').length;
    const oldStart = oldCount === 0 ? oldLineAt[from]! - 1 : oldLineAt[from]!;
    const newStart = newCount === 0 ? newLineAt[from]! - 1 : newLineAt[from]!;
    out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`);
    for (const op of slice) {
      const bare = op.line.replace(/\r?\n$/, '');
      out.push(op.kind + bare);
      if (!op.line.endsWith('\n')) out.push('\\ No newline at end of file');
    }
  }
  return out.join('\n') + '\n';
}
