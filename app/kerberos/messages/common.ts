import { fields, readInt32, readOctets, readUInt32, required, sequence, type Tlv } from '../asn1/der-reader';
import { ctx, integer, octets, opt, seq } from '../asn1/der-writer';

/** EncryptedData, EncryptionKey, Checksum and PA-DATA (RFC 4120 §5.2.6, §5.2.9, §5.2.7). */

export interface EncryptedData {
  readonly etype: number;
  readonly kvno?: number;
  readonly cipher: Uint8Array;
}

export interface EncryptionKey {
  readonly etype: number;
  readonly value: Uint8Array;
}

export interface Checksum {
  readonly cksumtype: number;
  readonly checksum: Uint8Array;
}

export interface PaData {
  readonly type: number;
  readonly value: Uint8Array;
}

export function encodeEncryptedData(d: EncryptedData): Uint8Array {
  return seq([ctx(0, integer(d.etype)), opt(1, d.kvno, integer), ctx(2, octets(d.cipher))]);
}

export function parseEncryptedData(t: Tlv, what: string): EncryptedData {
  const f = fields(sequence(t, what), what, [0, 1, 2]);
  const kvnoTlv = f.get(1);
  const etype = readInt32(required(f, 0, what), `${what}.etype`);
  const cipher = readOctets(required(f, 2, what), `${what}.cipher`);
  return kvnoTlv === undefined ? { etype, cipher } : { etype, kvno: readUInt32(kvnoTlv, `${what}.kvno`), cipher };
}

export function encodeEncryptionKey(k: EncryptionKey): Uint8Array {
  return seq([ctx(0, integer(k.etype)), ctx(1, octets(k.value))]);
}

export function parseEncryptionKey(t: Tlv, what: string): EncryptionKey {
  const f = fields(sequence(t, what), what, [0, 1]);
  return { etype: readInt32(required(f, 0, what), `${what}.keytype`), value: readOctets(required(f, 1, what), `${what}.keyvalue`) };
}

export function encodeChecksum(c: Checksum): Uint8Array {
  return seq([ctx(0, integer(c.cksumtype)), ctx(1, octets(c.checksum))]);
}

export function parseChecksum(t: Tlv, what: string): Checksum {
  const f = fields(sequence(t, what), what, [0, 1]);
  return { cksumtype: readInt32(required(f, 0, what), `${what}.cksumtype`), checksum: readOctets(required(f, 1, what), `${what}.checksum`) };
}

/** PA-DATA numbers its fields from [1] (RFC 4120 §5.2.7). */
export function encodePaData(p: PaData): Uint8Array {
  return seq([ctx(1, integer(p.type)), ctx(2, octets(p.value))]);
}

export function parsePaData(t: Tlv, what: string): PaData {
  const f = fields(sequence(t, what), what, [1, 2]);
  return { type: readInt32(required(f, 1, what), `${what}.padata-type`), value: readOctets(required(f, 2, what), `${what}.padata-value`) };
}
