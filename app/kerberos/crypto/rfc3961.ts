import { cbcEncrypt } from './aes-cts';
import { nfold } from './nfold';

/**
 * DR and DK of the simplified profile (RFC 3961 §5.1) for a 128-bit block cipher: encrypt the
 * n-folded constant, then keep encrypting the previous output until there are enough bits.
 * For AES, random-to-key is the identity, so DK = DR.
 */
export function deriveKeyAes(key: Uint8Array, constant: Uint8Array): Buffer {
  const block = 16;
  let input: Uint8Array = constant.length === block ? constant : nfold(constant, block * 8);
  const out: Buffer[] = [];
  let have = 0;
  while (have < key.length) {
    const next = cbcEncrypt(key, new Uint8Array(block), input);
    out.push(next);
    have += next.length;
    input = next;
  }
  return Buffer.concat(out).subarray(0, key.length);
}
