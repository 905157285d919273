import { CLASS_CONTEXT, DerError, children, fields, readInt32, readOctets, readOne, readSequenceOf, required, sequence, type Tlv } from '../asn1/der-reader';
import { parsePaData, type PaData } from './common';
import { decode } from './decode';
import type { KrbError } from './krb-error';

/**
 * The e-data of a KRB-ERROR (RFC 4120 §5.9.1) takes one of two shapes in practice:
 * - METHOD-DATA, a SEQUENCE OF PA-DATA { [1] type, [2] value } (PREAUTH_REQUIRED, FAST);
 * - a Windows KERB-ERROR-DATA { [1] data-type, [2] data-value OPTIONAL } (MS-KILE §2.2.2),
 *   which AD and Samba's KDC attach to their refusals. Its data-type 3 (KERB_ERR_TYPE_EXTENDED)
 *   carries a KERB-EXT-ERROR (§2.2.1): the NTSTATUS that says *why*, e.g. which of disabled,
 *   expired or locked out lies behind a bare KDC_ERR_CLIENT_REVOKED.
 * The two are told apart by the first element inside the outer SEQUENCE: a context tag starts a
 * KERB-ERROR-DATA, a SEQUENCE starts a PA-DATA.
 * Windows and Samba also send the KERB-EXT-ERROR *inside* METHOD-DATA, as the value of a
 * PA-PW-SALT (3) next to PA-ETYPE-INFO2: measured on Samba 4.17 for a disabled, expired,
 * password-expired and must-change account (test/fixtures/kerberos/samba-*.hex).
 */
export type ErrorData =
  | { readonly kind: 'method-data'; readonly padata: readonly PaData[] }
  | { readonly kind: 'extended'; readonly status: number; readonly flags: number }
  | { readonly kind: 'skew-recovery' }
  | { readonly kind: 'other'; readonly dataType: number; readonly value?: Uint8Array };

/** KERB-ERROR-DATA data-type values (MS-KILE §2.2.2). */
export const KERB_ERR_TYPE = { SKEW_RECOVERY: 2, EXTENDED: 3 } as const;

/** KERB-EXT-ERROR is three little-endian ULONGs: status, reserved, flags (MS-KILE §2.2.1). */
const EXT_ERROR_BYTES = 12;

/** Parses e-data; malformed input throws DerError (wrap it with `decode`). */
export function parseErrorData(eData: Uint8Array): ErrorData {
  const outer = sequence(readOne(eData), 'e-data');
  const first: Tlv | undefined = children(outer)[0];
  if (first === undefined || first.cls !== CLASS_CONTEXT) {
    return { kind: 'method-data', padata: readSequenceOf(outer, 'METHOD-DATA', parsePaData) };
  }
  const what = 'KERB-ERROR-DATA';
  const f = fields(outer, what, [1, 2]);
  const dataType = readInt32(required(f, 1, what), `${what}.data-type`);
  const v = f.get(2);
  const value = v === undefined ? undefined : readOctets(v, `${what}.data-value`);
  switch (dataType) {
    case KERB_ERR_TYPE.EXTENDED:
      return parseExtError(value);
    case KERB_ERR_TYPE.SKEW_RECOVERY:
      return { kind: 'skew-recovery' };
    default:
      return value === undefined ? { kind: 'other', dataType } : { kind: 'other', dataType, value };
  }
}

function parseExtError(value: Uint8Array | undefined): ErrorData {
  if (value === undefined || value.length !== EXT_ERROR_BYTES) {
    throw new DerError('DER_BAD_VALUE', `KERB-EXT-ERROR must be ${EXT_ERROR_BYTES} bytes, found ${value?.length ?? 'none'}`);
  }
  return { kind: 'extended', ...extError(value) };
}

export interface KerbExtError {
  readonly status: number;
  readonly flags: number;
}

function extError(value: Uint8Array): KerbExtError {
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
  // reserved (offset 4) "MUST be ignored on receipt".
  return { status: view.getUint32(0, true), flags: view.getUint32(8, true) };
}

const PA_PW_SALT = 3;
const SEVERITY_ERROR = 0xc0000000;

/**
 * The KERB-EXT-ERROR in e-data of either shape. In METHOD-DATA it is a PA-PW-SALT of exactly
 * 12 bytes with the NTSTATUS error severity (top two bits set), reserved 0 and flags bit 1 as
 * MS-KILE sets them: a real salt is a KerberosString, which cannot have both zero bytes and a
 * byte of 0xC0 or more, so the two cannot be confused.
 */
export function extendedError(data: ErrorData): KerbExtError | undefined {
  if (data.kind === 'extended') return { status: data.status, flags: data.flags };
  if (data.kind !== 'method-data') return undefined;
  for (const pa of data.padata) {
    if (pa.type !== PA_PW_SALT || pa.value.length !== EXT_ERROR_BYTES) continue;
    const ext = extError(pa.value);
    const reserved = new DataView(pa.value.buffer, pa.value.byteOffset, pa.value.byteLength).getUint32(4, true);
    if ((ext.status & SEVERITY_ERROR) >>> 0 === SEVERITY_ERROR && reserved === 0 && (ext.flags & 1) === 1) return ext;
  }
  return undefined;
}

/** The NTSTATUS a KRB-ERROR carries, if its e-data is a well-formed KERB-EXT-ERROR; anything else is no status. */
export function ntStatusOf(e: KrbError): number | undefined {
  if (e.eData === undefined) return undefined;
  const data = decode('e-data', e.eData, parseErrorData);
  return data.ok ? extendedError(data.value)?.status : undefined;
}
