import { createVerify, type KeyObject, type Verify } from 'node:crypto';
import { DerError, TAG, checkIntegerContent, decodeTimeAt, hex2, readHeader, type Tlv } from './der';
import { NO_CRL_EXTENSIONS, parseCrlExtensions, type CrlExtensions } from './crl-extensions';
import { keyFits, signatureScheme, verifyKey, type SignatureScheme } from './signature-algorithm';

/** CRLReason (RFC 5280 §5.3.1); value 7 is unused. */
export const REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  null,
  'removeFromCRL',
  'privilegeWithdrawn',
  'aACompromise',
] as const;

export type RevocationReason = NonNullable<(typeof REASONS)[number]>;

export interface CrlEntry {
  /** Lower-case hex without sign-padding zeros (see der.integerHex). */
  readonly serial: string;
  readonly revokedAt: Date;
  readonly reason: RevocationReason | null;
}

export type SignatureStatus = 'valid' | 'invalid' | 'not-checked';

/** Everything learned from one pass over a CRL; entries themselves are not kept. */
export interface CrlFacts {
  readonly version: 1 | 2;
  readonly signatureAlgorithm: string;
  /** DER of the issuer Name, to compare with the CA certificate's subject. */
  readonly issuer: Buffer;
  readonly thisUpdate: Date;
  readonly nextUpdate: Date | null;
  readonly entryCount: number;
  readonly byteLength: number;
  readonly extensions: CrlExtensions;
  readonly signature: SignatureStatus;
  /** Why the signature is invalid (key type mismatch, bad bits), when it is. */
  readonly signatureProblem: string | null;
  /** The serials asked for that are on this CRL. */
  readonly found: ReadonlyMap<string, CrlEntry>;
}

export interface CrlWalkOptions {
  /** Serial numbers to look for, hex in any case, with or without leading zeros. */
  readonly lookFor?: Iterable<string>;
  /** Called for every entry, in order: for listings. Slower, as each entry becomes an object. */
  readonly onEntry?: (entry: CrlEntry) => void;
  /** The issuer's public key: when given, the signature over TBSCertList is verified on the way. */
  readonly issuerKey?: KeyObject;
}

// Bounds for the small elements. Real CRLs stay far below them; anything above is hostile.
const MAX_ALGORITHM = 1024;
const MAX_NAME = 16 * 1024;
const MAX_TIME = 32;
const MAX_ENTRY = 4096;
const MAX_EXTENSIONS = 256 * 1024;
const MAX_SIGNATURE = 4096;
const MAX_SERIAL = 64;

const enum State {
  Outer,
  TbsHeader,
  Version,
  TbsSignature,
  Issuer,
  ThisUpdate,
  AfterThisUpdate,
  AfterNextUpdate,
  Entries,
  AfterEntries,
  SignatureAlgorithm,
  SignatureValue,
  Done,
}

/** Normalises a serial written by a person or another tool to the walker's form. */
export function normaliseSerial(serial: string): string {
  const hex = serial.replace(/[\s:]/g, '').toLowerCase();
  if (!/^[0-9a-f]+$/.test(hex)) throw new DerError('der.bad-value', 0, `serial number "${serial}" is not hexadecimal`);
  const even = hex.length % 2 === 0 ? hex : `0${hex}`;
  let start = 0;
  while (start < even.length - 2 && even.startsWith('00', start)) start += 2;
  return even.slice(start);
}

/**
 * A push parser for CertificateList (RFC 5280 §5.1) that holds at most one element plus
 * the current chunk: feed it the bytes of a file or a download as they come. The
 * revokedCertificates list can hold a million entries, so each entry is checked in place
 * and dropped; only those whose serial was asked for are kept. When the issuer key is
 * given, the TBSCertList bytes go through a streaming Verify as they pass.
 */
