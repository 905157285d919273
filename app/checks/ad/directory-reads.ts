import type { LdapConnection } from '../../ldap/connect';
import { findAccounts, findSpnOwners, type Account } from '../../ldap/directory';
import { sameSpn, spnForms } from '../../ldap/spn';
import { adSession, globalCatalog, type AdSession } from '../run/ad-session';
import type { CheckContext } from '../types';
import { fromResult, type LdapReadFailure, type NotOneAccount, type Read, type ReadFailure } from './read-failure';
import { recordAccount, type RecordedAccount } from './recorded-account';

/** The run's bound session (one bind per run, ad-session.ts); when the bind failed, ad.bind has said why. */
export async function boundSession(ctx: CheckContext): Promise<Read<AdSession>> {
  const s = await adSession(ctx);
  return s.ok ? s : { ok: false, failure: { read: 'no-bind', message: s.error.message } };
}

/** The service account's entry in its domain, read once per run. */
export function serviceAccount(ctx: CheckContext, s: AdSession): Promise<Read<Account, LdapReadFailure | NotOneAccount>> {
  return ctx.memo('ad.service-account', async (): Promise<Read<Account, LdapReadFailure | NotOneAccount>> => {
    const name = ctx.settings.kcd.serviceAccount.trim();
    const baseDn = s.rootDse.defaultNamingContext;
    const found = fromResult(await findAccounts(s.connection, baseDn, name));
    if (!found.ok) return found;
    const [account, ...more] = found.value;
    if (account === undefined || more.length > 0) return { ok: false, failure: { read: 'not-one', name, baseDn, count: found.value.length } };
    return { ok: true, value: account };
  });
}

/** The forest's global catalogue, bound once per run. */
export async function globalCatalogue(ctx: CheckContext, s: AdSession): Promise<Read<LdapConnection, LdapReadFailure>> {
  return fromResult(await globalCatalog(ctx, s));
}

/** An SPN's owners across the forest, through the global catalogue. */
export async function spnOwners(ctx: CheckContext, s: AdSession, spns: readonly string[]): Promise<Read<Account[], LdapReadFailure>> {
  const gc = await globalCatalogue(ctx, s);
  if (!gc.ok) return gc;
  return fromResult(await findSpnOwners(gc.value, spns));
}

/** Both forms of the target SPN: the settings' value first (what the SEG asks the KDC for). */
export function targetForms(ctx: CheckContext, s: AdSession): string[] {
  const target = ctx.settings.kcd.targetSpn.trim();
  return [target, ...spnForms(target, s.domain.dnsDomain).filter((f) => !sameSpn(f, target))];
}

/** The bound session and the service account's entry: what the checks about that account start from. */
export async function boundServiceAccount(ctx: CheckContext): Promise<Read<{ readonly session: AdSession; readonly account: Account }>> {
  const s = await boundSession(ctx);
  if (!s.ok) return s;
  const account = await serviceAccount(ctx, s.value);
  return account.ok ? { ok: true, value: { session: s.value, account: account.value } } : account;
}

/** Facts of a check that judges the service account's own entry alone. */
export type ServiceAccountFacts = ReadFailure | { readonly read: 'ok'; readonly account: RecordedAccount };

export async function gatherServiceAccount(ctx: CheckContext): Promise<ServiceAccountFacts> {
  const own = await boundServiceAccount(ctx);
  return own.ok ? { read: 'ok', account: recordAccount(own.value.account) } : own.failure;
}
