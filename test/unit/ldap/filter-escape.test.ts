import { describe, expect, it } from 'vitest';
import { EqualityFilter, ExtensibleFilter, FilterParser, AndFilter } from 'ldapts';
import { escapeFilterValue, filter } from '../../../app/ldap/filter-escape';

const HOSTILE = [
  '*',
  '*)(objectClass=*',
  'a)(|(sAMAccountName=*',
  '\\',
  '\\2a',
  'x\u0000y',
  '()',
  'Ünïcødé-ユーザー',
  '😀*(😀)',
  'HTTP/semail01.se.airwlab.com',
  '',
];

describe('escapeFilterValue (RFC 4515 section 3)', () => {
  it('escapes exactly the five special octets', () => {
    expect(escapeFilterValue('*()\\\u0000')).toBe('\\2a\\28\\29\\5c\\00');
    expect(escapeFilterValue('plain value-1.2/3')).toBe('plain value-1.2/3');
  });

  it("leaves UTF-8 text alone, so ldapts sends the value's own UTF-8 bytes", () => {
    expect(escapeFilterValue('Ünïcødé')).toBe('Ünïcødé');
  });

  it.each(HOSTILE)("round-trips %j through ldapts' filter parser as one equality value", (value) => {
    const parsed = FilterParser.parseString(`(sAMAccountName=${escapeFilterValue(value)})`);
    if (value === '') {
      expect(parsed).toBeInstanceOf(EqualityFilter);
      return;
    }
    expect(parsed).toBeInstanceOf(EqualityFilter);
    expect((parsed as EqualityFilter).value).toBe(value);
  });

  it('cannot widen a filter: an injected clause stays inside the value', () => {
    const f = filter`(&(objectClass=user)(sAMAccountName=${'x)(objectClass=*'}))`;
    const parsed = FilterParser.parseString(f) as AndFilter;
    expect(parsed).toBeInstanceOf(AndFilter);
    expect(parsed.filters).toHaveLength(2);
    expect((parsed.filters[1] as EqualityFilter).value).toBe('x)(objectClass=*');
  });

  it('escapes values inside an extensible match (LDAP_MATCHING_RULE_IN_CHAIN)', () => {
    const dn = 'CN=Protected Users (*),CN=Users,DC=x';
    const parsed = FilterParser.parseString(filter`(memberOf:1.2.840.113556.1.4.1941:=${dn})`) as ExtensibleFilter;
    expect(parsed).toBeInstanceOf(ExtensibleFilter);
    expect(parsed.rule).toBe('1.2.840.113556.1.4.1941');
    expect(parsed.value).toBe(dn);
  });
});
