import type { FieldIssue } from '../../app/contract/core-api';
import { stepOfField, type StepId } from './steps';

/** Validation issues indexed for the page: by exact field path, and by the step that edits them. */
export interface IssueIndex {
  readonly byField: ReadonlyMap<string, readonly FieldIssue[]>;
  readonly byStep: ReadonlyMap<StepId, readonly FieldIssue[]>;
}

export const NO_ISSUES: IssueIndex = { byField: new Map(), byStep: new Map() };

export function indexIssues(issues: readonly FieldIssue[]): IssueIndex {
  const byField = new Map<string, FieldIssue[]>();
  const byStep = new Map<StepId, FieldIssue[]>();
  for (const issue of issues) {
    byField.set(issue.field, [...(byField.get(issue.field) ?? []), issue]);
    const step = stepOfField(issue.field);
    if (step) byStep.set(step, [...(byStep.get(step) ?? []), issue]);
  }
  return { byField, byStep };
}

/** The sentence shown under a field, or null: the first issue's reason (one at a time keeps it readable). */
export function messageFor(index: IssueIndex, field: string): string | null {
  return index.byField.get(field)?.[0]?.message ?? null;
}
