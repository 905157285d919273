import type { CoreError } from '../../contract/result';
import { describeKrbError, describeSkew, krbErrorInfo } from '../errors';
import { KRB_ERR } from '../constants';
import { kdcTime, type KrbError } from '../messages/krb-error';
import { principalText } from '../messages/principal';

/** What went wrong at the KDC, with the KRB-ERROR kept for checks that explain it further. */
export interface KdcFailure extends CoreError {
  readonly krbError?: KrbError;
  /** The stage: 'as', 's4u2self', 's4u2proxy', 'tgs', 'ap'. */
  readonly stage: string;
}

/** A KRB-ERROR in words: the table entry, the KDC's own text, and for skew both clocks. */
export function kdcFailure(stage: string, e: KrbError, localNow: Date): KdcFailure {
  const info = krbErrorInfo(e.errorCode);
  const parts = [describeKrbError(e.errorCode)];
  if (e.eText) parts.push(`KDC says: "${e.eText}".`);
  parts.push(`Server principal: ${principalText(e.sname, e.realm)}.`);
  if (e.errorCode === KRB_ERR.SKEW) parts.push(describeSkew(localNow, kdcTime(e)) + '.');
  return {
    code: `KRB_${info.name}`,
    message: parts.join(' '),
    ...(info.causes.length > 0 ? { remedy: `Likely causes: ${info.causes.join(' ')}` } : {}),
    krbError: e,
    stage,
  };
}

export function localFailure(stage: string, code: string, message: string, remedy?: string): KdcFailure {
  return remedy === undefined ? { code, message, stage } : { code, message, remedy, stage };
}

/** A Result whose failure keeps the KRB-ERROR and the stage. */
export type KrbResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: KdcFailure };

/** A transport or decode error from a lower layer, tagged with the stage it happened in. */
export function atStage(stage: string, e: CoreError): KdcFailure {
  return { ...e, stage };
}