export class CrlWalker {
  private state = State.Outer;
  private buf: Buffer = Buffer.alloc(0);
  /**
   * The unconsumed tail between pushes, and the buffer it is joined with the next chunk
   * in. Both are reused: allocating per chunk lets garbage Buffers pile up outside the
   * V8 heap faster than the collector notices, which costs RSS on a 50 MB CRL.
   */
  private carry: Buffer = Buffer.allocUnsafe(64 * 1024);
  private carryLength = 0;
  private scratch: Buffer = Buffer.allocUnsafe(0);
  private pos = 0;
  /** Absolute offset of buf[0] in the CRL. */
  private base = 0;
  private outerEnd = -1;
  private tbsStart = -1;
  private tbsEnd = -1;
  private entriesEnd = -1;
  /** Absolute offset up to which TBSCertList bytes went into the verifier. */
  private hashed = -1;
  private verifier: Verify | null = null;
  private readonly issuerKey: KeyObject | undefined;
  private readonly onEntry: ((entry: CrlEntry) => void) | undefined;
  private readonly targets = new Set<string>();
  /** (length << 8 | first byte) of each target: a cheap filter before building a hex string. */
  private readonly targetKeys = new Set<number>();
  private readonly found = new Map<string, CrlEntry>();

  private version: 1 | 2 = 1;
  private tbsAlgorithm: Buffer | null = null;
  private scheme: SignatureScheme | null = null;
  private issuer: Buffer | null = null;
  private thisUpdate = 0;
  private nextUpdate: number | null = null;
  private entryCount = 0;
  private extensions: CrlExtensions = NO_CRL_EXTENSIONS;
  private signatureBits: Buffer | null = null;

  constructor(options: CrlWalkOptions = {}) {
    this.issuerKey = options.issuerKey;
    this.onEntry = options.onEntry;
    for (const serial of options.lookFor ?? []) {
      const hex = normaliseSerial(serial);
      this.targets.add(hex);
      this.targetKeys.add(((hex.length / 2) << 8) | parseInt(hex.slice(0, 2), 16));
    }
  }

  /** The CRL's total size from its outer header, once known: lets a caller refuse early. */
  get declaredLength(): number | null {
    return this.outerEnd < 0 ? null : this.outerEnd;
  }

  push(chunk: Uint8Array): void {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (bytes.length === 0) return;
    if (this.carryLength === 0) {
      this.buf = bytes;
    } else {
      const total = this.carryLength + bytes.length;
      if (this.scratch.length < total) this.scratch = Buffer.allocUnsafe(Math.max(total, this.scratch.length * 2));
      this.carry.copy(this.scratch, 0, 0, this.carryLength);
      bytes.copy(this.scratch, this.carryLength);
      this.buf = this.scratch.subarray(0, total);
    }
    this.run();
    this.compact();
  }

  /** Ends the input: everything must have been consumed, exactly. */
  finish(): CrlFacts {
    if (this.state !== State.Done) {
      throw new DerError('der.truncated', this.base + this.buf.length, 'the CRL ends early');
    }
    const { signature, problem } = this.checkSignature();
    if (this.issuer === null || this.scheme === null) throw new Error('CrlWalker: finished without a header');
    return {
      version: this.version,
      signatureAlgorithm: this.scheme.name,
      issuer: this.issuer,
      thisUpdate: new Date(this.thisUpdate),
      nextUpdate: this.nextUpdate === null ? null : new Date(this.nextUpdate),
      entryCount: this.entryCount,
      byteLength: this.outerEnd,
      extensions: this.extensions,
      signature,
      signatureProblem: problem,
      found: this.found,
    };
  }

  private abs(rel: number): number {
    return this.base + rel;
  }

  private run(): void {
    for (;;) {
      if (this.state === State.Entries) {
        if (!this.walkEntries()) return;
        continue;
      }
      if (!this.step()) return;
    }
  }

