import { describe, expect, it } from 'vitest';
import {
  DerError,
  application,
  children,
  fields,
  readBitString,
  readBoolean,
  readInteger,
  readKerberosString,
  readKerberosTime,
  readOid,
  readOne,
  readTlv,
  readUInt32,
} from '../../../app/kerberos/asn1/der-reader';
import { app, bitString32, boolean, ctx, flagWord, generalString, integer, kerberosTime, octets, oid, seq } from '../../../app/kerberos/asn1/der-writer';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const code = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof DerError) return e.code;
    throw e;
  }
  return 'no error';
};

describe('DER writer', () => {
  it('encodes integers minimally, both signs', () => {
    const cases: [number, string][] = [
      [0, '020100'],
      [127, '02017f'],
      [128, '02020080'],
      [256, '02020100'],
      [-1, '0201ff'],
      [-128, '020180'],
      [-129, '0202ff7f'],
      [-138, '0202ff76'],
      [0xffffffff, '020500ffffffff'],
    ];
    for (const [n, h] of cases) {
      expect(Buffer.from(integer(n)).toString('hex')).toBe(h);
      expect(readInteger(readOne(integer(n)), 'n')).toBe(n);
    }
  });
  it('uses long-form lengths only from 128 bytes', () => {
    expect(
      Buffer.from(octets(Buffer.alloc(127)))
        .subarray(0, 2)
        .toString('hex'),
    ).toBe('047f');
    expect(
      Buffer.from(octets(Buffer.alloc(128)))
        .subarray(0, 3)
        .toString('hex'),
    ).toBe('048180');
    expect(
      Buffer.from(octets(Buffer.alloc(300)))
        .subarray(0, 4)
        .toString('hex'),
    ).toBe('0482012c');
  });
  it('writes KerberosTime without fractions', () => {
    const t = kerberosTime(new Date(Date.UTC(2026, 10, 25, 15, 4, 5, 678)));
    expect(Buffer.from(t).toString('latin1').slice(2)).toBe('20261125150405Z');
    expect(readKerberosTime(readOne(t), 't').toISOString()).toBe('2026-11-25T15:04:05.000Z');
  });
  it('writes 32-bit flag fields with bit 0 first', () => {
    const b = bitString32(flagWord([1, 8, 14]));
    expect(Buffer.from(b).toString('hex')).toBe('03050040820000');
    const bits = readBitString(readOne(b), 'f');
    expect(bits.flatMap((v, i) => (v ? [i] : []))).toEqual([1, 8, 14]);
  });
  it('writes OIDs (krb5 and SPNEGO)', () => {
    expect(Buffer.from(oid('1.2.840.113554.1.2.2')).toString('hex')).toBe('06092a864886f712010202');
    expect(Buffer.from(oid('1.3.6.1.5.5.2')).toString('hex')).toBe('06062b0601050502');
    expect(readOid(readOne(oid('1.2.840.48018.1.2.2')), 'o')).toBe('1.2.840.48018.1.2.2');
  });
});

describe('DER reader: structure', () => {
  const msg = app(30, seq([ctx(0, integer(5)), ctx(1, integer(30)), ctx(6, generalString('EX.COM'))]));
  it('reads an application-tagged SEQUENCE and its fields', () => {
    const f = fields(application(msg, 30, 'KRB-ERROR'), 'KRB-ERROR', [0, 1, 6]);
    expect(readKerberosString(f.get(6)!, 'realm')).toBe('EX.COM');
  });
  it('rejects the wrong application tag', () => {
    expect(code(() => application(msg, 11, 'AS-REP'))).toBe('DER_UNEXPECTED_TAG');
  });
  it('rejects fields out of order, repeated, or not allowed', () => {
    const s = seq([ctx(1, integer(1)), ctx(0, integer(1))]);
    expect(code(() => fields(readOne(s), 's', [0, 1]))).toBe('DER_BAD_VALUE');
    const r = seq([ctx(1, integer(1)), ctx(1, integer(1))]);
    expect(code(() => fields(readOne(r), 's', [0, 1]))).toBe('DER_BAD_VALUE');
    expect(code(() => fields(readOne(seq([ctx(9, integer(1))])), 's', [0, 1]))).toBe('DER_UNEXPECTED_TAG');
  });
});

