import type { CoreError } from '../../contract/result';
import type { AddressSource } from '../../net/resolve';
import { easUrl, type EasTarget } from '../../eas/eas-target';
import { easTarget } from '../run/eas-target';
import type { CheckContext, CheckOutcome } from '../types';

/** The ActiveSync endpoint as the SEG reaches it, as JSON (the trust context stays behind). */
export interface EasTargetFacts {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
  readonly path: string;
  readonly address: string;
  readonly addressSource: AddressSource;
}

/** The email server's name did not resolve: what the resolver said. */
export interface UnresolvedTarget {
  readonly outcome: 'unresolved';
  readonly message: string;
  readonly remedy?: string;
}

/** The run's ActiveSync target (resolved once, shared by the eas.* checks), or why there is none. */
export async function gatherTarget(ctx: CheckContext): Promise<{ readonly target: EasTarget; readonly facts: EasTargetFacts } | UnresolvedTarget> {
  const t = await easTarget(ctx);
  if (!t.ok) return { outcome: 'unresolved', message: t.error.message, ...(t.error.remedy === undefined ? {} : { remedy: t.error.remedy }) };
  const { host, port, tls, path, address, addressSource } = t.value;
  return { target: t.value, facts: { host, port, tls, path, address, addressSource } };
}

export const isUnresolved = (v: object): v is UnresolvedTarget => 'outcome' in v && v.outcome === 'unresolved';

export function unresolvedOutcome(u: UnresolvedTarget): CheckOutcome {
  return { status: 'fail', evidence: [u.message], remedy: u.remedy ?? 'Check the email server host name and network.hosts.' };
}

export const where = (t: EasTargetFacts): string => `${easUrl(t)} → ${t.address} (from ${t.addressSource})`;

/** The server gave no HTTP (or TLS) answer: why. */
export interface NoAnswer {
  readonly outcome: 'no-answer';
  readonly target: EasTargetFacts;
  readonly message: string;
  readonly remedy?: string;
}

export function noAnswer(target: EasTargetFacts, e: CoreError): NoAnswer {
  return { outcome: 'no-answer', target, message: e.message, ...(e.remedy === undefined ? {} : { remedy: e.remedy }) };
}

export function noAnswerOutcome(n: NoAnswer, remedy: string): CheckOutcome {
  return { status: 'fail', evidence: [where(n.target), n.message], remedy: n.remedy ?? remedy };
}
