import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { Secret, secretsFromRecord } from '../../../app/config/secrets';
import { parseSecretsLines, secretsFromEnv } from '../../../app/cli/secrets-input';

describe('Secret', () => {
  const s = new Secret('Passw0rd!Kcd1');
  it('never prints its value', () => {
    for (const shown of [String(s), `${s}`, JSON.stringify({ s }), inspect({ s }), inspect(s, { showHidden: true, depth: 5 })]) {
      expect(shown).not.toContain('Passw0rd');
    }
  });
  it('gives the value only through reveal()', () => expect(s.reveal()).toBe('Passw0rd!Kcd1'));
  it('drops empty values', () => expect(secretsFromRecord({ kcdPassword: '', uemPassword: 'x' })).toEqual({ uemPassword: expect.any(Secret) }));
});

describe('secrets for the CLI', () => {
  it('reads the three environment variables', () => {
    const s = secretsFromEnv({ SEG_KCD_PASSWORD: 'k', SEG_UEM_PASSWORD: 'u', SEG_TEST_MAILBOX_PASSWORD: 'm', OTHER: 'o' });
    expect(s.kcdPassword?.reveal()).toBe('k');
    expect(s.uemPassword?.reveal()).toBe('u');
    expect(s.testMailboxPassword?.reveal()).toBe('m');
  });
  it('reads NAME=value lines, keeping = inside values and CRLF endings out', () => {
    const r = parseSecretsLines('SEG_KCD_PASSWORD=a=b=c\r\n# comment\n\nSEG_UEM_PASSWORD= spaced \n');
    expect(r.ok && r.value.kcdPassword?.reveal()).toBe('a=b=c');
    expect(r.ok && r.value.uemPassword?.reveal()).toBe(' spaced ');
  });
  it('a line without = (a pasted password) is named by its number, never shown', () => {
    const r = parseSecretsLines('SEG_KCD_PASSWORD=k\nHunter2-Pasted!Secret\n');
    expect(!r.ok && r.error.message).toMatch(/^Line 2 /);
    expect(!r.ok && `${r.error.message} ${r.error.remedy}`).not.toMatch(/Hunter2/);
    const lower = parseSecretsLines('pass word with spaces=x');
    expect(!r.ok && !lower.ok && lower.error.message).not.toMatch(/pass word/);
  });

  it('refuses an unknown name without echoing the value', () => {
    const r = parseSecretsLines('SEG_KCD_PASWORD=topsecret');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.message).toContain('SEG_KCD_PASWORD');
      expect(r.error.message).not.toContain('topsecret');
      expect(r.error.remedy).toContain('SEG_KCD_PASSWORD');
    }
  });
});
