/**
 * A strict DER reader for the Kerberos messages (X.690 §10, RFC 4120 §5.1). It accepts only
 * definite, minimally encoded lengths and low-form tags, and every length is checked against
 * the bytes that are really there, so a hostile KDC reply cannot make us read past a buffer,
 * allocate from a forged length, or recurse: decoders walk a fixed schema, never the input's shape.
 */

export type DerErrorCode =
  | 'DER_TRUNCATED'
  | 'DER_BAD_LENGTH'
  | 'DER_INDEFINITE_LENGTH'
  | 'DER_HIGH_TAG'
  | 'DER_UNEXPECTED_TAG'
  | 'DER_TRAILING_BYTES'
  | 'DER_BAD_VALUE'
  | 'DER_TOO_LARGE'
  | 'DER_TOO_MANY';

/** A malformed input. Thrown inside the decoders and turned into a Result at their boundary. */
export class DerError extends Error {
  constructor(
    readonly code: DerErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DerError';
  }
}

/** Upper bound for any one message: KDC replies with a PAC are 1.5–2 KB, tickets a few KB. */
export const MAX_MESSAGE_BYTES = 1 << 20;
/** Upper bound for SEQUENCE OF members (etype lists, PA-DATA, tickets). */
export const MAX_ELEMENTS = 256;

export const CLASS_UNIVERSAL = 0;
export const CLASS_APPLICATION = 1;
export const CLASS_CONTEXT = 2;

export const TAG_BOOLEAN = 1;
export const TAG_INTEGER = 2;
export const TAG_BIT_STRING = 3;
export const TAG_OCTET_STRING = 4;
export const TAG_OID = 6;
export const TAG_ENUMERATED = 10;
export const TAG_SEQUENCE = 16;
export const TAG_GENERALIZED_TIME = 24;
export const TAG_GENERAL_STRING = 27;

export interface Tlv {
  readonly cls: number;
  readonly constructed: boolean;
  readonly tag: number;
  /** The contents octets (a view into the input). */
  readonly value: Uint8Array;
  /** The whole element, header included (a view into the input). */
  readonly raw: Uint8Array;
}

function describe(cls: number, tag: number): string {
  const names = ['UNIVERSAL', 'APPLICATION', 'CONTEXT', 'PRIVATE'];
  return `[${names[cls] ?? cls} ${tag}]`;
}

/** Reads one element at `offset`; returns it and the offset after it. */
export function readTlv(buf: Uint8Array, offset: number): { tlv: Tlv; next: number } {
  if (buf.length > MAX_MESSAGE_BYTES) throw new DerError('DER_TOO_LARGE', `input of ${buf.length} bytes exceeds ${MAX_MESSAGE_BYTES}`);
  let p = offset;
  const first = buf[p++];
  if (first === undefined) throw new DerError('DER_TRUNCATED', `no element at offset ${offset}`);
  const cls = first >> 6;
  const constructed = (first & 0x20) !== 0;
  const tag = first & 0x1f;
  // Every tag Kerberos, SPNEGO and GSS use is below 31; the multi-byte form is only an attack surface.
  if (tag === 0x1f) throw new DerError('DER_HIGH_TAG', `high-tag-number form at offset ${offset}`);
  const lenByte = buf[p++];
  if (lenByte === undefined) throw new DerError('DER_TRUNCATED', `no length at offset ${offset + 1}`);
  let length: number;
  if (lenByte < 0x80) {
    length = lenByte;
  } else if (lenByte === 0x80) {
    throw new DerError('DER_INDEFINITE_LENGTH', `indefinite length at offset ${offset + 1} (not DER)`);
  } else {
    const count = lenByte & 0x7f;
    if (count > 4) throw new DerError('DER_BAD_LENGTH', `length of ${count} octets at offset ${offset + 1}`);
    length = 0;
    for (let i = 0; i < count; i++) {
      const b = buf[p++];
      if (b === undefined) throw new DerError('DER_TRUNCATED', `length cut short at offset ${offset + 1}`);
      if (i === 0 && b === 0) throw new DerError('DER_BAD_LENGTH', `length with a leading zero at offset ${offset + 1} (not DER)`);
      length = length * 256 + b;
    }
    if (length < 0x80) throw new DerError('DER_BAD_LENGTH', `long-form length ${length} at offset ${offset + 1} (not DER)`);
  }
  if (length > buf.length - p) {
    throw new DerError('DER_TRUNCATED', `${describe(cls, tag)} claims ${length} bytes, ${buf.length - p} remain`);
  }
  const value = buf.subarray(p, p + length);
  return { tlv: { cls, constructed, tag, value, raw: buf.subarray(offset, p + length) }, next: p + length };
}

