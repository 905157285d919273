import type { CoreError } from '../../contract/result';
import type { KdcFailure } from '../../kerberos/client/failure';
import { ntStatusHex, ntStatusInfo } from '../../kerberos/ntstatus';
import { nativeArg, psLiteral } from '../../scripts/quote';
import type { CheckOutcome } from '../types';

/** An error from the KDC, a resolver or a server, as JSON: the KRB-ERROR's code, clock and text when the KDC sent one. */
export interface FailureFacts {
  readonly code: string;
  readonly message: string;
  readonly remedy?: string;
  readonly krbError?: { readonly errorCode: number; readonly stime: string; readonly eText?: string };
  /** The KDC's own reason (NTSTATUS in the KERB-EXT-ERROR of the e-data), when it gave one; name 'unknown' for a status this tool does not know. */
  readonly ntStatus?: { readonly status: number; readonly name: string };
}

export function failureFacts(e: CoreError | KdcFailure): FailureFacts {
  const k = 'krbError' in e ? e.krbError : undefined;
  return {
    code: e.code,
    message: e.message,
    ...(e.remedy === undefined ? {} : { remedy: e.remedy }),
    ...(k === undefined ? {} : { krbError: { errorCode: k.errorCode, stime: k.stime.toISOString(), ...(k.eText ? { eText: k.eText } : {}) } }),
    ...('ntStatus' in e && e.ntStatus !== undefined ? { ntStatus: { status: e.ntStatus, name: ntStatusInfo(e.ntStatus)?.name ?? 'unknown' } } : {}),
  };
}

export function failureEvidence(f: FailureFacts): string[] {
  const lines = [`error: ${f.code}`, f.message];
  if (f.krbError) {
    lines.push(`KDC time: ${f.krbError.stime}`);
    if (f.krbError.eText) lines.push(`e-text: ${f.krbError.eText}`);
  }
  if (f.ntStatus) lines.push(`KDC status: ${f.ntStatus.name} (${ntStatusHex(f.ntStatus.status)})`);
  return lines;
}

/** The command that shows or fixes a KDC failure of the service account, talking to the DC `dc`. */
export function commandFor(code: string, serviceAccount: string, dc: string): string | undefined {
  switch (code) {
    case 'KRB_KDC_ERR_PREAUTH_FAILED':
      return `Set-ADAccountPassword -Identity ${psLiteral(serviceAccount)} -Reset   # then enter the same password in the KCD step`;
    case 'KRB_KDC_ERR_CLIENT_REVOKED':
      return `Unlock-ADAccount -Identity ${psLiteral(serviceAccount)}; Enable-ADAccount -Identity ${psLiteral(serviceAccount)}`;
    case 'KRB_KDC_ERR_KEY_EXPIRED':
      return `Set-ADUser -Identity ${psLiteral(serviceAccount)} -PasswordNeverExpires $true; Set-ADAccountPassword -Identity ${psLiteral(serviceAccount)} -Reset`;
    case 'KRB_KDC_ERR_ETYPE_NOSUPP':
      return `Set-ADUser -Identity ${psLiteral(serviceAccount)} -KerberosEncryptionType AES128,AES256; Set-ADAccountPassword -Identity ${psLiteral(serviceAccount)} -Reset`;
    case 'KRB_KDC_ERR_C_PRINCIPAL_UNKNOWN':
      return `Get-ADUser -Identity ${psLiteral(serviceAccount)} -Properties userPrincipalName`;
    case 'KRB_KRB_AP_ERR_SKEW':
      return `w32tm /stripchart ${nativeArg(`/computer:${dc}`)} /samples:3 /dataonly`;
    case 'KRB_KDC_TIMEOUT':
    case 'KRB_KDC_UNREACHABLE':
      return `Test-NetConnection ${nativeArg(dc)} -Port 88`;
    default:
      return undefined;
  }
}

export function fail(evidence: string[], remedy: string, command?: string): CheckOutcome {
  return command === undefined ? { status: 'fail', evidence, remedy } : { status: 'fail', evidence, remedy, command };
}
