import type { CoreError } from '../../app/contract/core-api';

/**
 * A core error as the sentences a person reads: what went wrong, then what to do. The core's
 * messages are often clauses it also writes into evidence lines, so the full stop is added here.
 */
export function errorText(error: CoreError): string {
  const message = sentence(error.message);
  return error.remedy ? `${message} ${error.remedy}` : message;
}

/** A clause of the core (an error's message, a skip reason) ended as a sentence, for a place where it stands alone. */
export function sentence(clause: string): string {
  const text = clause.trim();
  return /[.?!]["”’)]?$/.test(text) ? text : `${text}.`;
}