  /** Advances one small element; false when more bytes are needed. */
  private step(): boolean {
    const buf = this.buf;
    switch (this.state) {
      case State.Outer: {
        const h = readHeader(buf, this.pos, buf.length);
        if (h === null) return false;
        if (h.tag !== TAG.sequence) throw new DerError('der.bad-tag', this.abs(this.pos), 'a CRL starts with a SEQUENCE');
        this.outerEnd = this.abs(this.pos) + h.headerLength + h.length;
        this.pos += h.headerLength;
        this.state = State.TbsHeader;
        return true;
      }
      case State.TbsHeader: {
        const h = readHeader(buf, this.pos, buf.length);
        if (h === null) return false;
        if (h.tag !== TAG.sequence) throw new DerError('der.bad-tag', this.abs(this.pos), 'TBSCertList: expected SEQUENCE');
        this.tbsStart = this.abs(this.pos);
        this.tbsEnd = this.tbsStart + h.headerLength + h.length;
        if (this.tbsEnd > this.outerEnd) throw new DerError('der.truncated', this.tbsStart, 'TBSCertList runs past the CRL');
        this.hashed = this.tbsStart;
        this.pos += h.headerLength;
        this.state = State.Version;
        return true;
      }
      case State.Version: {
        if (this.pos >= buf.length) return false;
        if (buf[this.pos] === TAG.integer) {
          const v = this.take(8, this.tbsEnd, 'version');
          if (v === null) return false;
          if (v.end - v.contentStart !== 1 || buf[v.contentStart] !== 1) {
            throw new DerError('der.bad-value', this.abs(v.start), 'CRL version must be v2 (1) when present');
          }
          this.version = 2;
        }
        this.state = State.TbsSignature;
        return true;
      }
      case State.TbsSignature: {
        const alg = this.take(MAX_ALGORITHM, this.tbsEnd, 'signature');
        if (alg === null) return false;
        this.scheme = signatureScheme(buf, alg);
        this.tbsAlgorithm = Buffer.from(buf.subarray(alg.start, alg.end));
        if (this.issuerKey !== undefined && keyFits(this.scheme, this.issuerKey)) {
          this.verifier = createVerify(this.scheme.hash);
        }
        this.state = State.Issuer;
        return true;
      }
      case State.Issuer: {
        const name = this.take(MAX_NAME, this.tbsEnd, 'issuer');
        if (name === null) return false;
        if (name.tag !== TAG.sequence) throw new DerError('der.bad-tag', this.abs(name.start), 'issuer: expected a Name');
        this.issuer = Buffer.from(buf.subarray(name.start, name.end));
        this.state = State.ThisUpdate;
        return true;
      }
      case State.ThisUpdate: {
        const t = this.take(MAX_TIME, this.tbsEnd, 'thisUpdate');
        if (t === null) return false;
        this.thisUpdate = this.time(t);
        this.state = State.AfterThisUpdate;
        return true;
      }
      case State.AfterThisUpdate:
      case State.AfterNextUpdate:
      case State.AfterEntries:
        return this.optionalTail();
      case State.SignatureAlgorithm: {
        const alg = this.take(MAX_ALGORITHM, this.outerEnd, 'signatureAlgorithm');
        if (alg === null) return false;
        const outer = buf.subarray(alg.start, alg.end);
        // RFC 5280 §5.1.1.2: it MUST be the same algorithm as the signature field in TBSCertList.
        if (this.tbsAlgorithm === null || !outer.equals(this.tbsAlgorithm)) {
          throw new DerError('der.bad-value', this.abs(alg.start), 'signatureAlgorithm differs from the one inside TBSCertList');
        }
        this.state = State.SignatureValue;
        return true;
      }
      case State.SignatureValue: {
        const bits = this.take(MAX_SIGNATURE, this.outerEnd, 'signatureValue');
        if (bits === null) return false;
        if (bits.tag !== TAG.bitString || bits.end - bits.contentStart < 2 || buf[bits.contentStart] !== 0) {
          throw new DerError('der.bad-value', this.abs(bits.start), 'signatureValue must be a BIT STRING of whole octets');
        }
        this.signatureBits = Buffer.from(buf.subarray(bits.contentStart + 1, bits.end));
        if (this.abs(this.pos) !== this.outerEnd) {
          throw new DerError('der.trailing-bytes', this.abs(this.pos), 'bytes after signatureValue inside the CRL');
        }
        this.state = State.Done;
        return true;
      }
      case State.Done:
        if (this.pos < buf.length) throw new DerError('der.trailing-bytes', this.abs(this.pos), 'bytes after the end of the CRL');
        return false;
      case State.Entries:
        throw new Error('CrlWalker: entries are walked by walkEntries');
    }
  }

