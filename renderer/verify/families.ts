import type { CheckFamily, CheckInfo } from '../../app/contract/core-api';
import { rowOf, type VerifyModel } from './verify-model';

export interface FamilyGroup {
  readonly family: string;
  readonly name: string;
  readonly checks: readonly CheckInfo[];
}

/**
 * The families in the order a device's request depends on them, so the page reads along the
 * stage row above it. First what every check stands on: the settings entered, then the network
 * and the clock (no DC is reached by name without DNS, no ticket is issued across a five-minute
 * skew). Then the UEM API: the SEG takes its KCD settings from the MEM configuration before it
 * serves any device. Then the stages themselves: the certificate (pki, stage "Certificate"), the
 * user it names in AD (ad, "UPN"), the tickets (krb, "S4U2Self" and "S4U2Proxy") and ActiveSync
 * accepting them (eas, "ActiveSync"). Last the SEG host: its checks judge copies of the SEG's
 * files, the ground the chain runs on, and are often not given at all.
 */
const CHAIN_ORDER: readonly CheckFamily[] = ['input', 'net', 'time', 'uem', 'pki', 'ad', 'krb', 'eas', 'seg'];

const rank = (family: string) => {
  const i = (CHAIN_ORDER as readonly string[]).indexOf(family);
  return i === -1 ? CHAIN_ORDER.length : i;
};

/** Checks grouped by family, families in the order of the chain (CHAIN_ORDER), checks in catalogue order within each. */
export function groupByFamily(checks: readonly CheckInfo[]): FamilyGroup[] {
  const groups = new Map<string, CheckInfo[]>();
  for (const check of checks) {
    const list = groups.get(check.family);
    if (list) list.push(check);
    else groups.set(check.family, [check]);
  }
  // Array.prototype.sort is stable: families outside the chain (none today) keep the catalogue's order after it.
  return [...groups].map(([family, list]) => ({ family, name: list[0]?.familyTitle ?? family, checks: list })).sort((a, b) => rank(a.family) - rank(b.family));
}

/**
 * A family with nothing to look at, shown as one line: every check ran, none failed or warned,
 * and it proved something (at least one passed). A skip beside passes is one that did not apply
 * (no CAS array, TLS off); a family that was skipped whole is left open, saying why.
 */
export function nothingToReview(group: FamilyGroup, model: VerifyModel): boolean {
  const rows = group.checks.map((check) => rowOf(model, check.id));
  const statuses = rows.map((row) => (row.kind === 'done' ? row.result.status : null));
  return statuses.every((s) => s === 'pass' || s === 'skip') && statuses.includes('pass');
}

/** The person's last word on a family: shown or hidden, and whether it had nothing to review when they said so. */
export interface FamilyChoice {
  readonly open: boolean;
  readonly settled: boolean;
}

/**
 * Whether a family lists its checks: hidden when there is nothing to review, listed otherwise (a
 * failure, a warning, skipped whole, or not run yet), unless the person chose otherwise for the
 * results it has now. A family in which the person has a result open stays listed: a check they
 * fixed and ran again must not fold away under them.
 */
export function familyOpen(group: FamilyGroup, model: VerifyModel, choice: FamilyChoice | undefined, openRows: ReadonlySet<string>): boolean {
  const settled = nothingToReview(group, model);
  if (choice !== undefined && choice.settled === settled) return choice.open;
  return !settled || group.checks.some((c) => openRows.has(c.id));
}