describe('DER reader: hostile input', () => {
  it('truncation anywhere is DER_TRUNCATED, never a crash', () => {
    const msg = Buffer.from(app(30, seq([ctx(0, integer(5)), ctx(1, octets(Buffer.alloc(200, 1)))])));
    for (let n = 0; n < msg.length; n++) {
      const c = code(() => readOne(msg.subarray(0, n)));
      expect(['DER_TRUNCATED', 'DER_BAD_LENGTH']).toContain(c);
    }
  });
  it('a length that claims more than is there', () => {
    expect(code(() => readOne(hex('3084 7fffffff 00')))).toBe('DER_TRUNCATED');
  });
  it('indefinite lengths (BER) are refused', () => {
    expect(code(() => readOne(hex('3080 0000')))).toBe('DER_INDEFINITE_LENGTH');
  });
  it('non-minimal lengths are refused', () => {
    expect(code(() => readOne(hex('048105 0102030405')))).toBe('DER_BAD_LENGTH');
    expect(code(() => readOne(hex('04820005 0102030405')))).toBe('DER_BAD_LENGTH');
    expect(code(() => readOne(hex('0485 0000000001 00')))).toBe('DER_BAD_LENGTH');
  });
  it('high tag numbers are refused', () => {
    expect(code(() => readOne(hex('1f8101 00')))).toBe('DER_HIGH_TAG');
  });
  it('trailing bytes are refused', () => {
    expect(code(() => readOne(hex('020100 00')))).toBe('DER_TRAILING_BYTES');
  });
  it('non-minimal or oversized integers are refused', () => {
    expect(code(() => readInteger(readOne(hex('02020001')), 'n'))).toBe('DER_BAD_VALUE');
    expect(code(() => readInteger(readOne(hex('0202ff80')), 'n'))).toBe('DER_BAD_VALUE');
    expect(code(() => readInteger(readOne(hex('0200')), 'n'))).toBe('DER_BAD_VALUE');
    expect(code(() => readInteger(readOne(hex('0209 010000000000000000')), 'n'))).toBe('DER_BAD_VALUE');
    expect(code(() => readUInt32(readOne(integer(-1)), 'n'))).toBe('DER_BAD_VALUE');
    expect(code(() => readUInt32(readOne(integer(2 ** 32)), 'n'))).toBe('DER_BAD_VALUE');
  });
  it('constructed strings (BER) are refused', () => {
    expect(code(() => readInteger(readOne(hex('2203 020100')), 'n'))).toBe('DER_UNEXPECTED_TAG');
  });
  it('bad booleans, bit strings, times, strings, OIDs', () => {
    expect(readBoolean(readOne(boolean(true)), 'b')).toBe(true);
    expect(code(() => readBoolean(readOne(hex('010101')), 'b'))).toBe('DER_BAD_VALUE');
    expect(code(() => readBitString(readOne(hex('030108')), 'b'))).toBe('DER_BAD_VALUE');
    expect(code(() => readBitString(readOne(hex('0300')), 'b'))).toBe('DER_BAD_VALUE');
    expect(code(() => readKerberosTime(readOne(Buffer.from('180d3230323631313235313530345a', 'hex')), 't'))).toBe('DER_BAD_VALUE');
    expect(code(() => readKerberosTime(readOne(hex('180f')), 't'))).toBe('DER_TRUNCATED');
    const feb30 = Buffer.concat([hex('180f'), Buffer.from('20260230120000Z')]);
    expect(code(() => readKerberosTime(readOne(feb30), 't'))).toBe('DER_BAD_VALUE');
    const frac = Buffer.concat([hex('1811'), Buffer.from('20260101120000.5Z')]);
    expect(code(() => readKerberosTime(readOne(frac), 't'))).toBe('DER_BAD_VALUE');
    expect(code(() => readKerberosString(readOne(hex('1b03 41 0a 42')), 's'))).toBe('DER_BAD_VALUE');
    expect(code(() => readOid(readOne(hex('0602 2a86')), 'o'))).toBe('DER_TRUNCATED');
    expect(code(() => readOid(readOne(hex('0603 2a8001')), 'o'))).toBe('DER_BAD_VALUE');
  });
  it('too many elements in one SEQUENCE', () => {
    const many = seq(Array.from({ length: 300 }, () => integer(0)));
    expect(code(() => children(readOne(many)))).toBe('DER_TOO_MANY');
  });
  it('deep nesting costs nothing: decoders never recurse on the input shape', () => {
    let deep: Uint8Array = integer(0);
    for (let i = 0; i < 2000; i++) deep = seq([deep]);
    const { tlv } = readTlv(deep, 0);
    expect(children(tlv)).toHaveLength(1);
  });
});
