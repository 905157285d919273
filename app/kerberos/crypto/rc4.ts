/** RC4 keystream XOR, for RC4-HMAC (RFC 4757); OpenSSL 3 no longer offers it by default. */
export function rc4(key: Uint8Array, data: Uint8Array): Buffer {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  let j = 0;
  for (let i = 0; i < 256; i++) {
    const si = s[i] ?? 0;
    j = (j + si + (key[i % key.length] ?? 0)) & 0xff;
    s[i] = s[j] ?? 0;
    s[j] = si;
  }
  const out = Buffer.alloc(data.length);
  let i = 0;
  j = 0;
  for (let n = 0; n < data.length; n++) {
    i = (i + 1) & 0xff;
    const si = s[i] ?? 0;
    j = (j + si) & 0xff;
    const sj = s[j] ?? 0;
    s[i] = sj;
    s[j] = si;
    out[n] = (data[n] ?? 0) ^ (s[(si + sj) & 0xff] ?? 0);
  }
  return out;
}
