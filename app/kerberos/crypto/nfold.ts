/**
 * n-fold (RFC 3961 §5.1): stretches or folds a constant to n bits by concatenating copies,
 * each rotated right by 13 bits more than the last, and adding them with end-around carry.
 */
export function nfold(input: Uint8Array, outBits: number): Uint8Array {
  const inBytes = input.length;
  const outBytes = outBits >> 3;
  const lcm = lcmOf(inBytes, outBytes);
  const out = new Uint8Array(outBytes);
  const inBitsTotal = inBytes * 8;
  let carry = 0;
  // Walks the lcm-length string of rotated copies from its last byte, adding into `out` modulo outBytes.
  for (let i = lcm - 1; i >= 0; i--) {
    const msbit =
      // the rotation of the copy this byte belongs to, plus the bit position inside that copy
      (inBitsTotal - 1 + (inBitsTotal + 13) * Math.floor(i / inBytes) + ((inBytes - (i % inBytes)) << 3)) % inBitsTotal;
    const hi = input[(inBytes - 1 - (msbit >> 3) + inBytes) % inBytes] ?? 0;
    const lo = input[(inBytes - (msbit >> 3) + inBytes) % inBytes] ?? 0;
    const byte = (((hi << 8) | lo) >> ((msbit & 7) + 1)) & 0xff;
    const idx = i % outBytes;
    carry += byte + (out[idx] ?? 0);
    out[idx] = carry & 0xff;
    carry >>= 8;
  }
  // End-around carry: what overflowed the top byte is added back in at the bottom.
  for (let i = outBytes - 1; carry !== 0 && i >= 0; i--) {
    carry += out[i] ?? 0;
    out[i] = carry & 0xff;
    carry >>= 8;
  }
  return out;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function lcmOf(a: number, b: number): number {
  return (a * b) / gcd(a, b);
}
