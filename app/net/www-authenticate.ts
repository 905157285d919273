/**
 * WWW-Authenticate (RFC 7235 §4.1): one or more challenges, each a scheme and its parameters,
 * separated by commas, as are a challenge's parameters. Node joins repeated headers with ", ".
 * A new challenge starts where a token (the scheme) follows a comma and is followed by space,
 * another comma (a scheme without parameters: `Negotiate, NTLM`) or the end; a parameter
 * (`realm="x"`) is followed by `=`.
 */
const CHALLENGE_START = /,\s*(?=[A-Za-z][A-Za-z0-9-]*(?:\s|,|$))/;

/** The challenges of the header, each as its text (`Negotiate oYG…`, `Basic realm="x"`). */
export function challenges(header: string | string[] | undefined): string[] {
  const values = header === undefined ? [] : Array.isArray(header) ? header : [header];
  return values
    .flatMap((v) => v.split(CHALLENGE_START))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** The schemes offered, by name: `Negotiate`, `NTLM`, `Basic`. */
export function offeredSchemes(header: string | string[] | undefined): string[] {
  return challenges(header).map((v) => v.split(/\s+/)[0] ?? '');
}
