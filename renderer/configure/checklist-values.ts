import type { ChecklistEntry } from '../../app/contract/core-api';

/**
 * The text the admin types or pastes into the console for this entry, or null when the entry is
 * a check box to set ("selected", "cleared") or an instruction in brackets ("(type it in the
 * console; …)", "(empty)"): a copy button there would copy words that do not belong in the field.
 */
export function pasteValue(entry: ChecklistEntry): string | null {
  const value = entry.value.trim();
  if (value === '' || value === 'selected' || value === 'cleared') return null;
  if (value.startsWith('(') && value.endsWith(')')) return null;
  return value;
}

/** The key a tick is kept under: a changed value (another SPN) is a new step to do, not a done one. */
export function tickKey(listId: string, entry: ChecklistEntry): string {
  return `${listId}\u0000${entry.field}\u0000${entry.value}`;
}
