import { describe, expect, it } from 'vitest';
import { DnSyntaxError, dnsDomainOf, escapeDnValue, leafName, parseDn } from '../../../app/ldap/dn';

describe('escapeDnValue (RFC 4514 section 2.4)', () => {
  it('escapes the specials anywhere, # and space at the start, space at the end, NUL', () => {
    expect(escapeDnValue('a,b+c;d<e>f"g\\h=i')).toBe('a\\,b\\+c\\;d\\<e\\>f\\"g\\\\h\\=i');
    expect(escapeDnValue('#lead')).toBe('\\#lead');
    expect(escapeDnValue(' both ')).toBe('\\ both\\ ');
    expect(escapeDnValue('mid # and space')).toBe('mid # and space');
    expect(escapeDnValue('nul\u0000')).toBe('nul\\00');
    expect(escapeDnValue('Ünïcødé ユーザー')).toBe('Ünïcødé ユーザー');
  });

  it.each(['Lab, Alice', ' #x,y+z ', 'a\\b', 'semi;colon', 'quote"s', 'ユーザー, 😀', 'x\u0000'])('round-trips %j through parseDn', (value) => {
    const dn = `CN=${escapeDnValue(value)},OU=Users,DC=se,DC=airwlab,DC=com`;
    const rdns = parseDn(dn);
    expect(rdns).toHaveLength(5);
    expect(rdns[0]).toEqual({ type: 'CN', value });
  });
});

describe('parseDn', () => {
  it('unescapes hex pairs that spell UTF-8', () => {
    expect(parseDn('CN=J\\C3\\BCrgen,DC=x')[0]?.value).toBe('Jürgen');
    expect(parseDn('CN=a\\2Cb,DC=x')[0]?.value).toBe('a,b');
  });

  it('rejects broken DNs with a typed error', () => {
    expect(() => parseDn('no equals sign')).toThrow(DnSyntaxError);
    expect(() => parseDn('CN=dangling\\')).toThrow(DnSyntaxError);
    expect(() => parseDn('CN=bad\\FF\\FE,DC=x')).toThrow(DnSyntaxError);
    expect(() => parseDn('C N=x')).toThrow(DnSyntaxError);
  });

  it('gives the DNS domain and the leaf name of a DN', () => {
    expect(dnsDomainOf('CN=Alice Lab,CN=Users,DC=SE,DC=airwlab,DC=com')).toBe('se.airwlab.com');
    expect(leafName('CN=Alice Lab,CN=Users,DC=se,DC=airwlab,DC=com')).toBe('Alice Lab');
    expect(parseDn('')).toEqual([]);
  });
});
