import { randomInt } from 'node:crypto';

/**
 * ctime/cusec for an authenticator (RFC 4120 §5.5.1). The sub-millisecond part is random so
 * that two requests in the same millisecond still differ: servers keep a replay cache.
 */
export function authenticatorTime(now: Date): { ctime: Date; cusec: number } {
  const ms = now.getTime();
  return { ctime: new Date(Math.floor(ms / 1000) * 1000), cusec: (ms % 1000) * 1000 + randomInt(1000) };
}

/** A fresh 31-bit nonce (RFC 4120 §5.4.1; MS-KILE treats it as signed, so the top bit stays clear). */
export function nonce(): number {
  return randomInt(1, 0x7fffffff);
}
