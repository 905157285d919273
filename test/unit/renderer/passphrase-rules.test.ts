import { describe, expect, it } from 'vitest';
import { MIN_PASSPHRASE_LENGTH as CORE_MIN } from '../../../app/bundle/export-bundle';
import { MIN_PASSPHRASE_LENGTH, passphraseRules, passphraseStrength } from '../../../renderer/export/passphrase-rules';

const unmet = (p: string, repeat: string, sealed: string[] = []) =>
  passphraseRules(p, repeat, sealed)
    .filter((r) => !r.met)
    .map((r) => r.id);

describe('bundle passphrase rules (Export step)', () => {
  it('asks for the length the core demands, so a passphrase the page accepts is never refused on export', () => {
    expect(MIN_PASSPHRASE_LENGTH).toBe(CORE_MIN);
    expect(unmet('a'.repeat(CORE_MIN - 1), 'a'.repeat(CORE_MIN - 1))).toEqual(['length']);
    expect(unmet('a'.repeat(CORE_MIN), 'a'.repeat(CORE_MIN))).toEqual([]);
  });

  it('refuses a passphrase that is one of the passwords it seals, and one typed differently twice', () => {
    expect(unmet('Kcd-Password-2026', 'Kcd-Password-2026', ['', 'Kcd-Password-2026'])).toEqual(['not-a-password']);
    expect(unmet('correct horse battery staple', 'correct horse battery stapel')).toEqual(['repeated']);
    expect(passphraseRules('short', '', [])[0]!.text).toBe(`At least ${CORE_MIN} characters (5 so far)`);
  });

  it('rates four words strong, twelve lower-case letters fair, a short one weak', () => {
    expect(passphraseStrength('correct horse battery staple')).toBe('strong');
    expect(passphraseStrength('abcdefghijkl')).toBe('fair');
    expect(passphraseStrength('abc123')).toBe('weak');
    expect(passphraseStrength('')).toBe('weak');
  });
});
