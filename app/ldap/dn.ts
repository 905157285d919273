/**
 * Distinguished names as strings (RFC 4514), as AD hands them back: which domain an account
 * lives in, an object's own name. The few DNs the product builds (below the configuration
 * naming context) join constant RDNs to a DN read from the rootDSE, so no value is escaped here.
 */

export interface Rdn {
  /** Attribute type as written, e.g. `CN` or `DC`. */
  readonly type: string;
  readonly value: string;
}

/** Why a string is not a DN. */
export class DnSyntaxError extends Error {}

function hexPair(chars: readonly string[], at: number): number | null {
  const pair = (chars[at] ?? '') + (chars[at + 1] ?? '');
  return /^[0-9a-fA-F]{2}$/.test(pair) ? Number.parseInt(pair, 16) : null;
}

/**
 * Splits a DN into its RDNs, unescaping values (`\,`, `\2C`, and `\XX` sequences that
 * spell UTF-8). Multi-valued RDNs (`+`) are kept as one value with the `+` part, which
 * AD never produces for the objects read here. Works on code points, so characters
 * outside the BMP are never split.
 */
export function parseDn(dn: string): Rdn[] {
  const rdns: Rdn[] = [];
  if (dn.trim() === '') return rdns;
  const chars = [...dn];
  let i = 0;
  for (;;) {
    const eq = chars.indexOf('=', i);
    if (eq < 0) throw new DnSyntaxError(`no "=" after position ${i} in ${JSON.stringify(dn)}`);
    const type = chars.slice(i, eq).join('').trim();
    if (!/^([A-Za-z][A-Za-z0-9-]*|[0-9]+(\.[0-9]+)*)$/.test(type)) throw new DnSyntaxError(`bad attribute type ${JSON.stringify(type)}`);
    const bytes: number[] = [];
    let j = eq + 1;
    for (; j < chars.length; j++) {
      const c = chars[j] ?? '';
      if (c === ',' || c === ';') break;
      if (c !== '\\') {
        bytes.push(...Buffer.from(c, 'utf8'));
        continue;
      }
      const hex = hexPair(chars, j + 1);
      if (hex !== null) {
        bytes.push(hex);
        j += 2;
      } else if (j + 1 < chars.length) {
        bytes.push(...Buffer.from(chars[j + 1] ?? '', 'utf8'));
        j += 1;
      } else {
        throw new DnSyntaxError(`dangling "\\" at the end of ${JSON.stringify(dn)}`);
      }
    }
    let value: string;
    try {
      value = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
    } catch {
      throw new DnSyntaxError(`escaped bytes are not UTF-8 in ${JSON.stringify(dn)}`);
    }
    rdns.push({ type, value });
    if (j >= chars.length) return rdns;
    i = j + 1;
  }
}

/** `DC=se,DC=airwlab,DC=com` -> `se.airwlab.com`: the DNS domain a DN lives in. */
export function dnsDomainOf(dn: string): string {
  return parseDn(dn)
    .filter((rdn) => rdn.type.toUpperCase() === 'DC')
    .map((rdn) => rdn.value.toLowerCase())
    .join('.');
}

/** The value of the first RDN: the object's own name (`Alice Lab` for `CN=Alice Lab,CN=Users,…`). */
export function leafName(dn: string): string {
  return parseDn(dn)[0]?.value ?? dn;
}