  /** After thisUpdate: [nextUpdate] [revokedCertificates] [crlExtensions], each optional, in order. */
  private optionalTail(): boolean {
    const buf = this.buf;
    if (this.abs(this.pos) === this.tbsEnd) {
      this.flushHash();
      this.state = State.SignatureAlgorithm;
      return true;
    }
    if (this.pos >= buf.length) return false;
    const tag = buf[this.pos] as number;
    if (this.state === State.AfterThisUpdate && (tag === TAG.utcTime || tag === TAG.generalizedTime)) {
      const t = this.take(MAX_TIME, this.tbsEnd, 'nextUpdate');
      if (t === null) return false;
      this.nextUpdate = this.time(t);
      this.state = State.AfterNextUpdate;
      return true;
    }
    if (this.state !== State.AfterEntries && tag === TAG.sequence) {
      const h = readHeader(buf, this.pos, buf.length);
      if (h === null) return false;
      this.entriesEnd = this.abs(this.pos) + h.headerLength + h.length;
      if (this.entriesEnd > this.tbsEnd) {
        throw new DerError('der.truncated', this.abs(this.pos), 'revokedCertificates runs past TBSCertList');
      }
      this.pos += h.headerLength;
      this.state = State.Entries;
      return true;
    }
    if (tag === TAG.context0) {
      const ext = this.take(MAX_EXTENSIONS, this.tbsEnd, 'crlExtensions');
      if (ext === null) return false;
      if (this.version !== 2) throw new DerError('der.bad-value', this.abs(ext.start), 'a v1 CRL cannot carry extensions');
      this.extensions = parseCrlExtensions(buf, ext);
      if (this.abs(this.pos) !== this.tbsEnd) {
        throw new DerError('der.trailing-bytes', this.abs(this.pos), 'bytes after crlExtensions inside TBSCertList');
      }
      this.state = State.AfterEntries;
      return true;
    }
    throw new DerError('der.bad-tag', this.abs(this.pos), `unexpected element 0x${hex2(tag)} in TBSCertList`);
  }

  /**
   * The hot loop: as many whole entries as the buffer holds. Returns false when it needs
   * more bytes, true when the list is complete.
   */
  private walkEntries(): boolean {
    const buf = this.buf;
    const end = this.entriesEnd - this.base;
    const available = Math.min(buf.length, end);
    // When every byte up to the list's end is here, a partial entry can never complete:
    // say so now rather than carrying the rest of the stream until it ends.
    const complete = buf.length >= end;
    let pos = this.pos;
    while (pos < end) {
      if (available - pos < 2) {
        if (complete) throw new DerError('der.truncated', this.abs(pos), 'entry runs past revokedCertificates');
        break;
      }
      if (buf[pos] !== TAG.sequence) {
        throw new DerError('der.bad-tag', this.abs(pos), 'revoked certificate entry: expected SEQUENCE');
      }
      let length = buf[pos + 1] as number;
      let header = 2;
      if (length >= 0x80) {
        const h = readHeader(buf, pos, available);
        if (h === null) {
          if (complete) throw new DerError('der.truncated', this.abs(pos), 'entry header runs past revokedCertificates');
          break;
        }
        length = h.length;
        header = h.headerLength;
      }
      const entryEnd = pos + header + length;
      if (header + length > MAX_ENTRY) throw new DerError('der.too-long', this.abs(pos), 'revoked certificate entry too long');
      if (entryEnd > end) throw new DerError('der.truncated', this.abs(pos), 'entry runs past revokedCertificates');
      if (entryEnd > available) break;
      this.entry(buf, pos + header, entryEnd);
      pos = entryEnd;
    }
    this.pos = pos;
    if (pos < end) return false;
    this.state = State.AfterEntries;
    return true;
  }

