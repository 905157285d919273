import type { CoreError, Result } from '../../contract/result';
import type { LdapConnection } from '../../ldap/connect';
import { findAccounts, findByUpn, type Account } from '../../ldap/directory';
import { dnsDomainOf } from '../../ldap/dn';
import { readPartitions } from '../../ldap/partitions';
import { fromResult, type LdapReadFailure } from '../ad/read-failure';
import { recordAccount, type RecordedAccount } from '../ad/recorded-account';
import { realmMapping, type ForestFacts, type RealmMapping } from '../krb/realms';
import type { CheckContext } from '../types';
import { adSession, domainSession, globalCatalog, type AdSession } from './ad-session';
import { deviceUpn } from './device-identity';

/** An account that answers to the certificate's UPN, and where the search found it. */
export interface FoundUser {
  readonly account: RecordedAccount;
  /** `global catalogue`, or the DC of a kcd.domains row outside the forest that was searched. */
  readonly foundAt: string;
}

/** The certificate's user, looked up in the directory: every account answering to the UPN, and the realm it maps to. */
export type UserLookup =
  | { readonly read: 'no-upn' }
  | { readonly read: 'no-bind'; readonly message: string; readonly upn: string }
  | (LdapReadFailure & { readonly upn: string })
  | {
      readonly read: 'searched';
      readonly upn: string;
      /** Every place the UPN was searched, in order. */
      readonly searched: readonly string[];
      /** kcd.domains rows outside the forest whose DC could not be searched, and why (the error and its fix). */
      readonly unsearched: readonly { readonly realm: string; readonly message: string }[];
      readonly found: readonly FoundUser[];
      /** CN=Partitions of each forest read: the service account's, then each other row's outside it. */
      readonly forests: readonly ForestFacts[];
      readonly mapping: RealmMapping;
    };

/** Accounts answering to a UPN below `base` ('' on the GC): the userPrincipalName, else the implicit form sAMAccountName@domain. */
async function accountsForUpn(conn: LdapConnection, upn: string, base: string): Promise<Result<Account[]>> {
  const explicit = await findByUpn(conn, upn, base);
  if (!explicit.ok || explicit.value.length > 0) return explicit;
  const at = upn.lastIndexOf('@');
  if (at <= 0) return explicit;
  const sam = await findAccounts(conn, base, upn.slice(0, at));
  if (!sam.ok) return sam;
  return { ok: true, value: sam.value.filter((a) => dnsDomainOf(a.dn) === upn.slice(at + 1).toLowerCase()) };
}

async function forestOf(s: AdSession): Promise<ForestFacts | null> {
  const read = await readPartitions(s.connection, s.rootDse.configurationNamingContext);
  return read.ok ? { ...read.value, rootDomain: dnsDomainOf(s.rootDse.rootDomainNamingContext) } : null;
}

/**
 * Why a row's DC was not searched, with its fix: the home DC took the same bind, so a refusal
 * there is the trust, which only the remedy says (the bind's message alone reads "wrong password").
 */
function notSearched(realm: string, error: CoreError): { realm: string; message: string } {
  return { realm, message: error.remedy === undefined ? error.message : `${error.message}. ${error.remedy}` };
}

async function search(ctx: CheckContext, home: AdSession, upn: string): Promise<UserLookup> {
  const gc = fromResult(await globalCatalog(ctx, home));
  if (!gc.ok) return { ...gc.failure, upn };
  const inForest = fromResult(await accountsForUpn(gc.value, upn, ''));
  if (!inForest.ok) return { ...inForest.failure, upn };
  const searched = [`global catalogue ${gc.value.describe}`];
  const found: FoundUser[] = inForest.value.map((a) => ({ account: recordAccount(a), foundAt: 'global catalogue' }));
  const homeForest = await forestOf(home);
  const forests = homeForest === null ? [] : [homeForest];
  const unsearched: { realm: string; message: string }[] = [];
  // The GC holds the service account's forest only: a row of a trusted forest is searched at its own DC.
  const outside = ctx.settings.kcd.domains
    .slice(1)
    .map((d) => d.realm.trim().toUpperCase())
    .filter((realm, i, all) => realm !== '' && realm !== home.domain.realm && all.indexOf(realm) === i)
    .filter((realm) => !forests.some((f) => f.domains.some((d) => d.dnsRoot === realm.toLowerCase())));
  for (const realm of outside) {
    const s = await domainSession(ctx, home, realm);
    if (!s.ok) {
      unsearched.push(notSearched(realm, s.error));
      continue;
    }
    const there = await accountsForUpn(s.value.connection, upn, s.value.rootDse.defaultNamingContext);
    if (!there.ok) {
      unsearched.push(notSearched(realm, there.error));
      continue;
    }
    searched.push(`${s.value.domain.dcFqdn} (${realm})`);
    const forest = await forestOf(s.value);
    if (forest !== null && !forests.some((f) => f.dn.toLowerCase() === forest.dn.toLowerCase())) forests.push(forest);
    for (const a of there.value)
      if (!found.some((f) => f.account.dn.toLowerCase() === a.dn.toLowerCase())) found.push({ account: recordAccount(a), foundAt: s.value.domain.dcFqdn });
  }
  const [only, ...more] = found;
  const mapping = realmMapping(ctx.settings, upn, forests, only !== undefined && more.length === 0 ? only.account.dn : null);
  return { read: 'searched', upn, searched, unsearched, found, forests, mapping };
}

/**
 * The certificate's user in the directory, once per run: the forest's global catalogue, then
 * the DC of each kcd.domains row outside the forest (a trusted forest the GC cannot see).
 */
export function userLookup(ctx: CheckContext): Promise<UserLookup> {
  return ctx.memo('ad.user-lookup', async (): Promise<UserLookup> => {
    const upn = await deviceUpn(ctx);
    if (upn === null) return { read: 'no-upn' };
    const home = await adSession(ctx);
    if (!home.ok) return { read: 'no-bind', message: home.error.message, upn };
    return search(ctx, home.value, upn);
  });
}

/** The realm mapping of a lookup; without the directory, the UPN suffix against the settings alone. */
export function lookupMapping(ctx: Pick<CheckContext, 'settings'>, lookup: UserLookup & { readonly upn: string }): RealmMapping {
  return lookup.read === 'searched' ? lookup.mapping : realmMapping(ctx.settings, lookup.upn, [], null);
}
