import type { CheckId, CheckInfo, CheckResult } from '../../app/contract/core-api';
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

/** How eas.kcd-end-to-end's evidence names the user the server authenticated (app/checks/eas/kcd-end-to-end.ts). */
const SERVER_USER = 'server reports the user as: ';

/** The user ActiveSync authenticated the ticket as, when the server said (the lab's stand-in does; Exchange keeps it to itself). */
export function serverUser(result: CheckResult): string | null {
  const line = result.evidence.find((l) => l.startsWith(SERVER_USER));
  return line === undefined ? null : line.slice(SERVER_USER.length);
}

/** A stage's key fact (the UPN, the ticket, the user ActiveSync saw): the user the server named, else its check's first line of evidence. */
export function stageFact(result: CheckResult): string {
  const user = serverUser(result);
  return user !== null ? `accepted as ${user}` : (result.evidence[0] ?? result.reason ?? '');
}
