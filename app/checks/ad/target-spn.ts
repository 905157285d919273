import { findSpnsForHost, type Account } from '../../ldap/directory';
import { parseSpn } from '../../ldap/spn';
import { nativeArg } from '../../scripts/quote';
import type { CheckContext } from '../types';
import { adCheck } from './ad-check';
import { boundSession, globalCatalogue, spnOwners, targetForms } from './directory-reads';
import type { ReadFailure } from './read-failure';
import { accountLine, holdersOf } from './recorded-account';

export type TargetSpnFacts =
  | ReadFailure
  | {
      readonly read: 'ok';
      /** The target SPN as the settings give it, then its other form (short name or FQDN). */
      readonly forms: readonly string[];
      /** The KCD service account's name from the settings. */
      readonly serviceAccount: string;
      /** Every account in the forest that holds one of the forms (global catalogue), in the order it answered. */
      readonly owners: readonly SpnHolder[];
      /** When no account holds the target: SPNs naming its host that do not match it (empty when none or unreadable). */
      readonly similar: readonly { readonly spn: string; readonly account: string }[];
    };

/**
 * An owner as facts: only what the judge reads, so that every owner has the same shape
 * (the global catalogue answers in no fixed order, and a recording's shape is its first owner's).
 */
export type SpnHolder = Pick<Account, 'dn' | 'samAccountName' | 'spns'>;

/** How many similar SPNs are listed when the target has no owner. */
const NEAR_MISS_LIMIT = 20;

/** The computer account named in the SPN (`SEMAIL01$`): the Exchange server's, which should own it without a CAS array. */
function expectedOwner(spn: string): string {
  const host = parseSpn(spn)?.host ?? '';
  return `${(host.split('.')[0] ?? host).toUpperCase()}$`;
}

const machineOf = (spn: string): string => expectedOwner(spn).replace(/\$$/, '');

async function gather(ctx: CheckContext): Promise<TargetSpnFacts> {
  const s = await boundSession(ctx);
  if (!s.ok) return s.failure;
  const forms = targetForms(ctx, s.value);
  const [target = ''] = forms;
  const found = await spnOwners(ctx, s.value, forms);
  if (!found.ok) return found.failure;
  const owners = found.value.map(({ dn, samAccountName, spns }) => ({ dn, samAccountName, spns }));
  let similar: { spn: string; account: string }[] = [];
  if (holdersOf(owners, target).length === 0) {
    const gc = await globalCatalogue(ctx, s.value);
    const read = gc.ok ? await findSpnsForHost(gc.value, machineOf(target), NEAR_MISS_LIMIT) : null;
    if (read?.ok) similar = read.value;
  }
  return { read: 'ok', forms, serviceAccount: ctx.settings.kcd.serviceAccount.trim(), owners, similar };
}

export const targetSpn = adCheck<TargetSpnFacts>({
  id: 'ad.target-spn',
  title: 'Target SPN is registered on exactly one account in the forest',
  dependsOn: ['ad.bind', 'input.target-spn'],
  gather,
  judge(facts) {
    const { forms } = facts;
    const [target = ''] = forms;
    const ownersOf = (spn: string) => holdersOf(facts.owners, spn);
    const evidence = forms.map((f) => `${f}: ${ownersOf(f).map(accountLine).join('; ') || 'no account'}`);
    const targetOwners = ownersOf(target);
    const host = expectedOwner(target);
    const machine = machineOf(target);
    if (targetOwners.length === 0) {
      if (facts.similar.length > 0) {
        evidence.push(`SPNs naming ${machine.toLowerCase()} that do not match: ${facts.similar.map((n) => `${n.spn} on ${n.account}`).join('; ')}`);
      }
      return {
        status: 'fail',
        evidence,
        remedy: `No account in the forest has ${target}, so the KDC answers KDC_ERR_S_PRINCIPAL_UNKNOWN. Register it on the Exchange server's computer account (or on the ASA with a CAS array), then select it on the service account's Delegation tab.`,
        command: forms.map((f) => `setspn -S ${nativeArg(f)} ${nativeArg(machine)}`).join('\n'),
      };
    }
    if (targetOwners.length > 1) {
      const extra = targetOwners.filter((a) => a.samAccountName.toUpperCase() !== host);
      const remove = (extra.length === targetOwners.length ? targetOwners.slice(1) : extra).map(
        (a) => `setspn -D ${nativeArg(target)} ${nativeArg(a.samAccountName)}`,
      );
      return {
        status: 'fail',
        evidence,
        remedy: `${target} is registered on ${targetOwners.length} accounts (${targetOwners.map((a) => a.samAccountName).join(', ')}): the KDC cannot tell which key to use and refuses tickets for it (KDC_ERR_S_PRINCIPAL_UNKNOWN). Keep it on one account only.`,
        command: remove.join('\n'),
      };
    }
    const [owner] = targetOwners;
    if (owner !== undefined && owner.samAccountName.toLowerCase() === facts.serviceAccount.toLowerCase()) {
      const held = forms.filter((f) => ownersOf(f).some((a) => a.dn === owner.dn));
      return {
        status: 'fail',
        evidence,
        remedy: `${target} is registered on the KCD service account ${owner.samAccountName} itself: tickets for it are then encrypted with the service account's key, which Exchange does not have. Move it to the Exchange server's computer account (or the ASA with a CAS array).`,
        command: [
          ...held.map((f) => `setspn -D ${nativeArg(f)} ${nativeArg(owner.samAccountName)}`),
          ...forms.map((f) => `setspn -S ${nativeArg(f)} ${nativeArg(machine)}`),
        ].join('\n'),
      };
    }
    const split = forms.slice(1).flatMap((f) =>
      ownersOf(f)
        .filter((a) => a.dn !== owner?.dn)
        .map((a) => `${f} on ${a.samAccountName}`),
    );
    if (split.length > 0 && owner !== undefined) {
      return {
        status: 'warn',
        evidence,
        remedy: `The other form of the SPN is on another account (${split.join(', ')}): both forms should name the same service account key.`,
        command: forms
          .slice(1)
          .flatMap((f) =>
            ownersOf(f)
              .filter((a) => a.dn !== owner.dn)
              .map((a) => `setspn -D ${nativeArg(f)} ${nativeArg(a.samAccountName)}`),
          )
          .join('\n'),
      };
    }
    return { status: 'pass', evidence };
  },
});
