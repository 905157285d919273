/**
 * The wizard's steps, in the order of the SEG Setup console (product.md "Wizard steps").
 * `fields` are the prefixes of the settings paths a step edits, so a validation issue
 * (whose field is a dotted path) marks the step that can fix it.
 */
export const STEPS = [
  { id: 'uem', label: 'UEM API', fields: ['uem.'] },
  { id: 'organization-group', label: 'Organization group', fields: ['organizationGroup.'] },
  { id: 'kcd', label: 'KCD', fields: ['kcd.'] },
  { id: 'email', label: 'Email server', fields: ['email.'] },
  { id: 'certificates', label: 'Certificates', fields: ['certificates.'] },
  { id: 'verify', label: 'Verify', fields: ['network.', 'seg.'] },
  { id: 'configure', label: 'Configure', fields: [] },
  { id: 'export', label: 'Export', fields: [] },
] as const satisfies readonly { id: string; label: string; fields: readonly string[] }[];

export type StepId = (typeof STEPS)[number]['id'];

export function stepOfField(field: string): StepId | null {
  const fieldPath = `${field}.`;
  return STEPS.find((s) => s.fields.some((prefix: string) => fieldPath.startsWith(prefix)))?.id ?? null;
}
