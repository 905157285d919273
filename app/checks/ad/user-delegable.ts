import type { Result } from '../../contract/result';
import type { LdapConnection } from '../../ldap/connect';
import { domainSid, findAccounts, findByUpn, groupByRid, memberInChain, readAccount, type Account } from '../../ldap/directory';
import { dnsDomainOf } from '../../ldap/dn';
import { describeUac, hasUac } from '../../ldap/uac';
import { ldapFilterArg, psLiteral } from '../../scripts/quote';
import type { AdSession } from '../run/ad-session';
import { deviceUpn } from '../run/device-identity';
import type { CheckContext } from '../types';
import { adCheck } from './ad-check';
import { boundSession, globalCatalogue } from './directory-reads';
import { failureOutcome, fromResult, type LdapReadFailure, type ReadFailure } from './read-failure';
import { accountLine, recordAccount, type RecordedAccount } from './recorded-account';

/** The user's membership of Protected Users (RID 525) in the service account's domain. */
export type ProtectedUsersFacts =
  | LdapReadFailure
  /** The user lives in another domain: membership is read only in the service account's. */
  | { readonly read: 'other-domain' }
  | { readonly read: 'no-sid' }
  /** The group does not exist (domain functional level below 2012 R2). */
  | { readonly read: 'no-group' }
  | { readonly read: 'not-member'; readonly group: string }
  /** A member: `via` lists the user's direct groups through which the membership runs (the group itself when direct). */
  | { readonly read: 'member'; readonly group: string; readonly via: readonly string[] };

export type UserDelegableFacts =
  | ReadFailure
  /** The device certificate is missing or names no UPN. */
  | { readonly read: 'no-upn' }
  /** No account, or several, answer to the certificate's UPN. */
  | { readonly read: 'not-unique'; readonly upn: string; readonly found: readonly RecordedAccount[] }
  | {
      readonly read: 'ok';
      readonly upn: string;
      /** The service account's DNS domain. */
      readonly domain: string;
      /** The user as the global catalogue found it. */
      readonly found: RecordedAccount;
      /** The user read again at its DN when it is in the service account's domain (the GC copy otherwise). */
      readonly account: RecordedAccount;
      readonly protectedUsers: ProtectedUsersFacts;
    };

const PROTECTED_USERS_RID = 525;

/** A user found by the certificate's UPN: the userPrincipalName, else the implicit form sAMAccountName@domain. */
async function userForUpn(gc: LdapConnection, upn: string): Promise<Result<Account[]>> {
  const explicit = await findByUpn(gc, upn);
  if (!explicit.ok || explicit.value.length > 0) return explicit;
  const at = upn.lastIndexOf('@');
  if (at <= 0) return explicit;
  const sam = await findAccounts(gc, '', upn.slice(0, at));
  if (!sam.ok) return sam;
  return { ok: true, value: sam.value.filter((a) => dnsDomainOf(a.dn) === upn.slice(at + 1).toLowerCase()) };
}

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
  const upn = await deviceUpn(ctx);
  if (upn === null) return { read: 'no-upn' };
  const gc = await globalCatalogue(ctx, s.value);
  if (!gc.ok) return gc.failure;
  const users = fromResult(await userForUpn(gc.value, upn));
  if (!users.ok) return users.failure;
  const [found, ...more] = users.value;
  if (found === undefined || more.length > 0) return { read: 'not-unique', upn, found: users.value.map(recordAccount) };
  const domain = s.value.domain.dnsDomain;
  if (dnsDomainOf(found.dn) !== domain) {
    return { read: 'ok', upn, domain, found: recordAccount(found), account: recordAccount(found), protectedUsers: { read: 'other-domain' } };
  }
  const full = fromResult(await readAccount(s.value.connection, found.dn));
  if (!full.ok) return full.failure;
  const user = full.value ?? found;
  return { read: 'ok', upn, domain, found: recordAccount(found), account: recordAccount(user), protectedUsers: await protectedUsers(s.value, user) };
}

export const userDelegable = adCheck<UserDelegableFacts>({
  id: 'ad.user-delegable',
  title: "The device certificate's user exists and may be delegated",
  dependsOn: ['ad.bind', 'input.certificates'],
  gather,
  judge(facts) {
    if (facts.read === 'no-upn') return { status: 'skip', reason: 'The device certificate is missing or names no UPN (SAN otherName): see pki.device-cert' };
    const { upn } = facts;
    const found = facts.read === 'ok' ? [facts.found] : facts.found;
    const evidence = [`UPN from the device certificate: ${upn}`, `accounts found in the forest: ${found.map(accountLine).join('; ') || 'none'}`];
    if (facts.read === 'not-unique') {
      if (found.length === 0) {
        return {
          status: 'fail',
          evidence,
          remedy: `No user has the UPN ${upn}: the certificate template must put the user's userPrincipalName in the SAN, or the user's UPN must be set to ${upn}.`,
          command: `Get-ADUser -LDAPFilter ${ldapFilterArg('userPrincipalName', upn)}`,
        };
      }
      return {
        status: 'fail',
        evidence,
        remedy: `${found.length} accounts answer to ${upn}: a UPN must be unique in the forest. Change the UPN of all but the device user.`,
        command: found
          .slice(1)
          .map((a) => `Set-ADUser -Identity ${psLiteral(a.dn)} -UserPrincipalName <a unique UPN>`)
          .join('\n'),
      };
    }
    const { account: u, protectedUsers: pu } = facts;
    const uac = u.userAccountControl ?? 0;
    evidence.push(`userAccountControl: ${describeUac(uac)}`);
    const id = psLiteral(u.samAccountName);
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
      case 'other-domain':
        return {
          status: 'warn',
          evidence: [...evidence, `${facts.found.dn} is outside ${facts.domain}: Protected Users membership is read only in the service account's domain`],
          remedy: `Check that ${u.samAccountName} is not in Protected Users of its domain.`,
          command: `Get-ADGroupMember -Identity 'Protected Users' -Recursive -Server ${psLiteral(dnsDomainOf(facts.found.dn))}`,
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
            .map((g) => `Remove-ADGroupMember -Identity ${psLiteral(g)} -Members ${psLiteral(u.dn)} -Confirm:$false`)
            .join('\n'),
        };
      }
    }
  },
});
