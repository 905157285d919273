/**
 * RFC 4515 section 3: in an assertion value the octets `*` `(` `)` `\` and NUL must be
 * written as `\` and two hex digits. Everything else, UTF-8 included, may stay as it is,
 * and it must: ldapts turns each `\XX` back into one UTF-16 unit, so escaping the octets
 * of a multi-byte character would send different bytes than the value's UTF-8.
 */
export function escapeFilterValue(value: string): string {
  return value.replace(/[*()\\\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * A filter with every interpolated value escaped: filter`(sAMAccountName=${name})`.
 * The template's literal parts are the caller's syntax; only the values come from outside.
 */
export function filter(strings: TemplateStringsArray, ...values: readonly string[]): string {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += escapeFilterValue(value) + (strings[i + 1] ?? '');
  });
  return out;
}
