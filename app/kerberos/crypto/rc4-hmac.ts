import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { md4 } from './md4';
import { rc4 } from './rc4';
import { CryptoError, checkKey, type EncType } from './types';

/** rc4-hmac (etype 23, RFC 4757) and its HMAC-MD5 checksum (cksumtype -138). */

const CONFOUNDER = 8;
const MAC = 16;

/** RFC 4757 §3: Microsoft's message types for the Kerberos key usages that differ. */
export function msUsage(usage: number): number {
  switch (usage) {
    case 3:
      return 8;
    case 9:
      return 8;
    case 23:
      return 13;
    default:
      return usage;
  }
}

function le32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0, 0);
  return b;
}

function hmacMd5(key: Uint8Array, data: Uint8Array): Buffer {
  return createHmac('md5', key).update(data).digest();
}

/**
 * HMAC-MD5 checksum (RFC 4757 §4). It is keyed with any key length, which is why PA-FOR-USER
 * uses it with an AES session key (MS-SFU §2.2.1; Heimdal mssfu.c accepts that).
 */
export function hmacMd5Checksum(key: Uint8Array, usage: number, data: Uint8Array): Buffer {
  const ksign = hmacMd5(key, Buffer.from('signaturekey\0', 'latin1'));
  const tmp = createHash('md5')
    .update(le32(msUsage(usage)))
    .update(data)
    .digest();
  return hmacMd5(ksign, tmp);
}

export const RC4_HMAC: EncType = {
  etype: 23,
  name: 'rc4-hmac',
  keyBytes: 16,
  checksumType: -138,
  stringToKey(password) {
    return md4(Buffer.from(password, 'utf16le'));
  },
  encrypt(key, usage, plain, confounder) {
    checkKey(key, 16, 'rc4-hmac');
    const k1 = hmacMd5(key, le32(msUsage(usage)));
    const data = Buffer.concat([confounder ?? randomBytes(CONFOUNDER), plain]);
    const mac = hmacMd5(k1, data);
    const k3 = hmacMd5(k1, mac);
    return Buffer.concat([mac, rc4(k3, data)]);
  },
  decrypt(key, usage, cipher) {
    checkKey(key, 16, 'rc4-hmac');
    if (cipher.length < MAC + CONFOUNDER) throw new CryptoError('BAD_LENGTH', `rc4-hmac ciphertext of ${cipher.length} bytes is too short`);
    const k1 = hmacMd5(key, le32(msUsage(usage)));
    const mac = cipher.subarray(0, MAC);
    const k3 = hmacMd5(k1, mac);
    const data = rc4(k3, cipher.subarray(MAC));
    if (!timingSafeEqual(hmacMd5(k1, data), mac)) throw new CryptoError('BAD_INTEGRITY', `rc4-hmac integrity check failed (wrong key or usage ${usage})`);
    return data.subarray(CONFOUNDER);
  },
  checksum(key, usage, data) {
    return hmacMd5Checksum(key, usage, data);
  },
};
