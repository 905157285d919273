import type { CheckId, CheckInfo } from '../../app/contract/core-api';
import { rowOf, type RowState, type VerifyModel } from './verify-model';

/**
 * The path of one device's request, as the guide draws it: the certificate names a user
 * (its UPN), the SEG asks the KDC for that user's ticket to itself (S4U2Self), then for a
 * ticket to Exchange (S4U2Proxy), and ActiveSync accepts it. Each stage is proved by one check.
 */
export const STAGES = [
  { label: 'Certificate', checkId: 'pki.device-cert', meaning: 'The device certificate is valid for client authentication and names a user' },
  { label: 'UPN', checkId: 'ad.user-delegable', meaning: 'The user named in the certificate exists in AD and may be delegated' },
  { label: 'S4U2Self', checkId: 'krb.s4u2self', meaning: 'The KDC issues a forwardable ticket for that user to the service account' },
  { label: 'S4U2Proxy', checkId: 'krb.s4u2proxy', meaning: 'The KDC issues that user a ticket to the target SPN' },
  { label: 'ActiveSync', checkId: 'eas.kcd-end-to-end', meaning: 'Exchange ActiveSync accepts the ticket as that user' },
] as const satisfies readonly { readonly label: string; readonly checkId: CheckId; readonly meaning: string }[];

export type StageState = { readonly available: false } | { readonly available: true; readonly row: RowState };

export function stageState(model: VerifyModel, catalogue: readonly CheckInfo[], checkId: CheckId): StageState {
  return catalogue.some((c) => c.id === checkId) ? { available: true, row: rowOf(model, checkId) } : { available: false };
}
