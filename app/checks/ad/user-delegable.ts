import { domainSid, groupByRid, memberInChain, readAccount, type Account } from '../../ldap/directory';
import { dnsDomainOf } from '../../ldap/dn';
import { describeUac, hasUac } from '../../ldap/uac';
import { ldapFilterArg, psLiteral } from '../../scripts/quote';
import { mappingEvidence, type RealmMapping } from '../krb/realms';
import { sessionForDn, type AdSession } from '../run/ad-session';
import { userLookup, type FoundUser } from '../run/user-account';
import type { CheckContext } from '../types';
import { adCheck } from './ad-check';
import { serverArg } from './cmdlet-server';
import { boundSession } from './directory-reads';
import { failureOutcome, fromResult, type LdapReadFailure, type ReadFailure } from './read-failure';
import { accountLine, asAccount, recordAccount, type RecordedAccount } from './recorded-account';

/** The user's membership of Protected Users (RID 525), read in the user's own domain. */
export type ProtectedUsersFacts =
  | LdapReadFailure
  /** No DC of the user's domain could be read (only the global catalogue's copy): membership is not read. */
  | { readonly read: 'no-dc' }
  | { readonly read: 'no-sid' }
  /** The group does not exist (domain functional level below 2012 R2). */
  | { readonly read: 'no-group' }
  | { readonly read: 'not-member'; readonly group: string }
  /** A member: `via` lists the user's direct groups through which the membership runs (the group itself when direct). */
  | { readonly read: 'member'; readonly group: string; readonly via: readonly string[] };

/** Where the user's entry was read: at a DC of its own domain, or the global catalogue's partial copy and why. */
export type UserCopy = { readonly copy: 'dc'; readonly at: string } | { readonly copy: 'gc'; readonly why: string };

/** Where the UPN was looked for and how its realm was chosen: the lookup of user-account.ts, as facts. */
interface Searched {
  readonly upn: string;
  readonly searched: readonly string[];
  readonly unsearched: readonly { readonly realm: string; readonly message: string }[];
  readonly mapping: RealmMapping;
}

export type UserDelegableFacts =
  | ReadFailure
  /** The device certificate is missing or names no UPN. */
  | { readonly read: 'no-upn' }
  /** No account, or several, answer to the certificate's UPN. */
  | (Searched & { readonly read: 'not-unique'; readonly found: readonly FoundUser[] })
  | (Searched & {
      readonly read: 'ok';
      /** The service account's DNS domain. */
      readonly domain: string;
      readonly found: FoundUser;
      /** The user as read for judging: at its domain's DC, or the GC copy (see `copy`). */
      readonly account: RecordedAccount;
      readonly copy: UserCopy;
      readonly protectedUsers: ProtectedUsersFacts;
    });

const PROTECTED_USERS_RID = 525;

async function protectedUsers(s: AdSession, user: Account): Promise<ProtectedUsersFacts> {
  const base = s.rootDse.defaultNamingContext;
  const sid = fromResult(await domainSid(s.connection, base));
  if (!sid.ok) return sid.failure;
  if (sid.value === null) return { read: 'no-sid' };
  const found = fromResult(await groupByRid(s.connection, base, sid.value, PROTECTED_USERS_RID));
  if (!found.ok) return found.failure;
  const group = found.value;
  if (group === null) return { read: 'no-group' };
  const member = fromResult(await memberInChain(s.connection, user.dn, group));
  if (!member.ok) return member.failure;
  if (!member.value) return { read: 'not-member', group };
  const via: string[] = [];
  for (const direct of user.memberOf) {
    if (direct.toLowerCase() === group.toLowerCase()) via.push(direct);
    else {
      const nested = await memberInChain(s.connection, direct, group);
      if (nested.ok && nested.value) via.push(direct);
    }
  }
  return { read: 'member', group, via };
}

async function gather(ctx: CheckContext): Promise<UserDelegableFacts> {
  const s = await boundSession(ctx);
  if (!s.ok) return s.failure;
  const lookup = await userLookup(ctx);
  if (lookup.read === 'no-upn') return { read: 'no-upn' };
  if (lookup.read === 'no-bind') return { read: 'no-bind', message: lookup.message };
  if (lookup.read === 'failed')
    return lookup.remedy === undefined ? { read: 'failed', message: lookup.message } : { read: 'failed', message: lookup.message, remedy: lookup.remedy };
  const { upn, searched, unsearched, mapping } = lookup;
  const base = { upn, searched, unsearched, mapping };
  const [found, ...more] = lookup.found;
  if (found === undefined || more.length > 0) return { ...base, read: 'not-unique', found: lookup.found };
  const domain = s.value.domain.dnsDomain;
  const at = await sessionForDn(ctx, s.value, found.account.dn);
  if (!at.ok) {
    const copy: UserCopy = { copy: 'gc', why: at.error.message };
    return { ...base, read: 'ok', domain, found, account: found.account, copy, protectedUsers: { read: 'no-dc' } };
  }
  const full = fromResult(await readAccount(at.value.connection, found.account.dn));
  if (!full.ok) return full.failure;
  const user = full.value ?? asAccount(found.account);
  const copy: UserCopy = { copy: 'dc', at: at.value.domain.dcFqdn };
  return { ...base, read: 'ok', domain, found, account: recordAccount(user), copy, protectedUsers: await protectedUsers(at.value, user) };
}

function foundLine(f: FoundUser): string {
  return `${accountLine(f.account)} in ${dnsDomainOf(f.account.dn)}, found at ${f.foundAt}`;
}

