import { describe, expect, it } from 'vitest';
import { cmdQuote, krb5Token, ldapFilterArg, nativeArg, psLiteral, psQuote, regQuote } from '../../../app/scripts/quote';

/** PowerShell's reading of a single-quoted literal (about_Quoting_Rules): any of the four quote characters, doubled, is one. */
function psRead(literal: string): string {
  expect(literal[0]).toBe("'");
  expect(literal[literal.length - 1]).toBe("'");
  const inner = literal.slice(1, -1);
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!;
    if (/['\u2018\u2019\u201A\u201B]/.test(ch)) {
      expect(/['\u2018\u2019\u201A\u201B]/.test(inner[i + 1] ?? ''), `lone quote at ${i} in ${literal}`).toBe(true);
      i++;
    }
    out += ch;
  }
  return out;
}

/** How a Windows program's C runtime splits one double-quoted argument (backslashes double only before a quote). */
function crtRead(arg: string): string {
  if (!arg.startsWith('"')) return arg;
  expect(arg.endsWith('"')).toBe(true);
  const inner = arg.slice(1, -1);
  const trailing = /\\*$/.exec(inner)![0].length;
  expect(trailing % 2).toBe(0);
  expect(inner.slice(0, inner.length - trailing)).not.toMatch(/"/);
  return inner.slice(0, inner.length - trailing / 2);
}

function regRead(quoted: string): string {
  return quoted.slice(1, -1).replace(/\\(.)/g, '$1');
}

const HOSTILE = [
  "O'Brien",
  'two words',
  '$env:USERNAME',
  '`whoami`',
  '$(Remove-Item C:\\ -Recurse)',
  'a & b | c > d < e ^ f',
  'ünïcødé-账户',
  '\u2019smart\u2018quotes\u201A\u201B',
  'C:\\Program Files\\AirWatch\\',
  '@{x=1};',
  '',
];

describe('psQuote', () => {
  it.each(HOSTILE)('PowerShell reads %j back unchanged', (value) => {
    const quoted = psQuote(value);
    expect(quoted.ok).toBe(true);
    if (quoted.ok) expect(psRead(quoted.value)).toBe(value);
  });

  it('refuses line breaks, NUL and every other control character (a script value is one line)', () => {
    for (const value of ['line1\r\nline2', 'a\nb', 'a\0b', 'a\u001bb', 'a\u0085b', 'a\u2028b']) {
      const quoted = psQuote(value);
      expect(!quoted.ok && quoted.error.message, JSON.stringify(value)).toMatch(/control character U\+00[0-9A-F]{2}|control character U\+2028/);
    }
  });
});

describe('cmdQuote', () => {
  it.each(HOSTILE)('a program reads %j back unchanged', (value) => {
    const quoted = cmdQuote(value);
    expect(quoted.ok).toBe(true);
    if (!quoted.ok) return;
    expect(crtRead(quoted.value)).toBe(value);
    // Outside quotes cmd would act on & | < > ^ ( ): either the value has none, or it is quoted.
    if (/[&|<>^() ]/.test(value) || value === '') expect(quoted.value.startsWith('"')).toBe(true);
  });

  it('leaves simple tokens bare, as the guide writes them', () => {
    expect(cmdQuote('HTTP/semail01')).toEqual({ ok: true, value: 'HTTP/semail01' });
    expect(cmdQuote('CASARRAY-ASA$')).toEqual({ ok: true, value: 'CASARRAY-ASA$' });
  });

  it.each([
    ['a"b', /"""/],
    ['100%', /"%"/],
    ['%PATH%', /"%"/],
    ['bang!', /"!"/],
    ['line1\nline2', /U\+000A/],
    ['cr\rhere', /U\+000D/],
    ['tab\there', /U\+0009/],
  ])('refuses %j, naming the character', (value, named) => {
    const quoted = cmdQuote(value);
    expect(quoted.ok).toBe(false);
    if (!quoted.ok) {
      expect(quoted.error.code).toBe('script.value-unquotable');
      expect(quoted.error.message).toMatch(named);
      expect(quoted.error.message).not.toMatch(/[\n\r\t]/);
    }
  });
});

describe('regQuote', () => {
  it.each(HOSTILE)('regedit reads %j back unchanged', (value) => {
    const quoted = regQuote(value);
    expect(quoted.ok && regRead(quoted.value)).toBe(value);
  });

  it('escapes quotes and backslashes and refuses line breaks', () => {
    expect(regQuote('say "C:\\x"')).toEqual({ ok: true, value: '"say \\"C:\\\\x\\""' });
    expect(regQuote('a\nb').ok).toBe(false);
  });
});

describe('krb5Token', () => {
  it('accepts realm and host names and refuses what would split a krb5.ini token', () => {
    expect(krb5Token('SE.AIRWLAB.COM')).toEqual({ ok: true, value: 'SE.AIRWLAB.COM' });
    for (const bad of ['', 'SE AIRWLAB', 'X}', 'a=b', '[x]', 'a#b', 'a;b', 'a\nb']) expect(krb5Token(bad).ok).toBe(false);
  });
});

describe('remedy command quoting', () => {
  it('quotes for PowerShell, doubling straight and typographic quotes', () => {
    expect(psLiteral('aw_KCDsvc')).toBe("'aw_KCDsvc'");
    expect(psLiteral("it's")).toBe("'it''s'");
    expect(psLiteral('\u2018x\u2019')).toBe("'\u2018\u2018x\u2019\u2019'");
    expect(psLiteral('$(Remove-Item C:\\)')).toBe("'$(Remove-Item C:\\)'");
  });

  it('leaves plain SPNs and account names bare for native tools', () => {
    expect(nativeArg('HTTP/semail01.se.airwlab.com')).toBe('HTTP/semail01.se.airwlab.com');
    expect(nativeArg('SEMAIL01$')).toBe('SEMAIL01$');
    expect(nativeArg('a b;c')).toBe("'a b;c'");
    expect(nativeArg('/manualpeerlist:sedc01.se.airwlab.com')).toBe('/manualpeerlist:sedc01.se.airwlab.com');
  });

  it('quotes what PowerShell would expand in a bare argument', () => {
    expect(nativeArg('a$b')).toBe("'a$b'");
    expect(nativeArg('$env:x')).toBe("'$env:x'");
    expect(nativeArg('@splat')).toBe("'@splat'");
    expect(nativeArg("o'brien$")).toBe("'o''brien$'");
  });

  it('matches one attribute value with -LDAPFilter, escaped for the filter and for PowerShell', () => {
    expect(ldapFilterArg('userPrincipalName', 'alice@se.airwlab.com')).toBe("'(userPrincipalName=alice@se.airwlab.com)'");
    expect(ldapFilterArg('userPrincipalName', "o'b*$(x)@corp")).toBe("'(userPrincipalName=o''b\\2a$\\28x\\29@corp)'");
  });
});
