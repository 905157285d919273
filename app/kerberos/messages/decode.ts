import { err, ok, type Result } from '../../contract/result';
import { DerError } from '../asn1/der-reader';

/**
 * Runs a schema parser over untrusted bytes. Malformed input becomes a typed error value
 * (`KRB_DECODE_<DER code>`); anything else is a bug and propagates.
 */
export function decode<T>(what: string, bytes: Uint8Array, parse: (b: Uint8Array) => T): Result<T> {
  try {
    return ok(parse(bytes));
  } catch (e) {
    if (e instanceof DerError) return err(`KRB_DECODE_${e.code.slice(4)}`, `Malformed ${what}: ${e.message}`);
    throw e;
  }
}
