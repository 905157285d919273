/**
 * A strict, bounded DER reader over bytes in memory (ITU-T X.690 §8 and §10). It reads
 * only what X.509 CRLs and certificate containers use: single-byte tags, definite lengths
 * in minimal form. Every read is checked against the enclosing element's end, so a length
 * that points past its parent is an error, never an out-of-range read.
 *
 * Malformed input raises DerError: the CRL walker's inner loop runs a million times and
 * cannot afford a Result allocation per element, so the parsers throw it and their public
 * entry points turn it into a CoreError value.
 */

export type DerErrorCode = 'der.truncated' | 'der.bad-tag' | 'der.bad-length' | 'der.too-long' | 'der.trailing-bytes' | 'der.bad-value' | 'der.unsupported';

export class DerError extends Error {
  constructor(
    readonly code: DerErrorCode,
    readonly offset: number,
    message: string,
  ) {
    super(`${message} (at byte ${offset})`);
    this.name = 'DerError';
  }
}

export const TAG = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  enumerated: 0x0a,
  utf8String: 0x0c,
  sequence: 0x30,
  set: 0x31,
  printableString: 0x13,
  ia5String: 0x16,
  utcTime: 0x17,
  generalizedTime: 0x18,
  context0: 0xa0,
  context1: 0xa1,
  context2: 0xa2,
  context3: 0xa3,
} as const;

/** One element: its tag, and absolute offsets of its first byte, its content and its end. */
export interface Tlv {
  readonly tag: number;
  readonly start: number;
  readonly contentStart: number;
  readonly end: number;
}

/** A header read from a buffer that may end early (the streaming walker), or null when it does. */
export interface Header {
  readonly tag: number;
  readonly headerLength: number;
  readonly length: number;
}

/**
 * Reads a tag and length at `pos`; null when the bytes before `available` do not hold the
 * whole header yet. Lengths above 2^32-1 and non-minimal forms are refused (X.690 §10.1).
 */
export function readHeader(buf: Uint8Array, pos: number, available: number): Header | null {
  if (available - pos < 2) return null;
  const tag = buf[pos] as number;
  if ((tag & 0x1f) === 0x1f) throw new DerError('der.unsupported', pos, 'multi-byte tags are not used in X.509');
  const first = buf[pos + 1] as number;
  if (first < 0x80) return { tag, headerLength: 2, length: first };
  const count = first & 0x7f;
  if (count === 0) throw new DerError('der.bad-length', pos + 1, 'indefinite length is not DER');
  if (count > 4) throw new DerError('der.too-long', pos + 1, `a length of ${count} octets is beyond any CRL`);
  if (available - pos < 2 + count) return null;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + (buf[pos + 2 + i] as number);
  if (buf[pos + 2] === 0 || length < 0x80) {
    throw new DerError('der.bad-length', pos + 1, 'length is not in minimal form');
  }
  return { tag, headerLength: 2 + count, length };
}

/** Reads one whole element at `pos` that must end by `limit`. */
export function readTlv(buf: Uint8Array, pos: number, limit: number): Tlv {
  const header = readHeader(buf, pos, limit);
  if (header === null) throw new DerError('der.truncated', pos, 'element header runs past its container');
  const end = pos + header.headerLength + header.length;
  if (end > limit) throw new DerError('der.truncated', pos, 'element runs past its container');
  return { tag: header.tag, start: pos, contentStart: pos + header.headerLength, end };
}

/** Reads one element of the given tag. */
export function expectTlv(buf: Uint8Array, pos: number, limit: number, tag: number, what: string): Tlv {
  const tlv = readTlv(buf, pos, limit);
  if (tlv.tag !== tag) {
    throw new DerError('der.bad-tag', pos, `${what}: expected tag 0x${hex2(tag)}, found 0x${hex2(tlv.tag)}`);
  }
  return tlv;
}

/** Reads an element that must fill `buf` from `pos` to `limit` exactly. */
export function readWhole(buf: Uint8Array, pos: number, limit: number, tag: number, what: string): Tlv {
  const tlv = expectTlv(buf, pos, limit, tag, what);
  if (tlv.end !== limit) throw new DerError('der.trailing-bytes', tlv.end, `${what}: bytes after the element`);
  return tlv;
}

/** The direct children of a constructed element. */
export function children(buf: Uint8Array, parent: Tlv): Tlv[] {
  if ((parent.tag & 0x20) === 0) throw new DerError('der.bad-tag', parent.start, 'a primitive element has no children');
  const out: Tlv[] = [];
  let pos = parent.contentStart;
  while (pos < parent.end) {
    const tlv = readTlv(buf, pos, parent.end);
    out.push(tlv);
    pos = tlv.end;
  }
  return out;
}

export function decodeOid(buf: Uint8Array, tlv: Tlv): string {
  if (tlv.tag !== TAG.oid) throw new DerError('der.bad-tag', tlv.start, 'expected an OBJECT IDENTIFIER');
  const { contentStart: start, end } = tlv;
  if (end === start) throw new DerError('der.bad-value', start, 'empty OBJECT IDENTIFIER');
  const arcs: number[] = [];
  let value = 0;
  let fresh = true;
  for (let i = start; i < end; i++) {
    const byte = buf[i] as number;
    if (fresh && byte === 0x80) throw new DerError('der.bad-value', i, 'OBJECT IDENTIFIER arc is not minimal');
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) throw new DerError('der.too-long', i, 'OBJECT IDENTIFIER arc too large');
    fresh = (byte & 0x80) === 0;
    if (fresh) {
      arcs.push(value);
      value = 0;
    }
  }
  if (!fresh) throw new DerError('der.truncated', end, 'OBJECT IDENTIFIER ends inside an arc');
  const head = arcs[0] as number;
  const first = head < 40 ? 0 : head < 80 ? 1 : 2;
  return [first, head - first * 40, ...arcs.slice(1)].join('.');
}

