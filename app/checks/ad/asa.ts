import { isComputer, type Account } from '../../ldap/directory';
import { parseSpn, spnForms } from '../../ldap/spn';
import { nativeArg, psLiteral } from '../../scripts/quote';
import type { CheckContext } from '../types';
import { adCheck } from './ad-check';
import { boundSession, spnOwners } from './directory-reads';
import type { ReadFailure } from './read-failure';
import { accountLine, asAccount, holdersOf, recordAccount, type RecordedAccount } from './recorded-account';

export type AsaFacts =
  | ReadFailure
  | {
      readonly read: 'ok';
      /** The CAS array's FQDN from the settings, lower-case. */
      readonly fqdn: string;
      /** The service account's DNS domain. */
      readonly dnsDomain: string;
      /** Every account in the forest holding HTTP/<array> in either form (global catalogue). */
      readonly owners: readonly RecordedAccount[];
    };

/**
 * A computer account that is a real server rather than an alternate service account
 * credential: a server has an operating system, a DNS host name of its own and HOST/ SPNs;
 * an ASA made as the guide says (a new computer object) has none of them.
 */
function looksLikeServer(a: Account, casFqdn: string): boolean {
  return (
    a.operatingSystem !== undefined ||
    a.spns.some((spn) => parseSpn(spn)?.serviceClass.toUpperCase() === 'HOST') ||
    (a.dnsHostName !== undefined && a.dnsHostName.toLowerCase() !== casFqdn)
  );
}

async function gather(ctx: CheckContext): Promise<AsaFacts> {
  const s = await boundSession(ctx);
  if (!s.ok) return s.failure;
  const fqdn = ctx.settings.email.casArray.fqdn.trim().toLowerCase();
  const { dnsDomain } = s.value.domain;
  const found = await spnOwners(ctx, s.value, spnForms(`HTTP/${fqdn}`, dnsDomain));
  if (!found.ok) return found.failure;
  return { read: 'ok', fqdn, dnsDomain, owners: found.value.map(recordAccount) };
}

export const asa = adCheck<AsaFacts>({
  id: 'ad.asa',
  title: 'CAS array SPN sits on the alternate service account',
  dependsOn: ['ad.bind', 'input.cas-array'],
  notApplicable: (settings) =>
    settings.email.casArray.enabled ? null : 'No CAS array is configured (Email server step): no alternate service account is needed',
  gather,
  judge(facts) {
    const { fqdn } = facts;
    const spn = `HTTP/${fqdn}`;
    const holders = holdersOf(facts.owners.map(asAccount), spn);
    const evidence = [
      `${spn}: ${holders.map((a) => `${accountLine(a)}${isComputer(a) ? (looksLikeServer(a, fqdn) ? ' [server computer account]' : ' [computer account without operatingSystem, dNSHostName or HOST/ SPN: an ASA]') : ' [user account]'}`).join('; ') || 'no account'}`,
    ];
    const asaName = 'CASARRAY-ASA';
    if (holders.length === 0) {
      return {
        status: 'fail',
        evidence,
        remedy: `No account has ${spn}. Create the alternate service account (a computer account, e.g. ${asaName}), register the CAS array's SPN on it, and deploy its credential to the array members with RollAlternateServiceAccountPassword.ps1.`,
        command: [
          `New-ADComputer -Name ${psLiteral(asaName)} -AccountPassword $null -Enabled $true`,
          `setspn -S ${nativeArg(spn)} ${nativeArg(`${asaName}$`)}`,
          `.\\RollAlternateServiceAccountPassword.ps1 -ToArrayMembers ${psLiteral(fqdn)} -GenerateNewPasswordFor ${psLiteral(`${facts.dnsDomain.split('.')[0]?.toUpperCase() ?? ''}\\${asaName}$`)} -Verbose`,
        ].join('\n'),
      };
    }
    const servers = holders.filter((a) => !isComputer(a) || looksLikeServer(a, fqdn));
    if (holders.length > 1 || servers.length > 0) {
      const wrong = holders.length > 1 ? (servers.length > 0 ? servers : holders.slice(1)) : servers;
      return {
        status: 'fail',
        evidence,
        remedy: `${spn} must be registered only on the alternate service account, so that every array member can decrypt tickets for it. Move it off ${wrong.map((a) => a.samAccountName).join(', ')}.`,
        command: [
          ...wrong.map((a) => `setspn -D ${nativeArg(spn)} ${nativeArg(a.samAccountName)}`),
          `setspn -S ${nativeArg(spn)} ${nativeArg(`${asaName}$`)}`,
        ].join('\n'),
      };
    }
    return { status: 'pass', evidence };
  },
});