/** Reads exactly one element that fills the whole buffer. */
export function readOne(buf: Uint8Array): Tlv {
  const { tlv, next } = readTlv(buf, 0);
  if (next !== buf.length) throw new DerError('DER_TRAILING_BYTES', `${buf.length - next} bytes after the element`);
  return tlv;
}

/** The elements inside a constructed element, in order (bounded count). */
export function children(tlv: Tlv): Tlv[] {
  if (!tlv.constructed) throw new DerError('DER_UNEXPECTED_TAG', `${describe(tlv.cls, tlv.tag)} is primitive, expected constructed`);
  const out: Tlv[] = [];
  let p = 0;
  while (p < tlv.value.length) {
    if (out.length >= MAX_ELEMENTS) throw new DerError('DER_TOO_MANY', `more than ${MAX_ELEMENTS} elements`);
    const { tlv: child, next } = readTlv(tlv.value, p);
    out.push(child);
    p = next;
  }
  return out;
}

export function expectTag(tlv: Tlv, cls: number, tag: number, what: string): Tlv {
  if (tlv.cls !== cls || tlv.tag !== tag) {
    throw new DerError('DER_UNEXPECTED_TAG', `${what}: expected ${describe(cls, tag)}, found ${describe(tlv.cls, tlv.tag)}`);
  }
  return tlv;
}

/** Unwraps `[APPLICATION n] SEQUENCE` (the outer shape of every Kerberos message). */
export function application(buf: Uint8Array, n: number, what: string): Tlv {
  const outer = expectTag(readOne(buf), CLASS_APPLICATION, n, what);
  if (!outer.constructed) throw new DerError('DER_UNEXPECTED_TAG', `${what}: application tag is primitive`);
  const inner = children(outer);
  if (inner.length !== 1 || inner[0] === undefined) throw new DerError('DER_BAD_VALUE', `${what}: expected one SEQUENCE inside`);
  return sequence(inner[0], what);
}

export function sequence(tlv: Tlv, what: string): Tlv {
  expectTag(tlv, CLASS_UNIVERSAL, TAG_SEQUENCE, what);
  if (!tlv.constructed) throw new DerError('DER_UNEXPECTED_TAG', `${what}: SEQUENCE is primitive`);
  return tlv;
}

/**
 * The context-tagged fields [n] of a SEQUENCE, checked for strictly increasing tags (DER
 * order, no duplicates) and against the allowed tag set. Each value is the explicit inner element.
 */
export function fields(seq: Tlv, what: string, allowed: readonly number[]): Map<number, Tlv> {
  const out = new Map<number, Tlv>();
  let last = -1;
  for (const child of children(seq)) {
    if (child.cls !== CLASS_CONTEXT || !child.constructed) {
      throw new DerError('DER_UNEXPECTED_TAG', `${what}: expected a context-tagged field, found ${describe(child.cls, child.tag)}`);
    }
    if (child.tag <= last) throw new DerError('DER_BAD_VALUE', `${what}: field [${child.tag}] out of order or repeated`);
    if (!allowed.includes(child.tag)) throw new DerError('DER_UNEXPECTED_TAG', `${what}: unknown field [${child.tag}]`);
    last = child.tag;
    const inner = children(child);
    if (inner.length !== 1 || inner[0] === undefined) throw new DerError('DER_BAD_VALUE', `${what}: field [${child.tag}] must hold one element`);
    out.set(child.tag, inner[0]);
  }
  return out;
}

export function required(map: Map<number, Tlv>, n: number, what: string): Tlv {
  const v = map.get(n);
  if (v === undefined) throw new DerError('DER_BAD_VALUE', `${what}: required field [${n}] is missing`);
  return v;
}

function primitive(tlv: Tlv, tag: number, what: string): Uint8Array {
  expectTag(tlv, CLASS_UNIVERSAL, tag, what);
  if (tlv.constructed) throw new DerError('DER_UNEXPECTED_TAG', `${what}: constructed form not allowed in DER`);
  return tlv.value;
}

/** INTEGER within the signed 53-bit safe range (Kerberos uses Int32/UInt32/Microseconds). */
export function readInteger(tlv: Tlv, what: string): number {
  const v = primitive(tlv, TAG_INTEGER, what);
  return integerContents(v, what);
}

