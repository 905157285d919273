import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { Secret } from '../config/secrets';
import { WRITTEN_KDF, type KdfParameters } from './format';

export const DEFAULT_KDF: Omit<KdfParameters, 'salt'> = { name: 'scrypt', ...WRITTEN_KDF };

export interface BundleKeys {
  /** AES-256-GCM key for the secrets. */
  readonly encryption: Buffer;
  /** HMAC-SHA256 key that authenticates the whole content. */
  readonly authentication: Buffer;
}

export function newKdfParameters(): KdfParameters {
  return { ...DEFAULT_KDF, salt: randomBytes(16).toString('hex') };
}

export async function deriveKeys(passphrase: Secret, kdf: KdfParameters): Promise<BundleKeys> {
  const maxmem = 128 * kdf.N * kdf.r * 2;
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(passphrase.reveal().normalize('NFC'), Buffer.from(kdf.salt, 'hex'), 64, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem }, (error, derived) =>
      error ? reject(error) : resolve(derived),
    ),
  );
  return { encryption: key.subarray(0, 32), authentication: key.subarray(32) };
}

/** A short value that tells a wrong passphrase apart from a tampered file. */
export function passphraseCheck(keys: BundleKeys): string {
  return createHmac('sha256', keys.authentication).update('seg-kcd-bundle passphrase check').digest().subarray(0, 16).toString('hex');
}

export function contentMac(keys: BundleKeys, canonicalContent: string): string {
  return createHmac('sha256', keys.authentication).update(canonicalContent).digest('hex');
}

export function equalHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

export function encrypt(keys: BundleKeys, plaintext: string): { iv: string; tag: string; ciphertext: string } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.encryption, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { iv: iv.toString('hex'), tag: cipher.getAuthTag().toString('hex'), ciphertext: ciphertext.toString('base64') };
}

/** Null when the data does not decrypt (the GCM tag does not match). */
export function decrypt(keys: BundleKeys, sealed: { iv: string; tag: string; ciphertext: string }): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', keys.encryption, Buffer.from(sealed.iv, 'hex'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'hex'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
