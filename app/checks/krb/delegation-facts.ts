import { domainSid, findAccounts, groupByRid, memberInChain } from '../../ldap/directory';
import { integer, text } from '../../ldap/entry';
import { filter } from '../../ldap/filter-escape';
import type { LdapConnection } from '../../ldap/connect';
import { adSession } from '../run/ad-session';
import type { CheckContext } from '../types';
import type { DelegationFacts } from './delegation-diagnosis';

/** Directory facts for a delegation diagnosis; what LDAP cannot read is left out, never guessed. */
export async function delegationFacts(ctx: CheckContext, upn: string, forwardable: boolean | undefined): Promise<DelegationFacts> {
  const base: DelegationFacts = {
    targetSpn: ctx.settings.kcd.targetSpn.trim(),
    serviceAccount: ctx.settings.kcd.serviceAccount.trim(),
    user: upn,
    ...(forwardable === undefined ? {} : { s4u2selfForwardable: forwardable }),
  };
  const session = await adSession(ctx);
  if (!session.ok) return base;
  const conn = session.value.connection;
  const baseDn = session.value.rootDse.defaultNamingContext;
  const svc = await findAccounts(conn, baseDn, base.serviceAccount);
  const s = svc.ok ? svc.value[0] : undefined;
  const u = await userByUpn(ctx, conn, baseDn, upn);
  return {
    ...base,
    ...(s ? { service: { ...(s.userAccountControl === undefined ? {} : { uac: s.userAccountControl }), allowedToDelegateTo: s.allowedToDelegateTo } } : {}),
    ...(u ? { userAccount: u } : {}),
  };
}

/**
 * The user the KDC impersonated, searched in the home domain by UPN (the session is not a
 * global-catalogue connection, so a forest-wide search from the root would find nothing).
 */
async function userByUpn(
  ctx: CheckContext,
  conn: LdapConnection,
  baseDn: string,
  upn: string,
): Promise<{ sam: string; uac?: number; protectedUsers?: boolean } | undefined> {
  let entry;
  try {
    const { searchEntries } = await conn.client.search(baseDn, {
      scope: 'sub',
      filter: filter`(userPrincipalName=${upn})`,
      attributes: ['sAMAccountName', 'userAccountControl'],
      timeLimit: Math.ceil(ctx.stepTimeoutMs / 1000),
    });
    entry = searchEntries[0];
  } catch {
    // The diagnosis then says the directory could not tell; the KDC's answer stands on its own.
    return undefined;
  }
  if (entry === undefined) return undefined;
  const uac = integer(entry, 'userAccountControl');
  const protectedUsers = await inProtectedUsers(conn, baseDn, entry.dn);
  return { sam: text(entry, 'sAMAccountName') ?? upn, ...(uac === undefined ? {} : { uac }), ...(protectedUsers === undefined ? {} : { protectedUsers }) };
}

/** Membership of Protected Users (RID 525), nested groups included; undefined when LDAP cannot tell. */
async function inProtectedUsers(conn: LdapConnection, baseDn: string, userDn: string): Promise<boolean | undefined> {
  const sid = await domainSid(conn, baseDn);
  if (!sid.ok || sid.value === null) return undefined;
  const group = await groupByRid(conn, baseDn, sid.value, 525);
  if (!group.ok || group.value === null) return undefined;
  const member = await memberInChain(conn, userDn, group.value);
  return member.ok ? member.value : undefined;
}
