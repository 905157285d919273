/** What one encryption type offers (RFC 3961 §3 "cryptosystem profile"). */
export interface EncType {
  readonly etype: number;
  readonly name: string;
  readonly keyBytes: number;
  /** The keyed checksum that goes with this etype (RFC 3961 §4, RFC 4757, RFC 8009). */
  readonly checksumType: number;
  /** `salt` as the KDC sent it (ETYPE-INFO2 salt octets, or a string as UTF-8); `s2kparams` when it sent one. */
  stringToKey(password: string, salt: Uint8Array | string, s2kparams?: Uint8Array): Uint8Array;
  /** `confounder` only for test vectors; otherwise random. */
  encrypt(key: Uint8Array, usage: number, plain: Uint8Array, confounder?: Uint8Array): Uint8Array;
  /** Throws CryptoError('BAD_INTEGRITY') when the checksum does not match. */
  decrypt(key: Uint8Array, usage: number, cipher: Uint8Array): Uint8Array;
  checksum(key: Uint8Array, usage: number, data: Uint8Array): Uint8Array;
}

export type CryptoErrorCode = 'BAD_INTEGRITY' | 'BAD_LENGTH' | 'BAD_KEY' | 'UNSUPPORTED_ETYPE' | 'UNSUPPORTED_CKSUM' | 'BAD_S2KPARAMS';

/** A decryption or parameter failure; caught at the exchange boundary and turned into a Result. */
export class CryptoError extends Error {
  constructor(
    readonly code: CryptoErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CryptoError';
  }
}

export function checkKey(key: Uint8Array, bytes: number, name: string): void {
  if (key.length !== bytes) throw new CryptoError('BAD_KEY', `${name} needs a ${bytes}-byte key, got ${key.length}`);
}

/** Big-endian usage number followed by one byte: the well-known constants of RFC 3961 §5.3. */
export function usageConstant(usage: number, kind: 0x99 | 0xaa | 0x55): Buffer {
  const b = Buffer.alloc(5);
  b.writeUInt32BE(usage >>> 0, 0);
  b[4] = kind;
  return b;
}

/**
 * Iteration count from s2kparams (RFC 3962 §4: a 4-byte big-endian count). A hostile KDC
 * could ask for 2^32 rounds and stall us for hours, so counts above 2^20 are refused.
 */
export const MAX_ITERATIONS = 1 << 20;

/**
 * The fewest PBKDF2 iterations accepted from a KDC: RFC 3962's default. ETYPE-INFO2 arrives in
 * an unauthenticated error, so a fake KDC could otherwise ask for 1 iteration and have the
 * client send a timestamp under a key that is cheap to brute-force.
 */
export const MIN_KDC_ITERATIONS = 4096;

export function iterationsFrom(s2kparams: Uint8Array | undefined, fallback: number): number {
  if (s2kparams === undefined) return fallback;
  if (s2kparams.length !== 4) throw new CryptoError('BAD_S2KPARAMS', `s2kparams of ${s2kparams.length} bytes (expected 4)`);
  const n = Buffer.from(s2kparams).readUInt32BE(0);
  if (n === 0 || n > MAX_ITERATIONS) throw new CryptoError('BAD_S2KPARAMS', `PBKDF2 iteration count ${n} outside 1..${MAX_ITERATIONS}`);
  return n;
}

export function saltBytes(salt: Uint8Array | string): Buffer {
  return typeof salt === 'string' ? Buffer.from(salt, 'utf8') : Buffer.from(salt);
}
