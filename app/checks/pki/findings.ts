import type { CheckOutcome } from '../types';

/**
 * Collects what one PKI check observed across several certificates or CRLs, and turns it
 * into one outcome: fail if anything failed, warn if anything warned. Remedies and commands
 * are kept once each, in the order they were found.
 */
export class Findings {
  private readonly evidence: string[] = [];
  private readonly remedies: string[] = [];
  private readonly commands: string[] = [];
  private failed = false;
  private warned = false;

  see(line: string): void {
    this.evidence.push(line);
  }

  fail(line: string, remedy: string, command?: string): void {
    this.failed = true;
    this.add(`FAIL ${line}`, remedy, command);
  }

  warn(line: string, remedy: string, command?: string): void {
    this.warned = true;
    this.add(`WARN ${line}`, remedy, command);
  }

  get hasFailure(): boolean {
    return this.failed;
  }

  outcome(): CheckOutcome {
    if (!this.failed && !this.warned) return { status: 'pass', evidence: this.evidence };
    const remedy = this.remedies.join(' ');
    const base = { status: this.failed ? ('fail' as const) : ('warn' as const), evidence: this.evidence, remedy };
    return this.commands.length === 0 ? base : { ...base, command: this.commands.join('\n') };
  }

  private add(line: string, remedy: string, command: string | undefined): void {
    this.evidence.push(line);
    if (!this.remedies.includes(remedy)) this.remedies.push(remedy);
    if (command !== undefined) {
      for (const c of command.split('\n')) if (!this.commands.includes(c)) this.commands.push(c);
    }
  }
}
