import { domainSid, findAccounts, groupByRid, memberInChain, readAccount } from '../../ldap/directory';
import type { LdapConnection } from '../../ldap/connect';
import { adSession, sessionForDn, type AdSession } from '../run/ad-session';
import { userLookup } from '../run/user-account';
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
  const u = await userInItsDomain(ctx, session.value);
  return {
    ...base,
    domain: session.value.domain.dnsDomain,
    ...(s ? { service: { ...(s.userAccountControl === undefined ? {} : { uac: s.userAccountControl }), allowedToDelegateTo: s.allowedToDelegateTo } } : {}),
    ...(u ? { userAccount: u } : {}),
  };
}

/**
 * The user the KDC impersonated: the one account the run's lookup found for the UPN
 * (user-account.ts), read with its Protected Users membership at a DC of its own domain;
 * undefined when the directory cannot tell (no account, several, or no DC of that domain).
 */
async function userInItsDomain(ctx: CheckContext, home: AdSession): Promise<DelegationFacts['userAccount']> {
  const lookup = await userLookup(ctx);
  if (lookup.read !== 'searched' || lookup.found.length !== 1) return undefined;
  const dn = lookup.found[0]?.account.dn ?? '';
  const at = await sessionForDn(ctx, home, dn);
  if (!at.ok) return undefined;
  const read = await readAccount(at.value.connection, dn);
  if (!read.ok || read.value === null) return undefined;
  const { samAccountName, userAccountControl: uac } = read.value;
  const protectedUsers = await inProtectedUsers(at.value.connection, at.value.rootDse.defaultNamingContext, dn);
  return { sam: samAccountName, dn, ...(uac === undefined ? {} : { uac }), ...(protectedUsers === undefined ? {} : { protectedUsers }) };
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
