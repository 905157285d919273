import type { Problem } from '../../config/field-rules';
import type { CheckId } from '../../contract/check-ids';
import type { FieldIssue } from '../../contract/field-issue';
import type { Settings } from '../../contract/settings';
import { defineCheck, type DefinedCheck } from '../define';
import type { CheckOutcome } from '../types';

/** One field of the settings as a rule sees it: its path in the document, and what is wrong. */
export interface FieldFinding {
  /** Dotted path in the settings document, e.g. `kcd.domains.0.realm`. */
  readonly field: string;
  readonly problem: Problem;
}

/**
 * An input.* check as a rule: `read` takes the fields it judges out of the settings (the
 * facts: plain values, never a secret's value), `findings` says what is wrong with each.
 */
export interface InputRule<Facts> {
  readonly id: CheckId;
  readonly title: string;
  /** Where the value is entered, so the remedy can send the person there. */
  readonly where: string;
  /** A reason when an input the rule needs is not given (offline: no API URL), else null. */
  readonly applies?: (s: Settings) => string | null;
  /** A reason when the rule means nothing for these settings (no CAS array, another sign-in method), else null. */
  readonly notApplicable?: (s: Settings) => string | null;
  readonly read: (s: Settings) => Facts;
  readonly findings: (facts: Facts) => readonly FieldFinding[];
}

/** An input check, and its findings straight from the settings for the wizard's field validation. */
export type InputCheck<Facts> = DefinedCheck<Facts> & { fieldFindings(settings: Settings): readonly FieldFinding[] };

export const offlineReason = (s: Settings): string | null =>
  s.uem.apiUrl.trim() === '' ? 'No UEM API URL is set: working offline, the UEM fields are not needed' : null;

export const domainsOf = (s: Settings) => (s.kcd.domains.length === 0 ? [{ realm: '', dcHost: '' }] : s.kcd.domains);

function describe(where: string, findings: readonly FieldFinding[]): CheckOutcome {
  const problems = findings.filter((f) => f.problem !== null);
  if (problems.length === 0) return { status: 'pass', evidence: findings.map((f) => `${f.field}: valid`) };
  return {
    status: 'fail',
    evidence: problems.map((f) => `${f.field}: ${f.problem}`),
    remedy: `In the ${where}: ${problems.map((f) => f.problem).join('; ')}.`,
    fields: problems.map((f) => f.field),
  };
}

export function inputCheck<Facts>(rule: InputRule<Facts>): InputCheck<Facts> {
  return {
    ...defineCheck<Facts>({
      id: rule.id,
      title: rule.title,
      ...(rule.applies ? { applies: rule.applies } : {}),
      ...(rule.notApplicable ? { notApplicable: rule.notApplicable } : {}),
      gather: async (ctx) => rule.read(ctx.settings),
      judge: (facts) => describe(rule.where, rule.findings(facts)),
    }),
    fieldFindings: (settings) => rule.findings(rule.read(settings)),
  };
}

/** A problem as the sentence shown under its field: the rules' words are clauses, joined by `describe`. */
const asSentence = (problem: string): string => (/[.?!]$/.test(problem) ? problem : `${problem}.`);

/** Every problem in the settings, field by field, for validation as the person types. */
export function fieldIssuesOf(checks: readonly InputCheck<unknown>[], settings: Settings): FieldIssue[] {
  return checks
    .filter((check) => (check.applies?.(settings) ?? check.notApplicable?.(settings) ?? null) === null)
    .flatMap((check) =>
      check
        .fieldFindings(settings)
        .filter((f): f is FieldFinding & { problem: string } => f.problem !== null)
        .map((f) => ({ checkId: check.id, field: f.field, message: asSentence(f.problem) })),
    );
}
