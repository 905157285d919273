/** The core refuses shorter ones (app/bundle/export-bundle.ts); a unit test keeps the two equal. */
export const MIN_PASSPHRASE_LENGTH = 12;

export interface PassphraseRule {
  readonly id: 'length' | 'not-a-password' | 'repeated';
  readonly text: string;
  readonly met: boolean;
}

/**
 * What a bundle passphrase must be, checked as it is typed: long enough for the core to accept
 * it, not one of the passwords it seals (the bundle would carry its own key), and typed the same
 * twice (a typo would lock the recipient out of the sealed passwords for good).
 */
export function passphraseRules(passphrase: string, repeat: string, sealedPasswords: readonly string[]): PassphraseRule[] {
  return [
    {
      id: 'length',
      text: `At least ${MIN_PASSPHRASE_LENGTH} characters (${passphrase.length} so far)`,
      met: passphrase.length >= MIN_PASSPHRASE_LENGTH,
    },
    { id: 'not-a-password', text: 'Not one of the passwords it seals', met: !sealedPasswords.some((p) => p !== '' && p === passphrase) },
    { id: 'repeated', text: 'Typed the same in both fields', met: repeat === passphrase },
  ];
}

export type PassphraseStrength = 'weak' | 'fair' | 'strong';

/**
 * A rough guess for the strength line: bits as length × log2 of the character classes used.
 * Four unrelated words (the advice the core gives) come out strong; twelve lower-case letters fair.
 */
export function passphraseStrength(passphrase: string): PassphraseStrength {
  const pools: [RegExp, number][] = [
    [/[a-z]/, 26],
    [/[A-Z]/, 26],
    [/[0-9]/, 10],
    [/[^A-Za-z0-9]/, 33],
  ];
  const pool = pools.reduce((sum, [re, size]) => sum + (re.test(passphrase) ? size : 0), 0);
  const bits = pool === 0 ? 0 : passphrase.length * Math.log2(pool);
  return bits >= 80 ? 'strong' : bits >= 56 ? 'fair' : 'weak';
}
