import {
  CLASS_APPLICATION,
  CLASS_CONTEXT,
  TAG_BIT_STRING,
  TAG_BOOLEAN,
  TAG_GENERAL_STRING,
  TAG_GENERALIZED_TIME,
  TAG_INTEGER,
  TAG_OCTET_STRING,
  TAG_OID,
  TAG_SEQUENCE,
} from './der-reader';

/** DER encoders (X.690 §10): definite minimal lengths; callers build structures bottom-up. */

function lengthBytes(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const out: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return Uint8Array.of(0x80 | out.length, ...out);
}

export function tlv(cls: number, constructed: boolean, tag: number, value: Uint8Array): Uint8Array {
  const head = (cls << 6) | (constructed ? 0x20 : 0) | tag;
  return concat([Uint8Array.of(head), lengthBytes(value.length), value]);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  return Buffer.concat(parts.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
}

export function seq(parts: readonly (Uint8Array | undefined)[]): Uint8Array {
  return tlv(0, true, TAG_SEQUENCE, concat(parts.filter((p): p is Uint8Array => p !== undefined)));
}

/** `[n] EXPLICIT inner`. */
export function ctx(n: number, inner: Uint8Array): Uint8Array {
  return tlv(CLASS_CONTEXT, true, n, inner);
}

/** `[n] EXPLICIT inner` when present, nothing otherwise (OPTIONAL fields). */
export function opt<T>(n: number, value: T | undefined, enc: (v: T) => Uint8Array): Uint8Array | undefined {
  return value === undefined ? undefined : ctx(n, enc(value));
}

export function app(n: number, inner: Uint8Array): Uint8Array {
  return tlv(CLASS_APPLICATION, true, n, inner);
}

export function integer(n: number): Uint8Array {
  if (!Number.isSafeInteger(n)) throw new RangeError(`integer ${n} is not safe`);
  const bytes: number[] = [];
  let v = n;
  do {
    bytes.unshift(((v % 256) + 256) % 256);
    v = Math.floor(v / 256);
  } while (v !== 0 && v !== -1);
  const top = bytes[0] ?? 0;
  if (n >= 0 && top >= 0x80) bytes.unshift(0);
  if (n < 0 && top < 0x80) bytes.unshift(0xff);
  return tlv(0, false, TAG_INTEGER, Uint8Array.from(bytes));
}

export function octets(b: Uint8Array): Uint8Array {
  return tlv(0, false, TAG_OCTET_STRING, b);
}

export function boolean(b: boolean): Uint8Array {
  return tlv(0, false, TAG_BOOLEAN, Uint8Array.of(b ? 0xff : 0));
}

export function generalString(s: string): Uint8Array {
  return tlv(0, false, TAG_GENERAL_STRING, Buffer.from(s, 'latin1'));
}

/** KerberosTime: whole seconds, UTC, `YYYYMMDDHHMMSSZ`. */
export function kerberosTime(d: Date): Uint8Array {
  const iso = d.toISOString();
  const s = iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10) + iso.slice(11, 13) + iso.slice(14, 16) + iso.slice(17, 19) + 'Z';
  return tlv(0, false, TAG_GENERALIZED_TIME, Buffer.from(s, 'latin1'));
}

/**
 * A 32-bit flag field as BIT STRING: Kerberos sends all 32 bits even when trailing ones are
 * zero (RFC 4120 §5.2.8 requires at least 32 bits), so no trailing-zero trimming here.
 */
export function bitString32(bits: number): Uint8Array {
  const v = Buffer.alloc(5);
  v.writeUInt32BE(bits >>> 0, 1);
  return tlv(0, false, TAG_BIT_STRING, v);
}

export function oid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const [a = 0, b = 0, ...rest] = arcs;
  const out: number[] = [];
  for (const arc of [a * 40 + b, ...rest]) {
    const chunk: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift(0x80 | (v & 0x7f));
    out.push(...chunk);
  }
  return tlv(0, false, TAG_OID, Uint8Array.from(out));
}

/** The flag word with bit i set for each i (bit 0 = most significant, as Kerberos numbers them). */
export function flagWord(bits: readonly number[]): number {
  let w = 0;
  for (const b of bits) w |= 1 << (31 - b);
  return w >>> 0;
}
