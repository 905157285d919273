import { describe, expect, it } from 'vitest';
import { DnSyntaxError, dnsDomainOf, leafName, parseDn } from '../../../app/ldap/dn';

describe('parseDn', () => {
  it.each([
    ['Lab\\, Alice', 'Lab, Alice'],
    ['\\ \\#x\\,y\\+z\\ ', ' #x,y+z '],
    ['a\\\\b', 'a\\b'],
    ['semi\\;colon', 'semi;colon'],
    ['quote\\"s', 'quote"s'],
    ['ユーザー\\, 😀', 'ユーザー, 😀'],
    ['x\\00', 'x\u0000'],
    ['a\\=b', 'a=b'],
  ])('unescapes the RFC 4514 value %j to %j', (escaped, value) => {
    const rdns = parseDn(`CN=${escaped},OU=Users,DC=se,DC=airwlab,DC=com`);
    expect(rdns).toHaveLength(5);
    expect(rdns[0]).toEqual({ type: 'CN', value });
  });

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
