import { createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { ctsDecrypt, ctsEncrypt } from './aes-cts';
import { CryptoError, checkKey, iterationsFrom, saltBytes, usageConstant, type EncType } from './types';

/** aes128-cts-hmac-sha256-128 and aes256-cts-hmac-sha384-192 (RFC 8009). */

const DEFAULT_ITERATIONS = 32768;
const CONFOUNDER = 16;

/** KDF-HMAC-SHA2 (RFC 8009 §3): one round of the SP 800-108 counter-mode KDF. */
export function kdfHmacSha2(hash: 'sha256' | 'sha384', key: Uint8Array, label: Uint8Array, bits: number): Buffer {
  const k = Buffer.alloc(4);
  k.writeUInt32BE(bits, 0);
  const out = createHmac(hash, key)
    .update(Buffer.from([0, 0, 0, 1]))
    .update(label)
    .update(Buffer.from([0]))
    .update(k)
    .digest();
  return out.subarray(0, bits / 8);
}

function make(etype: number, name: string, keyBytes: number, hash: 'sha256' | 'sha384', macBytes: number, checksumType: number): EncType {
  const kiBits = macBytes * 8;
  const mac = (ki: Uint8Array, data: Uint8Array): Buffer => createHmac(hash, ki).update(data).digest().subarray(0, macBytes);
  return {
    etype,
    name,
    keyBytes,
    checksumType,
    stringToKey(password, salt, s2kparams) {
      const iterations = iterationsFrom(s2kparams, DEFAULT_ITERATIONS);
      const saltp = Buffer.concat([Buffer.from(name, 'latin1'), Buffer.from([0]), saltBytes(salt)]);
      const tkey = pbkdf2Sync(Buffer.from(password, 'utf8'), saltp, iterations, keyBytes, hash);
      return kdfHmacSha2(hash, tkey, Buffer.from('kerberos', 'latin1'), keyBytes * 8);
    },
    encrypt(key, usage, plain, confounder) {
      checkKey(key, keyBytes, name);
      const ke = kdfHmacSha2(hash, key, usageConstant(usage, 0xaa), keyBytes * 8);
      const ki = kdfHmacSha2(hash, key, usageConstant(usage, 0x55), kiBits);
      const c = ctsEncrypt(ke, Buffer.concat([confounder ?? randomBytes(CONFOUNDER), plain]));
      return Buffer.concat([c, mac(ki, Buffer.concat([Buffer.alloc(16), c]))]);
    },
    decrypt(key, usage, cipher) {
      checkKey(key, keyBytes, name);
      if (cipher.length < CONFOUNDER + macBytes) throw new CryptoError('BAD_LENGTH', `${name} ciphertext of ${cipher.length} bytes is too short`);
      const ke = kdfHmacSha2(hash, key, usageConstant(usage, 0xaa), keyBytes * 8);
      const ki = kdfHmacSha2(hash, key, usageConstant(usage, 0x55), kiBits);
      const c = cipher.subarray(0, cipher.length - macBytes);
      const h = cipher.subarray(cipher.length - macBytes);
      // RFC 8009 §5: the MAC covers IV | ciphertext, so it is checked before decrypting.
      if (!timingSafeEqual(mac(ki, Buffer.concat([Buffer.alloc(16), c])), h)) {
        throw new CryptoError('BAD_INTEGRITY', `${name} integrity check failed (wrong key or usage ${usage})`);
      }
      return ctsDecrypt(ke, c).subarray(CONFOUNDER);
    },
    checksum(key, usage, data) {
      checkKey(key, keyBytes, name);
      return mac(kdfHmacSha2(hash, key, usageConstant(usage, 0x99), kiBits), data);
    },
  };
}

export const AES128_CTS_HMAC_SHA256_128 = make(19, 'aes128-cts-hmac-sha256-128', 16, 'sha256', 16, 19);
export const AES256_CTS_HMAC_SHA384_192 = make(20, 'aes256-cts-hmac-sha384-192', 32, 'sha384', 24, 20);
