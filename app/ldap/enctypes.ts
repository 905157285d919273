/** msDS-SupportedEncryptionTypes bits (MS-KILE 2.2.7). */
export const ENCTYPE_BITS = [
  ['DES-CBC-CRC', 0x1],
  ['DES-CBC-MD5', 0x2],
  ['RC4-HMAC', 0x4],
  ['AES128-CTS-HMAC-SHA1-96', 0x8],
  ['AES256-CTS-HMAC-SHA1-96', 0x10],
  ['AES256-CTS-HMAC-SHA1-96-SK', 0x20],
  ['FAST-supported', 0x10000],
  ['Compound-identity-supported', 0x20000],
  ['Claims-supported', 0x40000],
  ['Resource-SID-compression-disabled', 0x80000],
] as const;

const DES = 0x1 | 0x2;
const RC4 = 0x4;
const AES = 0x8 | 0x10;

/** What an account's value means for the tickets the KDC issues to it. */
export type EnctypeVerdict =
  | { readonly kind: 'aes'; readonly value: number }
  /** Unset or 0: the KDC falls back to RC4 for the service ticket (lab-notes "Etypes"). */
  | { readonly kind: 'unset' }
  | { readonly kind: 'rc4-only'; readonly value: number }
  | { readonly kind: 'des'; readonly value: number }
  | { readonly kind: 'none'; readonly value: number };

export function decodeEnctypes(value: number): string[] {
  const names: string[] = ENCTYPE_BITS.filter(([, bit]) => (value & bit) !== 0).map(([name]) => name);
  const known = ENCTYPE_BITS.reduce((all, [, bit]) => all | bit, 0);
  const unknown = value & ~known;
  if (unknown !== 0) names.push(`0x${(unknown >>> 0).toString(16)}`);
  return names;
}

/** The verdict for a msDS-SupportedEncryptionTypes value, undefined when the attribute is absent. */
export function judgeEnctypes(value: number | undefined): EnctypeVerdict {
  if (value === undefined || value === 0) return { kind: 'unset' };
  if ((value & DES) !== 0) return { kind: 'des', value };
  if ((value & AES) !== 0) return { kind: 'aes', value };
  if ((value & RC4) !== 0) return { kind: 'rc4-only', value };
  return { kind: 'none', value };
}

export function describeEnctypes(value: number | undefined): string {
  if (value === undefined) return 'not set';
  return `${value} = 0x${(value >>> 0).toString(16)} (${decodeEnctypes(value).join(', ') || 'none'})`;
}
