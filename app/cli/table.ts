import { COMMAND_SHELL_LABEL, fieldsNotNamed, type CheckResult, type CheckStatus } from '../contract/check-result';
import { printable } from '../contract/control-characters';
import { verdictHeadline, verdictOf, verdictTone } from '../report/verdict';

const LABEL: Record<CheckStatus, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skip: 'SKIP' };
const COLOUR: Record<CheckStatus, string> = { pass: '32', warn: '33', fail: '31', skip: '90' };

export interface Style {
  readonly colour: boolean;
}

export function paint(style: Style, code: string, text: string): string {
  return style.colour ? `\u001b[${code}m${text}\u001b[0m` : text;
}

export function statusLabel(status: CheckStatus, style: Style): string {
  return paint(style, COLOUR[status], LABEL[status]);
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** The readable result: one row a check, then what to do about each one that did not pass. */
export function renderTable(results: readonly CheckResult[], style: Style): string {
  const idWidth = Math.max(5, ...results.map((r) => r.id.length));
  const lines = [`${'STATUS'}  ${'CHECK'.padEnd(idWidth)}  ${'TIME'.padStart(8)}  TITLE`];
  for (const r of results) {
    lines.push(`${statusLabel(r.status, style)}    ${r.id.padEnd(idWidth)}  ${formatMs(r.durationMs).padStart(8)}  ${printable(r.title)}`);
  }
  const attention = results.filter((r) => r.status === 'fail' || r.status === 'warn');
  for (const r of attention) {
    // Evidence quotes servers (the EAS server's REMOTE_USER, a UEM fault): no escape sequence of theirs reaches the terminal.
    lines.push('', `${statusLabel(r.status, style)} ${paint(style, '1', r.id)} — ${printable(r.title)}`);
    for (const e of r.evidence) lines.push(`  observed: ${printable(e)}`);
    if (r.remedy) lines.push(`  fix:      ${printable(r.remedy)}`);
    const fields = fieldsNotNamed(r);
    if (fields.length > 0) lines.push(`  settings: ${printable(fields.join(', '))}`);
    if (r.command) {
      const label = `command (${COMMAND_SHELL_LABEL[r.commandShell ?? 'powershell']}):  `;
      lines.push(...r.command.split('\n').map((c, i) => `  ${i === 0 ? label : ' '.repeat(label.length)}${printable(c)}`));
    }
  }
  const skipped = results.filter((r) => r.status === 'skip');
  if (skipped.length > 0) {
    lines.push('', 'Skipped:');
    for (const r of skipped) lines.push(`  ${r.id}: ${printable(r.reason ?? '')}`);
  }
  const count = (s: CheckStatus) => results.filter((r) => r.status === s).length;
  lines.push('', `${results.length} checks: ${count('pass')} pass, ${count('warn')} warn, ${count('fail')} fail, ${count('skip')} skip`);
  const verdict = verdictOf(results);
  lines.push(paint(style, `1;${COLOUR[verdictTone(verdict)]}`, verdictHeadline(verdict)));
  if (verdict.kind === 'unproven') lines.push(`  ${verdict.why}`);
  return `${lines.join('\n')}\n`;
}