function integerContents(v: Uint8Array, what: string): number {
  if (v.length === 0) throw new DerError('DER_BAD_VALUE', `${what}: empty INTEGER`);
  if (v.length > 6) throw new DerError('DER_BAD_VALUE', `${what}: INTEGER of ${v.length} bytes is out of range`);
  const b0 = v[0] ?? 0;
  const b1 = v[1];
  if (b1 !== undefined && ((b0 === 0 && b1 < 0x80) || (b0 === 0xff && b1 >= 0x80))) {
    throw new DerError('DER_BAD_VALUE', `${what}: INTEGER not minimally encoded`);
  }
  let n = b0 >= 0x80 ? b0 - 256 : b0;
  for (let i = 1; i < v.length; i++) n = n * 256 + (v[i] ?? 0);
  return n;
}

export function readInt32(tlv: Tlv, what: string): number {
  const n = readInteger(tlv, what);
  if (n < -0x80000000 || n > 0x7fffffff) throw new DerError('DER_BAD_VALUE', `${what}: ${n} is not an Int32`);
  return n;
}

export function readUInt32(tlv: Tlv, what: string): number {
  const n = readInteger(tlv, what);
  if (n < 0 || n > 0xffffffff) throw new DerError('DER_BAD_VALUE', `${what}: ${n} is not a UInt32`);
  return n;
}

export function readOctets(tlv: Tlv, what: string): Uint8Array {
  return primitive(tlv, TAG_OCTET_STRING, what);
}

export function readBoolean(tlv: Tlv, what: string): boolean {
  const v = primitive(tlv, TAG_BOOLEAN, what);
  if (v.length !== 1 || (v[0] !== 0 && v[0] !== 0xff)) throw new DerError('DER_BAD_VALUE', `${what}: BOOLEAN must be 00 or FF`);
  return v[0] === 0xff;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** KerberosString: GeneralString restricted to IA5 (RFC 4120 §5.2.1); we also refuse controls. */
export function readKerberosString(tlv: Tlv, what: string): string {
  const v = primitive(tlv, TAG_GENERAL_STRING, what);
  const s = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('latin1');
  if (!PRINTABLE_ASCII.test(s)) throw new DerError('DER_BAD_VALUE', `${what}: non-printable characters in a KerberosString`);
  return s;
}

/** KerberosTime: GeneralizedTime `YYYYMMDDHHMMSSZ`, no fractions (RFC 4120 §5.2.3). */
export function readKerberosTime(tlv: Tlv, what: string): Date {
  const v = primitive(tlv, TAG_GENERALIZED_TIME, what);
  const s = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('latin1');
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  if (!m) throw new DerError('DER_BAD_VALUE', `${what}: "${s.replace(/[^\x20-\x7e]/g, '?')}" is not a KerberosTime`);
  const [, y, mo, d, h, mi, se] = m.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || se > 59) {
    throw new DerError('DER_BAD_VALUE', `${what}: ${s} is not a valid date`);
  }
  return date;
}

/** BIT STRING as its bits, bit 0 first (Kerberos flags, RFC 4120 §5.2.8). */
export function readBitString(tlv: Tlv, what: string): boolean[] {
  const v = primitive(tlv, TAG_BIT_STRING, what);
  const unused = v[0];
  if (unused === undefined || unused > 7 || (v.length === 1 && unused !== 0)) {
    throw new DerError('DER_BAD_VALUE', `${what}: malformed BIT STRING`);
  }
  const bits: boolean[] = [];
  const total = (v.length - 1) * 8 - unused;
  for (let i = 0; i < total; i++) bits.push((((v[1 + (i >> 3)] ?? 0) >> (7 - (i & 7))) & 1) === 1);
  return bits;
}

export function readOid(tlv: Tlv, what: string): string {
  const v = primitive(tlv, TAG_OID, what);
  if (v.length === 0 || v.length > 64) throw new DerError('DER_BAD_VALUE', `${what}: OID length ${v.length}`);
  const arcs: number[] = [];
  let acc = 0;
  let started = false;
  for (const b of v) {
    if (!started && b === 0x80) throw new DerError('DER_BAD_VALUE', `${what}: OID arc with a leading 0x80`);
    started = true;
    acc = acc * 128 + (b & 0x7f);
    if (acc > Number.MAX_SAFE_INTEGER / 128) throw new DerError('DER_BAD_VALUE', `${what}: OID arc too large`);
    if ((b & 0x80) === 0) {
      arcs.push(acc);
      acc = 0;
      started = false;
    }
  }
  if (started) throw new DerError('DER_TRUNCATED', `${what}: OID ends inside an arc`);
  const first = arcs.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...arcs].join('.');
}

/** SEQUENCE OF: the members of a SEQUENCE, each parsed by `item`. */
export function readSequenceOf<T>(tlv: Tlv, what: string, item: (t: Tlv, what: string) => T): T[] {
  return children(sequence(tlv, what)).map((c, i) => item(c, `${what}[${i}]`));
}
