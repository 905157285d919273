import type { CoreError } from '../../contract/result';
import { describeKrbError, describeSkew, krbErrorInfo } from '../errors';
import { KRB_ERR } from '../constants';
import { ntStatusOf } from '../messages/kerb-error-data';
import { kdcTime, type KrbError } from '../messages/krb-error';
import { describeNtStatus, ntStatusInfo } from '../ntstatus';
import { principalText } from '../messages/principal';

/** What went wrong at the KDC, with the KRB-ERROR kept for checks that explain it further. */
export interface KdcFailure extends CoreError {
  readonly krbError?: KrbError;
  /** The NTSTATUS the KDC gave as its reason (KERB-EXT-ERROR in the e-data), when it gave one. */
  readonly ntStatus?: number;
  /** The stage: 'as', 's4u2self', 's4u2proxy', 'tgs', 'ap'. */
  readonly stage: string;
}

/**
 * A KRB-ERROR in words: the table entry, the KDC's own text and reason (NTSTATUS), and for
 * skew both clocks. A reason the KDC named replaces the table's list of likely causes.
 */
export function kdcFailure(stage: string, e: KrbError, localNow: Date): KdcFailure {
  const info = krbErrorInfo(e.errorCode);
  const status = ntStatusOf(e);
  const known = status === undefined ? undefined : ntStatusInfo(status);
  const parts = [describeKrbError(e.errorCode)];
  if (status !== undefined) parts.push(`The KDC's reason: ${describeNtStatus(status)}`);
  if (e.eText) parts.push(`KDC says: "${e.eText}".`);
  parts.push(`Server principal: ${principalText(e.sname, e.realm)}.`);
  if (e.errorCode === KRB_ERR.SKEW) parts.push(describeSkew(localNow, kdcTime(e)) + '.');
  const remedy = known ? known.remedy : info.causes.length > 0 ? `Likely causes: ${info.causes.join(' ')}` : undefined;
  return {
    code: `KRB_${info.name}`,
    message: parts.join(' '),
    ...(remedy === undefined ? {} : { remedy }),
    krbError: e,
    ...(status === undefined ? {} : { ntStatus: status }),
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