  /** One revokedCertificates entry: SEQUENCE { userCertificate, revocationDate, crlEntryExtensions OPTIONAL }. */
  private entry(buf: Buffer, start: number, end: number): void {
    if (buf[start] !== TAG.integer) throw new DerError('der.bad-tag', this.abs(start), 'entry serial: expected INTEGER');
    const serialLength = buf[start + 1] as number;
    if (serialLength > MAX_SERIAL) throw new DerError('der.too-long', this.abs(start), 'serial number too long');
    const serialStart = start + 2;
    const serialEnd = serialStart + serialLength;
    if (serialEnd + 2 > end) throw new DerError('der.truncated', this.abs(start), 'entry ends inside its serial');
    checkIntegerContent(buf, serialStart, serialEnd);
    const timeTag = buf[serialEnd] as number;
    const timeEnd = serialEnd + 2 + (buf[serialEnd + 1] as number);
    if (timeEnd > end) throw new DerError('der.truncated', this.abs(serialEnd), 'entry ends inside its date');
    const revokedAt = decodeTimeAt(buf, timeTag, serialEnd + 2, timeEnd);
    const reason = timeEnd === end ? -1 : this.entryExtensions(buf, timeEnd, end);
    this.entryCount++;

    let s = serialStart;
    while (s < serialEnd - 1 && buf[s] === 0) s++;
    const maybeTarget = this.targetKeys.has(((serialEnd - s) << 8) | (buf[s] as number));
    if (!maybeTarget && this.onEntry === undefined) return;
    const serial = buf.toString('hex', s, serialEnd);
    const isTarget = maybeTarget && this.targets.has(serial);
    if (!isTarget && this.onEntry === undefined) return;
    const entry: CrlEntry = { serial, revokedAt: new Date(revokedAt), reason: reason < 0 ? null : (REASONS[reason] ?? null) };
    if (isTarget) this.found.set(serial, entry);
    this.onEntry?.(entry);
  }

  /**
   * crlEntryExtensions: checks every byte and returns the CRLReason (-1 when absent). An
   * unknown critical extension, or a Certificate Issuer (indirect CRLs, which this product
   * does not follow), makes the CRL unusable (RFC 5280 §5.3).
   */
  private entryExtensions(buf: Buffer, start: number, end: number): number {
    const list = this.innerTlv(buf, start, end, TAG.sequence, 'crlEntryExtensions');
    if (list.end !== end) throw new DerError('der.trailing-bytes', this.abs(list.end), 'bytes after crlEntryExtensions');
    let reason = -1;
    let p = list.contentStart;
    while (p < end) {
      const ext = this.innerTlv(buf, p, end, TAG.sequence, 'entry extension');
      const oid = this.innerTlv(buf, ext.contentStart, ext.end, TAG.oid, 'extension id');
      let q = oid.end;
      let critical = false;
      if (buf[q] === TAG.boolean) {
        const flag = this.innerTlv(buf, q, ext.end, TAG.boolean, 'critical');
        const v = buf[flag.contentStart];
        if (flag.end - flag.contentStart !== 1 || (v !== 0 && v !== 0xff)) {
          throw new DerError('der.bad-value', this.abs(q), 'critical must be a DER BOOLEAN');
        }
        critical = v === 0xff;
        q = flag.end;
      }
      const value = this.innerTlv(buf, q, ext.end, TAG.octetString, 'extnValue');
      if (value.end !== ext.end) throw new DerError('der.trailing-bytes', this.abs(value.end), 'bytes after extnValue');
      const known = oid.end - oid.contentStart === 3 && buf[oid.contentStart] === 0x55 && buf[oid.contentStart + 1] === 0x1d;
      const arc = known ? (buf[oid.contentStart + 2] as number) : -1;
      // id-ce 21 CRLReason, 24 invalidityDate, 29 certificateIssuer (RFC 5280 §5.3)
      if (arc === 21) {
        const e = this.innerTlv(buf, value.contentStart, value.end, TAG.enumerated, 'CRLReason');
        const code = buf[e.contentStart] as number;
        if (e.end !== value.end || e.end - e.contentStart !== 1 || code > 10 || code === 7) {
          throw new DerError('der.bad-value', this.abs(e.start), 'CRLReason out of range');
        }
        reason = code;
      } else if (arc === 24) {
        const t = this.innerTlv(buf, value.contentStart, value.end, TAG.generalizedTime, 'invalidityDate');
        decodeTimeAt(buf, t.tag, t.contentStart, t.end);
      } else if (arc === 29) {
        throw new DerError('der.unsupported', this.abs(ext.start), 'indirect CRL (Certificate Issuer entry extension) is not supported');
      } else if (critical) {
        throw new DerError('der.unsupported', this.abs(ext.start), 'unknown critical entry extension');
      }
      p = ext.end;
    }
    return reason;
  }

