/** A problem with one field, as the wizard shows it under that field. */
export interface FieldIssue {
  readonly checkId: string;
  readonly field: string;
  readonly message: string;
}
