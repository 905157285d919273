/**
 * A PowerShell single-quoted string. Inside one, only a quote is special, and PowerShell
 * counts the typographic quotes U+2018..U+201B as quotes too: each is doubled, so a value
 * pasted from a document cannot end the string early.
 */
export function psQuote(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

/**
 * An argument for a cmd.exe / PowerShell command line of a native tool (setspn, certutil).
 * Values that are plain (SPNs, account names) stay bare so the line reads as the guide
 * prints it; anything else is single-quoted for PowerShell.
 */
export function nativeArg(value: string): string {
  return /^[A-Za-z0-9_./:@$-]+$/.test(value) ? value : psQuote(value);
}