/** Where the UPN was looked for, what answered, and the realm it maps to. */
function searchEvidence(facts: Searched, found: readonly FoundUser[]): string[] {
  return [
    `UPN from the device certificate: ${facts.upn}`,
    `searched: ${facts.searched.join('; ')}`,
    ...facts.unsearched.map((u) => `not searched: ${u.realm}: ${u.message}`),
    `accounts found: ${found.map(foundLine).join('; ') || 'none'}`,
    mappingEvidence(facts.mapping),
  ];
}

export const userDelegable = adCheck<UserDelegableFacts>({
  id: 'ad.user-delegable',
  title: "The device certificate's user exists and may be delegated",
  dependsOn: ['ad.bind', 'input.certificates'],
  gather,
  judge(facts) {
    if (facts.read === 'no-upn') return { status: 'skip', reason: 'The device certificate is missing or names no UPN (SAN otherName): see pki.device-cert' };
    const { upn } = facts;
    const evidence = searchEvidence(facts, facts.read === 'ok' ? [facts.found] : facts.found);
    if (facts.read === 'not-unique') {
      const { found } = facts;
      if (found.length === 0) {
        const elsewhere =
          facts.mapping.from === 'home'
            ? ` If the user lives in a trusted forest, add one of its domains under KCD (realm and domain controller): a trusted forest is searched at its own DC, since this forest's global catalogue does not hold it.`
            : '';
        return {
          status: 'fail',
          evidence,
          remedy: `No user has the UPN ${upn}: the certificate template must put the user's userPrincipalName in the SAN, or the user's UPN must be set to ${upn}.${elsewhere}`,
          command: `Get-ADUser -LDAPFilter ${ldapFilterArg('userPrincipalName', upn)} -Server ${psLiteral(`${facts.mapping.realm.toLowerCase()}:3268`)}`,
        };
      }
      const domains = [...new Set(found.map((f) => dnsDomainOf(f.account.dn)))];
      return {
        status: 'fail',
        evidence,
        remedy: `${found.length} accounts answer to ${upn} (in ${domains.join(', ')}): the KDC cannot tell which one the certificate names, and a UPN must be unique in the forest and across its trusts. Give every account but the device user's another UPN (one line each below).`,
        command: found
          .map((f) => `Set-ADUser -Identity ${psLiteral(f.account.dn)} -Server ${psLiteral(dnsDomainOf(f.account.dn))} -UserPrincipalName <a unique UPN>`)
          .join('\n'),
      };
    }
    const { account: u, protectedUsers: pu, copy } = facts;
    const userDomain = dnsDomainOf(u.dn);
    evidence.push(copy.copy === 'dc' ? `read at ${copy.at}, a DC of ${userDomain}` : `read from the global catalogue's copy: ${copy.why}`);
    const uac = u.userAccountControl ?? 0;
    evidence.push(`userAccountControl: ${describeUac(uac)}`);
    const id = psLiteral(u.samAccountName) + serverArg(u.dn, facts.domain);
    if (hasUac(uac, 'NOT_DELEGATED')) {
      return {
        status: 'fail',
        evidence,
        remedy: `${u.samAccountName} is marked "Account is sensitive and cannot be delegated" (NOT_DELEGATED): the KDC issues a non-forwardable S4U2Self ticket and S4U2Proxy fails with KDC_ERR_BADOPTION. Clear the flag for users who read mail through the SEG.`,
        command: `Set-ADAccountControl -Identity ${id} -AccountNotDelegated $false`,
      };
    }
    if (hasUac(uac, 'ACCOUNTDISABLE')) {
      return {
        status: 'fail',
        evidence,
        remedy: `${u.samAccountName} is disabled: the KDC refuses S4U2Self for it ("KDC policy rejects request").`,
        command: `Enable-ADAccount -Identity ${id}`,
      };
    }
    switch (pu.read) {
      case 'no-dc':
        return {
          status: 'warn',
          evidence: [...evidence, `Protected Users of ${userDomain}: not read (no DC of ${userDomain} was read)`],
          remedy: `Check that ${u.samAccountName} is not in Protected Users of ${userDomain}, or add ${userDomain.toUpperCase()} with a domain controller under KCD so that it is read there.`,
          command: `Get-ADGroupMember -Identity 'Protected Users' -Recursive -Server ${psLiteral(userDomain)}`,
        };
      case 'failed':
        return failureOutcome(pu);
      case 'no-sid':
        return failureOutcome({ read: 'failed', message: 'The domain SID cannot be read' }, evidence);
      case 'no-group':
        evidence.push('Protected Users: the group does not exist in this domain (domain functional level below 2012 R2)');
        return { status: 'pass', evidence };
      case 'not-member':
        evidence.push(`not a member of ${pu.group}, directly or nested`);
        return { status: 'pass', evidence };
      case 'member': {
        const { group, via } = pu;
        evidence.push(`member of ${group} through: ${via.join('; ') || 'an unlisted path (primary group?)'}`);
        return {
          status: 'fail',
          evidence,
          remedy: `${u.samAccountName} is in Protected Users${via.some((d) => d.toLowerCase() !== group.toLowerCase()) ? ' through a nested group' : ''}: Windows domain controllers refuse to delegate its credentials (no S4U2Proxy). Remove the membership for users who read mail through the SEG.`,
          command: (via.length > 0 ? via : [group])
            .map((g) => `Remove-ADGroupMember -Identity ${psLiteral(g)} -Members ${psLiteral(u.dn)}${serverArg(g, facts.domain)} -Confirm:$false`)
            .join('\n'),
        };
      }
    }
  },
});
