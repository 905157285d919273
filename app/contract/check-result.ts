import type { CheckId } from './check-ids';

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** What a check observed, one fact a line ("msDS-AllowedToDelegateTo: HTTP/semail01"). */
export type Evidence = readonly string[];

/**
 * The shell a remedy command is written for, quoted by that shell's rules (app/scripts/quote.ts):
 * a PowerShell line pasted into cmd.exe (or the other way round) may run something else.
 * `file` is the content of a file to save, not a command.
 */
export type CommandShell = 'powershell' | 'cmd' | 'file';

export const COMMAND_SHELL_LABEL: Readonly<Record<CommandShell, string>> = { powershell: 'PowerShell', cmd: 'cmd.exe', file: 'file content' };

/** One line of the CLI's JSON `checks` array (product.md "CLI"); field names are a contract. */
export interface CheckResult {
  readonly id: CheckId;
  readonly title: string;
  readonly status: CheckStatus;
  readonly evidence: Evidence;
  readonly remedy: string | null;
  /**
   * The settings the fix is made in, by their path in the settings document (`network.hosts`,
   * `kcd.domains.0.realm`; app/contract/setting-path.ts), in the order `remedy` names them. A path
   * the remedy's words name stands in them verbatim: the CLI prints the words as they are, the
   * wizard shows the field's label there as a link to the field. For a skip, the settings its
   * `reason` names (an input not given). Added after `remedy`: older reports lack it.
   */
  readonly remedyFields?: readonly string[];
  readonly command: string | null;
  /** Which shell `command` is for; null when there is no command. Added after `command`: older reports lack it. */
  readonly commandShell?: CommandShell | null;
  /** Why a check was skipped; null otherwise. */
  readonly reason: string | null;
  readonly durationMs: number;
}

/** The settings a result's fix is made in that its words do not name (an input check's fields): a face lists them after the words. */
export function fieldsNotNamed(result: Pick<CheckResult, 'remedy' | 'reason' | 'remedyFields'>): readonly string[] {
  const words = `${result.remedy ?? ''} ${result.reason ?? ''}`;
  return (result.remedyFields ?? []).filter((f) => !words.includes(f));
}