  private innerTlv(buf: Buffer, pos: number, limit: number, tag: number, what: string): Tlv {
    const h = readHeader(buf, pos, limit);
    if (h === null) throw new DerError('der.truncated', this.abs(pos), `${what} runs past its entry`);
    if (h.tag !== tag) throw new DerError('der.bad-tag', this.abs(pos), `${what}: unexpected tag 0x${hex2(h.tag)}`);
    const end = pos + h.headerLength + h.length;
    if (end > limit) throw new DerError('der.truncated', this.abs(pos), `${what} runs past its entry`);
    return { tag, start: pos, contentStart: pos + h.headerLength, end };
  }

  /**
   * Takes one whole element of at most `max` bytes that must end by absolute offset
   * `limit`; null (position unchanged) when the buffer does not hold all of it yet.
   */
  private take(max: number, limit: number, what: string): Tlv | null {
    const buf = this.buf;
    const h = readHeader(buf, this.pos, buf.length);
    if (h === null) {
      if (this.abs(this.pos) + 2 > limit) throw new DerError('der.truncated', this.abs(this.pos), `${what} runs past its container`);
      return null;
    }
    const total = h.headerLength + h.length;
    if (total > max) throw new DerError('der.too-long', this.abs(this.pos), `${what} is ${total} bytes, more than ${max}`);
    if (this.abs(this.pos) + total > limit) throw new DerError('der.truncated', this.abs(this.pos), `${what} runs past its container`);
    if (buf.length - this.pos < total) return null;
    const tlv = { tag: h.tag, start: this.pos, contentStart: this.pos + h.headerLength, end: this.pos + total };
    this.pos = tlv.end;
    return tlv;
  }

  private time(t: Tlv): number {
    return decodeTimeAt(this.buf, t.tag, t.contentStart, t.end);
  }

  /** Feeds TBSCertList bytes consumed so far to the verifier. */
  private flushHash(): void {
    if (this.verifier === null || this.hashed < 0) return;
    const upto = Math.min(this.abs(this.pos), this.tbsEnd);
    if (upto > this.hashed) {
      this.verifier.update(this.buf.subarray(this.hashed - this.base, upto - this.base));
      this.hashed = upto;
    }
  }

  /**
   * Keeps only the unconsumed tail, copied into the carry buffer so that the caller may reuse its chunk. Until
   * the signature algorithm is known, the TBSCertList bytes read so far are kept too: they
   * are a few hundred bytes, hashed as soon as the verifier exists.
   */
  private compact(): void {
    const waitingForAlgorithm = this.issuerKey !== undefined && this.scheme === null && this.hashed >= 0;
    if (!waitingForAlgorithm) this.flushHash();
    const keepFrom = waitingForAlgorithm ? Math.min(this.pos, this.hashed - this.base) : this.pos;
    const keep = this.buf.length - keepFrom;
    if (this.carry.length < keep) this.carry = Buffer.allocUnsafe(Math.max(keep, this.carry.length * 2));
    this.buf.copy(this.carry, 0, keepFrom);
    this.carryLength = keep;
    this.buf = this.carry.subarray(0, keep);
    this.base += keepFrom;
    this.pos -= keepFrom;
  }

  private checkSignature(): { signature: SignatureStatus; problem: string | null } {
    if (this.issuerKey === undefined || this.scheme === null || this.signatureBits === null) {
      return { signature: 'not-checked', problem: null };
    }
    if (this.verifier === null) {
      return {
        signature: 'invalid',
        problem: `the CRL is signed with ${this.scheme.name} but the issuer key is ${this.issuerKey.asymmetricKeyType ?? 'unknown'}`,
      };
    }
    try {
      const good = this.verifier.verify(verifyKey(this.scheme, this.issuerKey), this.signatureBits);
      return good ? { signature: 'valid', problem: null } : { signature: 'invalid', problem: 'the signature does not verify with the issuer key' };
    } catch (e) {
      return { signature: 'invalid', problem: `the signature cannot be checked: ${(e as Error).message}` };
    }
  }
}
