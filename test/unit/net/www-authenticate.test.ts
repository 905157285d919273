import { describe, expect, it } from 'vitest';
import { challenges, offeredSchemes } from '../../../app/net/www-authenticate';

describe('WWW-Authenticate challenges (RFC 7235 §4.1)', () => {
  it('splits challenges joined by Node, not the parameters of one', () => {
    expect(challenges('Negotiate, NTLM, Basic realm="mail.se.airwlab.com", charset="UTF-8"')).toEqual([
      'Negotiate',
      'NTLM',
      'Basic realm="mail.se.airwlab.com", charset="UTF-8"',
    ]);
    expect(challenges(['Negotiate oYGBMH8=', 'Basic realm="x"'])).toEqual(['Negotiate oYGBMH8=', 'Basic realm="x"']);
    expect(challenges(undefined)).toEqual([]);
  });

  it('names the schemes, including tokens with digits and hyphens', () => {
    expect(offeredSchemes('Negotiate, NTLM, Basic realm="x"')).toEqual(['Negotiate', 'NTLM', 'Basic']);
    expect(offeredSchemes('Bearer, Kerberos-5 abc=')).toEqual(['Bearer', 'Kerberos-5']);
    expect(offeredSchemes(undefined)).toEqual([]);
  });
});
