import { createCipheriv, createDecipheriv } from 'node:crypto';

/**
 * AES in CBC mode with ciphertext stealing, as RFC 3962 §5 defines it for Kerberos: the last
 * two blocks are swapped and the final one truncated, so the output is as long as the input.
 * The IV is all zeros in every Kerberos use (RFC 3962 §6, RFC 8009 §5).
 */

const BLOCK = 16;

function cipherName(key: Uint8Array): string {
  if (key.length !== 16 && key.length !== 32) throw new RangeError(`AES key of ${key.length} bytes`);
  return `aes-${key.length * 8}-cbc`;
}

export function cbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Buffer {
  const c = createCipheriv(cipherName(key), key, iv).setAutoPadding(false);
  return Buffer.concat([c.update(data), c.final()]);
}

function cbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Buffer {
  const d = createDecipheriv(cipherName(key), key, iv).setAutoPadding(false);
  return Buffer.concat([d.update(data), d.final()]);
}

export function ctsEncrypt(key: Uint8Array, plain: Uint8Array, iv: Uint8Array = new Uint8Array(BLOCK)): Buffer {
  if (plain.length < BLOCK) throw new RangeError(`CTS needs at least one block, got ${plain.length} bytes`);
  if (plain.length === BLOCK) return cbcEncrypt(key, iv, plain);
  const padded = Buffer.alloc(Math.ceil(plain.length / BLOCK) * BLOCK);
  padded.set(plain);
  const c = cbcEncrypt(key, iv, padded);
  const blocks = c.length / BLOCK;
  const lastLen = plain.length - (blocks - 1) * BLOCK;
  return Buffer.concat([
    c.subarray(0, (blocks - 2) * BLOCK),
    c.subarray((blocks - 1) * BLOCK),
    c.subarray((blocks - 2) * BLOCK, (blocks - 2) * BLOCK + lastLen),
  ]);
}

export function ctsDecrypt(key: Uint8Array, cipher: Uint8Array, iv: Uint8Array = new Uint8Array(BLOCK)): Buffer {
  if (cipher.length < BLOCK) throw new RangeError(`CTS needs at least one block, got ${cipher.length} bytes`);
  if (cipher.length === BLOCK) return cbcDecrypt(key, iv, cipher);
  const blocks = Math.ceil(cipher.length / BLOCK);
  const lastLen = cipher.length - (blocks - 1) * BLOCK;
  const head = cipher.subarray(0, (blocks - 2) * BLOCK);
  const swapped = cipher.subarray((blocks - 2) * BLOCK, (blocks - 1) * BLOCK);
  const tail = cipher.subarray((blocks - 1) * BLOCK);
  // Decrypting the swapped block alone reveals the stolen bytes of the block before it.
  const d = cbcDecrypt(key, new Uint8Array(BLOCK), swapped);
  const fullPrev = Buffer.concat([tail, d.subarray(lastLen)]);
  const plain = cbcDecrypt(key, iv, Buffer.concat([head, fullPrev, swapped]));
  return plain.subarray(0, cipher.length);
}
