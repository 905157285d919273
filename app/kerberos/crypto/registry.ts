import { AES128_CTS_HMAC_SHA1_96, AES256_CTS_HMAC_SHA1_96 } from './aes-sha1';
import { AES128_CTS_HMAC_SHA256_128, AES256_CTS_HMAC_SHA384_192 } from './aes-sha2';
import { RC4_HMAC, hmacMd5Checksum } from './rc4-hmac';
import { CryptoError, type EncType } from './types';

const ETYPES: readonly EncType[] = [AES256_CTS_HMAC_SHA1_96, AES128_CTS_HMAC_SHA1_96, AES256_CTS_HMAC_SHA384_192, AES128_CTS_HMAC_SHA256_128, RC4_HMAC];

export function encType(etype: number): EncType {
  const e = ETYPES.find((x) => x.etype === etype);
  if (!e) throw new CryptoError('UNSUPPORTED_ETYPE', `encryption type ${etype} is not supported`);
  return e;
}

export function isSupportedEtype(etype: number): boolean {
  return ETYPES.some((x) => x.etype === etype);
}

/** HMAC-MD5 (-138) works with any key; the other keyed checksums belong to one etype each. */
export function makeChecksum(cksumtype: number, key: { etype: number; value: Uint8Array }, usage: number, data: Uint8Array): Uint8Array {
  if (cksumtype === -138) return hmacMd5Checksum(key.value, usage, data);
  const e = encType(key.etype);
  if (e.checksumType !== cksumtype) throw new CryptoError('UNSUPPORTED_CKSUM', `checksum type ${cksumtype} does not go with a ${e.name} key`);
  return e.checksum(key.value, usage, data);
}
