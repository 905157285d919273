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
export const CHAIN_ORDER: readonly CheckFamily[] = ['input', 'net', 'time', 'uem', 'pki', 'ad', 'krb', 'eas', 'seg'];

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

/** A family with nothing to look at: every one of its checks ran and passed. Such a family shows as one line. */
export function allPassed(group: FamilyGroup, model: VerifyModel): boolean {
  return group.checks.every((check) => {
    const row = rowOf(model, check.id);
    return row.kind === 'done' && row.result.status === 'pass';
  });
}

/** The person's last word on a family: shown or hidden, and whether it had all passed when they said so. */
export interface FamilyChoice {
  readonly open: boolean;
  readonly allPassed: boolean;
}

/**
 * Whether a family lists its checks: hidden when all passed, listed otherwise (a failure, a
 * warning, a skip, or not run yet), unless the person chose otherwise for the results it has now.
 */
export function familyOpen(group: FamilyGroup, model: VerifyModel, choice: FamilyChoice | undefined): boolean {
  const passed = allPassed(group, model);
  return choice !== undefined && choice.allPassed === passed ? choice.open : !passed;
}
