import { err, ok, type Result } from '../contract/result';
import type { ScriptShell } from '../contract/scripts';
import { controlCharacter, printable } from '../contract/control-characters';
import { escapeFilterValue } from '../ldap/filter-escape';
import { header, type HeaderMeta } from './script';

/**
 * Quoting of values for the shells our scripts run in and for the commands the checks show as
 * remedies. Values come from the settings, the directory or a certificate (an account name, an
 * SPN, a path) and may hold anything; each function either quotes a value so that the shell
 * passes it through unchanged, or refuses it with the reason.
 */

// PowerShell treats the typographic single quotes as quote characters too (about_Quoting_Rules).
const PS_SINGLE_QUOTES = /['\u2018\u2019\u201A\u201B]/g;

/**
 * A PowerShell single-quoted literal for a command a check shows (a remedy): nothing inside
 * expands ($, backtick) and each quote is doubled, so a value pasted from a document cannot
 * end the string early. Scripts use psQuote, which also refuses what a file cannot hold.
 */
export function psLiteral(value: string): string {
  return `'${value.replace(PS_SINGLE_QUOTES, (quote) => quote + quote)}'`;
}

function controlRefused(value: string, where: string): Result<never> | null {
  const control = controlCharacter(value);
  return control
    ? err(
        'script.value-unquotable',
        `${where} cannot carry the ${control} in "${printable(value)}".`,
        'Correct the value in the settings: it holds a line break or another control character.',
      )
    : null;
}

/** A PowerShell single-quoted literal for a script: psLiteral, refusing control characters (a script's values are one line each). */
export function psQuote(value: string): Result<string> {
  return controlRefused(value, 'A PowerShell script') ?? ok(psLiteral(value));
}

// In a bare PowerShell argument `$` starts a variable unless it ends the word, as in a computer account
// (SEMAIL01$), and a leading `@` splats one.
const NATIVE_BARE = /^[A-Za-z0-9_./:-][A-Za-z0-9_./:@-]*\$?$/;

/**
 * An argument of a native tool (setspn, certutil, w32tm) in a command a check shows: remedy
 * commands are for PowerShell (CheckResult.commandShell says so). Plain values (SPNs, account
 * and host names) stay bare so the line reads as the guide prints it, and reads the same in
 * cmd.exe; anything else is a PowerShell literal.
 */
export function nativeArg(value: string): string {
  return NATIVE_BARE.test(value) ? value : psLiteral(value);
}

/**
 * A Get-ADUser/Get-ADObject `-LDAPFilter` argument matching one attribute value: the value is
 * escaped for the filter (RFC 4515) and the filter quoted for PowerShell, so neither `'`, `$`
 * nor `*` in a value changes what the command looks for.
 */
export function ldapFilterArg(attribute: string, value: string): string {
  return psLiteral(`(${attribute}=${escapeFilterValue(value)})`);
}

const CMD_BARE = /^[A-Za-z0-9_.:/\\@$+-]+$/;

/**
 * One argument on a cmd.exe line. Inside double quotes cmd's metacharacters (& | < > ^ ( ))
 * are literal; what cannot be carried safely is refused: `"` (no escape inside quotes that
 * every program honours), `%` (expands even in quotes and escapes differently in a file and at
 * the prompt), `!` (expands under delayed expansion), line breaks and control characters.
 */
export function cmdQuote(value: string): Result<string> {
  const control = controlCharacter(value);
  const bad = control ?? [...value].find((ch) => ch === '"' || ch === '%' || ch === '!');
  if (bad !== undefined) {
    const shown = control ?? `"${bad}"`;
    return err(
      'script.value-unquotable',
      `cmd.exe cannot carry ${shown} safely in "${printable(value)}".`,
      'Use a value without it, or run the PowerShell form of this step.',
    );
  }
  if (CMD_BARE.test(value)) return ok(value);
  // Programs split their command line by the C runtime's rules: backslashes before the closing quote must be doubled.
  return ok(`"${value.replace(/(\\+)$/, '$1$1')}"`);
}

/** A .reg file string ("…" with \\ and \" escapes, regedit's rules); one line only. */
export function regQuote(value: string): Result<string> {
  const refused = controlRefused(value, 'A .reg string value');
  if (refused) return refused;
  return ok(`"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);
}

/** A krb5.ini value: the profile format has no quoting, so anything that would end or split a token is refused. */
export function krb5Token(value: string): Result<string> {
  if (value === '' || /[\s{}=[\];#"]/.test(value)) {
    return err(
      'script.value-unquotable',
      `"${value}" cannot be written in krb5.ini (empty, or holds a space, brace, =, bracket, ; or #).`,
      'Correct the value in the settings.',
    );
  }
  return ok(value);
}

/**
 * Collects quoting results while a script is assembled: each call returns the quoted text (or
 * a marker), and `finish` turns the whole script into an error listing every refused value.
 */
export class Quoter {
  readonly #problems: string[] = [];

  #take(result: Result<string>): string {
    if (result.ok) return result.value;
    this.#problems.push(result.error.message);
    return '<refused>';
  }

  ps(value: string): string {
    return this.#take(psQuote(value));
  }

  /**
   * A PowerShell literal passed to a native program (setspn, certutil): Windows PowerShell 5.1
   * hands embedded double quotes to the program unescaped, so the program would split the value.
   */
  psNative(value: string): string {
    if (value.includes('"')) {
      this.#problems.push(`Windows PowerShell cannot pass "${value}" to a program intact (it holds a double quote).`);
      return '<refused>';
    }
    return this.ps(value);
  }

  cmd(value: string): string {
    return this.#take(cmdQuote(value));
  }

  reg(value: string): string {
    return this.#take(regQuote(value));
  }

  krb5(value: string): string {
    return this.#take(krb5Token(value));
  }

  /** For the key of an appcmd collection entry (`[name='…']`): appcmd has no escape for ' or ]. */
  appcmdKey(value: string): string {
    if (/['\]]/.test(value)) {
      this.#problems.push(`appcmd cannot address an entry named "${value}" (it holds ' or ]).`);
      return '<refused>';
    }
    return value;
  }

  /**
   * The script's header comment, whose lines name values of the settings (a realm, a host):
   * a line break would start a command line of its own, and in cmd a caret at the end of a
   * `rem` line carries the remark on into the next line.
   */
  header(shell: ScriptShell, meta: HeaderMeta): string[] {
    const text = [meta.title, meta.runBy, meta.runOn, meta.guideStep, ...(meta.notes ?? [])];
    for (const line of text) {
      const refused = controlRefused(line, 'A script header');
      if (refused && !refused.ok) this.#problems.push(refused.error.message);
      else if (shell === 'cmd' && line.trimEnd().endsWith('^')) this.#problems.push(`A cmd script header cannot end a line with "^" ("${line}").`);
    }
    return header(shell, meta);
  }

  finish<T>(make: () => T): Result<T> {
    if (this.#problems.length > 0)
      return err('script.value-unquotable', this.#problems.join(' '), 'Correct these values in the settings, or make this change by hand.');
    return ok(make());
  }
}