/**
 * An INTEGER as lower-case hex without sign-padding zero octets: the form serial numbers
 * are compared in (a certificate's 00 A1… and a CRL's 00 A1… both become "a1…").
 */
export function integerHex(buf: Uint8Array, tlv: Tlv): string {
  if (tlv.tag !== TAG.integer) throw new DerError('der.bad-tag', tlv.start, 'expected an INTEGER');
  checkIntegerContent(buf, tlv.contentStart, tlv.end);
  let start = tlv.contentStart;
  while (start < tlv.end - 1 && buf[start] === 0) start++;
  return Buffer.from(buf.buffer, buf.byteOffset + start, tlv.end - start).toString('hex');
}

/** A non-negative INTEGER (CRL numbers, RFC 5280 §5.2.3: at most 20 octets). */
export function integerBig(buf: Uint8Array, tlv: Tlv): bigint {
  if (tlv.tag !== TAG.integer && tlv.tag !== TAG.enumerated) {
    throw new DerError('der.bad-tag', tlv.start, 'expected an INTEGER');
  }
  checkIntegerContent(buf, tlv.contentStart, tlv.end);
  if (((buf[tlv.contentStart] as number) & 0x80) !== 0) throw new DerError('der.bad-value', tlv.start, 'negative number');
  if (tlv.end - tlv.contentStart > 21) throw new DerError('der.too-long', tlv.start, 'number longer than 20 octets');
  let value = 0n;
  for (let i = tlv.contentStart; i < tlv.end; i++) value = (value << 8n) | BigInt(buf[i] as number);
  return value;
}

/** X.690 §8.3.2: at least one octet, and the first nine bits are not all equal. */
export function checkIntegerContent(buf: Uint8Array, start: number, end: number): void {
  if (end === start) throw new DerError('der.bad-value', start, 'empty INTEGER');
  if (end - start > 1) {
    const a = buf[start] as number;
    const b = buf[start + 1] as number;
    if ((a === 0 && (b & 0x80) === 0) || (a === 0xff && (b & 0x80) !== 0)) {
      throw new DerError('der.bad-value', start, 'INTEGER is not in minimal form');
    }
  }
}

export function decodeBoolean(buf: Uint8Array, tlv: Tlv): boolean {
  if (tlv.tag !== TAG.boolean || tlv.end - tlv.contentStart !== 1) {
    throw new DerError('der.bad-value', tlv.start, 'expected a one-octet BOOLEAN');
  }
  const v = buf[tlv.contentStart];
  if (v === 0) return false;
  if (v === 0xff) return true;
  throw new DerError('der.bad-value', tlv.contentStart, 'BOOLEAN must be 00 or FF in DER');
}

/**
 * UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSSZ) as RFC 5280 §4.1.2.5 and
 * §5.1.2.4 require them: seconds present, Zulu, no fractions. Returns milliseconds since
 * the epoch; throws on anything else, including a 30th of February.
 */
export function decodeTimeAt(buf: Uint8Array, tag: number, start: number, end: number): number {
  let year: number;
  let p: number;
  if (tag === TAG.utcTime) {
    if (end - start !== 13) throw new DerError('der.bad-value', start, 'UTCTime must be YYMMDDHHMMSSZ');
    const yy = digits2(buf, start);
    year = yy < 50 ? 2000 + yy : 1900 + yy; // RFC 5280 §4.1.2.5.1
    p = start + 2;
  } else if (tag === TAG.generalizedTime) {
    if (end - start !== 15) throw new DerError('der.bad-value', start, 'GeneralizedTime must be YYYYMMDDHHMMSSZ');
    year = digits2(buf, start) * 100 + digits2(buf, start + 2);
    p = start + 4;
  } else {
    throw new DerError('der.bad-tag', start, 'expected UTCTime or GeneralizedTime');
  }
  const month = digits2(buf, p);
  const day = digits2(buf, p + 2);
  const hour = digits2(buf, p + 4);
  const minute = digits2(buf, p + 6);
  const second = digits2(buf, p + 8);
  if (buf[p + 10] !== 0x5a) throw new DerError('der.bad-value', p + 10, 'time must end in Z (UTC)');
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) {
    throw new DerError('der.bad-value', start, 'time out of range');
  }
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

function digits2(buf: Uint8Array, at: number): number {
  const a = (buf[at] as number) - 0x30;
  const b = (buf[at + 1] as number) - 0x30;
  if (a < 0 || a > 9 || b < 0 || b > 9) throw new DerError('der.bad-value', at, 'time has a non-digit');
  return a * 10 + b;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (DAYS[month - 1] as number);
}

export function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** Bytes of an element (header included), as a view without copying. */
export function slice(buf: Uint8Array, tlv: Tlv): Buffer {
  return Buffer.from(buf.buffer, buf.byteOffset + tlv.start, tlv.end - tlv.start);
}

/** Content bytes of an element, as a view without copying. */
export function content(buf: Uint8Array, tlv: Tlv): Buffer {
  return Buffer.from(buf.buffer, buf.byteOffset + tlv.contentStart, tlv.end - tlv.contentStart);
}
