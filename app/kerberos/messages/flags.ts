import { readBitString, type Tlv } from '../asn1/der-reader';
import { TICKET_FLAGS } from '../constants';

/** A 32-bit Kerberos flag word from a BIT STRING (bits past 31 are ignored, missing ones are 0). */
export function parseFlags(t: Tlv, what: string): number {
  const bits = readBitString(t, what);
  let w = 0;
  for (let i = 0; i < 32 && i < bits.length; i++) if (bits[i]) w |= 1 << (31 - i);
  return w >>> 0;
}

export function hasFlag(word: number, bit: number): boolean {
  return ((word >>> (31 - bit)) & 1) === 1;
}

export function ticketFlagNames(word: number): string[] {
  return TICKET_FLAGS.filter((f) => hasFlag(word, f.bit)).map((f) => f.name);
}

/** klist's letters, e.g. "FRAT" (MIT klist -f). */
export function ticketFlagLetters(word: number): string {
  return TICKET_FLAGS.filter((f) => hasFlag(word, f.bit))
    .map((f) => f.letter)
    .join('');
}
