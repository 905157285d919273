import { describe, expect, it } from 'vitest';
import { clientRealmPath, hostRealm, parseKrb5Ini, profileHas, profileValues } from '../../../app/kerberos/krb5-ini';

// Each expectation is what MIT's own parser (prof_parse.c) does with the same text;
// test/lab/krb5-ini.test.ts compares the two on mutated files with MIT's library itself.
const kdcs = (text: string, realm = 'A.TEST') => profileValues(parseKrb5Ini(text).profile, ['realms', realm], 'kdc');

describe('krb5.ini as MIT reads it', () => {
  it('skips comment lines starting with # or ;, also indented, but keeps a # later in a value', () => {
    const text = '# top\n[realms]\n; a\n   # b\n  A.TEST = {\n\t; c\n    kdc = dc1.a.test # not a comment\n  }\n';
    expect(parseKrb5Ini(text).errors).toEqual([]);
    expect(kdcs(text)).toEqual(['dc1.a.test # not a comment']);
  });

  it('reads CRLF line ends as LF', () => {
    const text = '[libdefaults]\r\n  default_realm = A.TEST\r\n[realms]\r\n  A.TEST = {\r\n    kdc = dc1.a.test:88\r\n  }\r\n';
    const { profile, errors } = parseKrb5Ini(text);
    expect(errors).toEqual([]);
    expect(profileValues(profile, ['libdefaults'], 'default_realm')).toEqual(['A.TEST']);
    expect(kdcs(text)).toEqual(['dc1.a.test:88']);
  });

  it('skips, as MIT does, a first section behind a byte-order mark, up to the next section', () => {
    const { profile, errors, skipped } = parseKrb5Ini('\ufeff[libdefaults]\n  default_realm = A.TEST\n[realms]\n  A.TEST = {\n    kdc = dc1\n  }\n');
    expect(errors).toEqual([]);
    expect(skipped).toEqual(['line 1: <BOM>[libdefaults]', 'line 2: default_realm = A.TEST']);
    expect(profileHas(profile, ['libdefaults'])).toBe(false);
    expect(profileValues(profile, ['realms', 'A.TEST'], 'kdc')).toEqual(['dc1']);
  });

  it('skips everything before a [ in the first column, an indented first header too', () => {
    expect(parseKrb5Ini('kdc = x\n  [realms]\n  A.TEST = {\n').skipped).toEqual(['line 1: kdc = x', 'line 2: [realms]', 'line 3: A.TEST = {']);
  });

  it('merges a section named twice, and reads a subsection named twice in both places', () => {
    const text =
      '[realms]\n  A.TEST = {\n    kdc = dc1\n  }\n[domain_realm]\n  .a.test = A.TEST\n[realms]\n  A.TEST = {\n    kdc = dc2:88\n    admin_server = dc2\n  }\n';
    const { profile, errors } = parseKrb5Ini(text);
    expect(errors).toEqual([]);
    expect(profileValues(profile, ['realms', 'A.TEST'], 'kdc')).toEqual(['dc1', 'dc2:88']);
    expect(profileValues(profile, ['realms', 'A.TEST'], 'admin_server')).toEqual(['dc2']);
  });

  it('keeps host:port and [v6]:port kdc values whole', () => {
    expect(kdcs('[realms]\nA.TEST = {\nkdc = dc1.a.test:88\nkdc = [fd00::1]:750\nkdc=10.0.0.1\n}\n')).toEqual(['dc1.a.test:88', '[fd00::1]:750', '10.0.0.1']);
  });

  it('reads quoted values with their escapes, up to the closing quote', () => {
    expect(kdcs('[realms]\nA.TEST = {\n  kdc = "dc 1\\t\\"x\\\\" ignored\n}\n')).toEqual(['dc 1\t"x\\']);
  });

  it('opens a subsection whose brace is on the next line, and refuses anything else there', () => {
    expect(kdcs('[realms]\n  A.TEST =\n  {\n    kdc = dc1\n  }\n')).toEqual(['dc1']);
    expect(parseKrb5Ini('[realms]\n  A.TEST =\n\n  {\n').errors[0]).toBe('line 3: the "{" of the subsection opened on the line before must start this line');
    expect(parseKrb5Ini('[realms]\n  A.TEST =').errors).toEqual(['end of file: the "{" of the last subsection is missing']);
  });

  it('drops the final marker * from tags and sections', () => {
    const { profile, errors } = parseKrb5Ini('[libdefaults]*\n  default_realm* = A.TEST\n[realms]\n  A.TEST* = {\n    kdc = dc1\n  }*\n');
    expect(errors).toEqual([]);
    expect(profileValues(profile, ['libdefaults'], 'default_realm')).toEqual(['A.TEST']);
    expect(profileValues(profile, ['realms', 'A.TEST'], 'kdc')).toEqual(['dc1']);
  });

  it('names each line MIT refuses, and reads on', () => {
    const text = '[realms]\n  A.TEST = {\n    kdc = x\n  garbage\n  kdc dc = y\n  = z\n  [domain_realm]\n  }\n}\n[bad] x\n';
    const { profile, errors } = parseKrb5Ini(text);
    expect(errors).toEqual([
      'line 4: not "tag = value"',
      'line 5: not "tag = value"',
      'line 6: not "tag = value"',
      'line 7: [section] inside a "{ … }" subsection (a "}" is missing above)',
      'line 9: "}" without "{"',
      'line 10: not "[section]"',
    ]);
    expect(profileValues(profile, ['realms', 'A.TEST'], 'kdc')).toEqual(['x']);
  });

  it('reads on after a first section header MIT refuses (found by test/lab/krb5-ini.test.ts)', () => {
    expect(parseKrb5Ini('[libdefaults\n  default_realm = A.TEST\n  A.TEST = {\n').errors).toEqual([
      'line 1: not "[section]"',
      'line 2: "tag = value" outside any [section]',
      'line 3: "tag = value" outside any [section]',
    ]);
  });

  it('accepts a brace left open at the end, as MIT does', () => {
    expect(parseKrb5Ini('[realms]\n  A.TEST = {\n    kdc = x\n').errors).toEqual([]);
  });

  it('keeps section and tag names as written: MIT compares them exactly', () => {
    const { profile } = parseKrb5Ini('[ realms ]\n  A.TEST = {\n    kdc = x\n  }\n[Realms]\n  A.TEST = {\n    kdc = y\n  }\n');
    expect(profileHas(profile, ['realms'])).toBe(false);
    expect(profileValues(profile, ['Realms', 'A.TEST'], 'kdc')).toEqual(['y']);
  });

  it.each([
    ['h.se.a.test', 'SE.A.TEST'],
    ['se.a.test', 'BARE.SE'],
    ['h.x.se.a.test', 'SE.A.TEST'],
    ['h.a.test', 'A.TEST'],
    ['H.A.TEST.', 'A.TEST'],
    ['exact.a.test', 'EXACT'],
    ['h.other', null],
  ])('maps %s to %s from [domain_realm] as MIT does: host, .suffix, suffix, each level', (host, realm) => {
    const { profile } = parseKrb5Ini('[domain_realm]\n  .se.a.test = SE.A.TEST\n  se.a.test = BARE.SE\n  a.test = A.TEST\n  exact.a.test = EXACT\n');
    expect(hostRealm(profile, host)).toBe(realm);
  });

  it.each([
    [[], ['A', 'B']],
    [['.'], ['A', 'B']],
    [
      ['.', 'X'],
      ['A', 'B'],
    ],
    [
      ['X', 'Y  rest'],
      ['A', 'X', 'Y', 'B'],
    ],
    [
      ['X', '.'],
      ['A', 'X', '.', 'B'],
    ],
  ])("walks [capaths] %j from A to B as MIT's client does", (values, path) => {
    expect(clientRealmPath(values, 'A', 'B')).toEqual(path);
  });

  it('never throws: 3000 random files of krb5.ini fragments come back as values and errors', () => {
    const parts = ['[realms]', '[', ']', '{', '}', '}*', ' = ', '=', 'A.TEST', 'kdc', '"', '\\', '#', ';', '*', ' ', '\t', '\r', '\n', '\ufeff', 'x'];
    let seed = 0x1234;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 3000; i++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 60) }, () => parts[Math.floor(next() * parts.length)]).join('');
      const { profile, errors, skipped } = parseKrb5Ini(text);
      expect(errors.every((e) => typeof e === 'string') && skipped.every((e) => typeof e === 'string')).toBe(true);
      expect(() => hostRealm(profile, 'h.a.test')).not.toThrow();
    }
  });
});
