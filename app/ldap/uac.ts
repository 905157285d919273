/** userAccountControl flags (MS-ADTS 2.2.16), by the names AD tools print. */
export const UAC_FLAGS = [
  ['SCRIPT', 0x1],
  ['ACCOUNTDISABLE', 0x2],
  ['HOMEDIR_REQUIRED', 0x8],
  ['LOCKOUT', 0x10],
  ['PASSWD_NOTREQD', 0x20],
  ['PASSWD_CANT_CHANGE', 0x40],
  ['ENCRYPTED_TEXT_PWD_ALLOWED', 0x80],
  ['TEMP_DUPLICATE_ACCOUNT', 0x100],
  ['NORMAL_ACCOUNT', 0x200],
  ['INTERDOMAIN_TRUST_ACCOUNT', 0x800],
  ['WORKSTATION_TRUST_ACCOUNT', 0x1000],
  ['SERVER_TRUST_ACCOUNT', 0x2000],
  ['DONT_EXPIRE_PASSWORD', 0x10000],
  ['MNS_LOGON_ACCOUNT', 0x20000],
  ['SMARTCARD_REQUIRED', 0x40000],
  ['TRUSTED_FOR_DELEGATION', 0x80000],
  ['NOT_DELEGATED', 0x100000],
  ['USE_DES_KEY_ONLY', 0x200000],
  ['DONT_REQ_PREAUTH', 0x400000],
  ['PASSWORD_EXPIRED', 0x800000],
  ['TRUSTED_TO_AUTH_FOR_DELEGATION', 0x1000000],
  ['PARTIAL_SECRETS_ACCOUNT', 0x4000000],
] as const;

export type UacFlag = (typeof UAC_FLAGS)[number][0];

export const UAC: Readonly<Record<UacFlag, number>> = Object.fromEntries(UAC_FLAGS) as Record<UacFlag, number>;

/** The names of the flags set in a userAccountControl value, plus any bits no name covers. */
export function decodeUac(value: number): string[] {
  const names: string[] = UAC_FLAGS.filter(([, bit]) => (value & bit) !== 0).map(([name]) => name);
  const known = UAC_FLAGS.reduce((all, [, bit]) => all | bit, 0);
  const unknown = value & ~known;
  if (unknown !== 0) names.push(`0x${(unknown >>> 0).toString(16)}`);
  return names;
}

export function hasUac(value: number, flag: UacFlag): boolean {
  return (value & UAC[flag]) !== 0;
}

/** `0x1010200 (NORMAL_ACCOUNT | DONT_EXPIRE_PASSWORD | TRUSTED_TO_AUTH_FOR_DELEGATION)`. */
export function describeUac(value: number): string {
  return `${value} = 0x${(value >>> 0).toString(16)} (${decodeUac(value).join(' | ') || 'no flags'})`;
}
