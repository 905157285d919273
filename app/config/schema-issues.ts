/** A zod issue as the three readers of untrusted JSON see it (settings file, bundle, API arguments). */
export interface SchemaIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * The first few schema problems as one line a person can act on: the dotted path of each
 * (or `whole` for the document itself) and what is wrong there.
 */
export function describeSchemaIssues(issues: readonly SchemaIssue[], whole: string, limit: number): string {
  return issues
    .slice(0, limit)
    .map((i) => `${i.path.map(String).join('.') || whole}: ${i.message}`)
    .join('; ');
}
