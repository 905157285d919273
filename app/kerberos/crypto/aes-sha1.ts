import { createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { ctsDecrypt, ctsEncrypt } from './aes-cts';
import { deriveKeyAes } from './rfc3961';
import { CryptoError, checkKey, iterationsFrom, saltBytes, usageConstant, type EncType } from './types';

/** aes128/aes256-cts-hmac-sha1-96 (RFC 3962) on the simplified profile of RFC 3961. */

const MAC_BYTES = 12;
const CONFOUNDER = 16;
const DEFAULT_ITERATIONS = 4096;

function hmac96(key: Uint8Array, data: Uint8Array): Buffer {
  return createHmac('sha1', key).update(data).digest().subarray(0, MAC_BYTES);
}

function make(etype: number, name: string, keyBytes: number, checksumType: number): EncType {
  return {
    etype,
    name,
    keyBytes,
    checksumType,
    stringToKey(password, salt, s2kparams) {
      const iterations = iterationsFrom(s2kparams, DEFAULT_ITERATIONS);
      const tkey = pbkdf2Sync(Buffer.from(password, 'utf8'), saltBytes(salt), iterations, keyBytes, 'sha1');
      return deriveKeyAes(tkey, Buffer.from('kerberos', 'latin1'));
    },
    encrypt(key, usage, plain, confounder) {
      checkKey(key, keyBytes, name);
      const ke = deriveKeyAes(key, usageConstant(usage, 0xaa));
      const ki = deriveKeyAes(key, usageConstant(usage, 0x55));
      const data = Buffer.concat([confounder ?? randomBytes(CONFOUNDER), plain]);
      return Buffer.concat([ctsEncrypt(ke, data), hmac96(ki, data)]);
    },
    decrypt(key, usage, cipher) {
      checkKey(key, keyBytes, name);
      if (cipher.length < CONFOUNDER + MAC_BYTES) throw new CryptoError('BAD_LENGTH', `${name} ciphertext of ${cipher.length} bytes is too short`);
      const ke = deriveKeyAes(key, usageConstant(usage, 0xaa));
      const ki = deriveKeyAes(key, usageConstant(usage, 0x55));
      const body = cipher.subarray(0, cipher.length - MAC_BYTES);
      const mac = cipher.subarray(cipher.length - MAC_BYTES);
      const data = ctsDecrypt(ke, body);
      if (!timingSafeEqual(hmac96(ki, data), mac)) throw new CryptoError('BAD_INTEGRITY', `${name} integrity check failed (wrong key or usage ${usage})`);
      return data.subarray(CONFOUNDER);
    },
    checksum(key, usage, data) {
      checkKey(key, keyBytes, name);
      return hmac96(deriveKeyAes(key, usageConstant(usage, 0x99)), data);
    },
  };
}

export const AES128_CTS_HMAC_SHA1_96 = make(17, 'aes128-cts-hmac-sha1-96', 16, 15);
export const AES256_CTS_HMAC_SHA1_96 = make(18, 'aes256-cts-hmac-sha1-96', 32, 16);
