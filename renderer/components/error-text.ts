import type { CoreError } from '../../app/contract/core-api';

/**
 * A core error as the sentences a person reads: what went wrong, then what to do. The core's
 * messages are often clauses it also writes into evidence lines, so the full stop is added here.
 */
export function errorText(error: CoreError): string {
  const message = error.message.trim();
  const sentence = /[.?!]["”’)]?$/.test(message) ? message : `${message}.`;
  return error.remedy ? `${sentence} ${error.remedy}` : sentence;
}
