import type { Client, Entry } from 'ldapts';
import { ok, type Result } from '../contract/result';
import { ldapFailure, type LdapConnection } from './connect';
import { buffers, integer, text, texts } from './entry';
import { filter } from './filter-escape';
import { parseGeneralizedTime } from './root-dse';
import { sidToString } from './sid';

/** What the checks read about one account (user, computer or managed service account). */
export interface Account {
  readonly dn: string;
  readonly samAccountName: string;
  readonly objectClasses: readonly string[];
  readonly userAccountControl?: number;
  /** msDS-User-Account-Control-Computed: LOCKOUT and PASSWORD_EXPIRED live here, not in userAccountControl. */
  readonly computedUac?: number;
  readonly spns: readonly string[];
  readonly allowedToDelegateTo: readonly string[];
  readonly supportedEnctypes?: number;
  readonly upn?: string;
  /** pwdLastSet as a date; null when 0 (must change at next logon). */
  readonly pwdLastSet?: Date | null;
  readonly dnsHostName?: string;
  readonly operatingSystem?: string;
  readonly memberOf: readonly string[];
}

const ACCOUNT_ATTRIBUTES = [
  'sAMAccountName',
  'objectClass',
  'userAccountControl',
  'msDS-User-Account-Control-Computed',
  'servicePrincipalName',
  'msDS-AllowedToDelegateTo',
  'msDS-SupportedEncryptionTypes',
  'userPrincipalName',
  'pwdLastSet',
  'dNSHostName',
  'operatingSystem',
  'memberOf',
];

/** Windows FILETIME (100 ns since 1601) as a Date; null for 0 and for "never" (2^63-1). */
export function fileTimeToDate(value: string | undefined): Date | null | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const ticks = BigInt(value);
  if (ticks === 0n || ticks >= 0x7fffffffffffffffn) return null;
  return new Date(Number(ticks / 10_000n - 11_644_473_600_000n));
}

function toAccount(entry: Entry): Account {
  const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({ [key]: value } as Record<K, V>));
  return {
    dn: entry.dn,
    samAccountName: text(entry, 'sAMAccountName') ?? '',
    objectClasses: texts(entry, 'objectClass'),
    spns: texts(entry, 'servicePrincipalName'),
    allowedToDelegateTo: texts(entry, 'msDS-AllowedToDelegateTo'),
    memberOf: texts(entry, 'memberOf'),
    ...optional('userAccountControl', integer(entry, 'userAccountControl')),
    ...optional('computedUac', integer(entry, 'msDS-User-Account-Control-Computed')),
    ...optional('supportedEnctypes', integer(entry, 'msDS-SupportedEncryptionTypes')),
    ...optional('upn', text(entry, 'userPrincipalName')),
    ...optional('pwdLastSet', fileTimeToDate(text(entry, 'pwdLastSet'))),
    ...optional('dnsHostName', text(entry, 'dNSHostName')),
    ...optional('operatingSystem', text(entry, 'operatingSystem')),
  };
}

export function isComputer(account: Account): boolean {
  return account.objectClasses.some((c) => c.toLowerCase() === 'computer');
}

/**
 * The entries of a subtree search as they arrive, one page at a time (RFC 2696 paged
 * results): a forest with many accounts is read in pages instead of one reply the server
 * may cut at its size limit (1000 on AD), and a caller that has seen enough stops early.
 */
async function* searchEntries(client: Client, base: string, filterText: string, attributes: readonly string[]): AsyncGenerator<Entry> {
  for await (const page of client.searchPaginated(base, { scope: 'sub', filter: filterText, attributes: [...attributes], paged: { pageSize: 500 } })) {
    yield* page.searchEntries;
  }
}

async function searchAll(client: Client, base: string, filterText: string, attributes: readonly string[]): Promise<Entry[]> {
  const out: Entry[] = [];
  for await (const entry of searchEntries(client, base, filterText, attributes)) out.push(entry);
  return out;
}

/** Runs one LDAP operation, turning a thrown error into a Result that names the operation and the server. */
export async function guarded<T>(conn: LdapConnection, what: string, work: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (error) {
    return ldapFailure(error, conn.endpoint, what);
  }
}

/** The accounts of one domain with this sAMAccountName (zero or one in a healthy directory). */
export function findAccounts(conn: LdapConnection, baseDn: string, samAccountName: string): Promise<Result<Account[]>> {
  return guarded(conn, `Searching ${baseDn} for ${samAccountName}`, async () =>
    (await searchAll(conn.client, baseDn, filter`(sAMAccountName=${samAccountName})`, ACCOUNT_ATTRIBUTES)).map(toAccount),
  );
}

/**
 * Every account in the forest holding any of these SPNs: the global catalogue (base "")
 * covers all domains, which is what the KDC's uniqueness depends on.
 */
export function findSpnOwners(gc: LdapConnection, spns: readonly string[]): Promise<Result<Account[]>> {
  const clauses = spns.map((spn) => filter`(servicePrincipalName=${spn})`).join('');
  return guarded(gc, `Searching the global catalogue for ${spns.join(', ')}`, async () =>
    (await searchAll(gc.client, '', `(|${clauses})`, ACCOUNT_ATTRIBUTES)).map(toAccount),
  );
}

/**
 * SPNs anywhere in the forest that name this host (short name, any class, domain or port):
 * what a person typed instead of the target SPN. A leading-wildcard filter walks every
 * account, so the scan streams pages and stops after `limit` values.
 */
export function findSpnsForHost(gc: LdapConnection, shortHost: string, limit: number): Promise<Result<{ spn: string; account: string }[]>> {
  return guarded(gc, `Searching the global catalogue for SPNs of ${shortHost}`, async () => {
    const out: { spn: string; account: string }[] = [];
    for await (const entry of searchEntries(gc.client, '', filter`(servicePrincipalName=*/${shortHost}*)`, ['sAMAccountName', 'servicePrincipalName'])) {
      const account = text(entry, 'sAMAccountName') ?? entry.dn;
      for (const spn of texts(entry, 'servicePrincipalName')) {
        const host = spn.split('/')[1]?.split(/[.:]/)[0] ?? '';
        if (host.toLowerCase() === shortHost.toLowerCase()) out.push({ spn, account });
      }
      if (out.length >= limit) return out.slice(0, limit);
    }
    return out;
  });
}

/** Accounts whose userPrincipalName is this UPN: forest-wide on the global catalogue (base ""), or in one domain at its DC. */
export function findByUpn(conn: LdapConnection, upn: string, baseDn = ''): Promise<Result<Account[]>> {
  return guarded(conn, `Searching ${baseDn === '' ? 'the global catalogue' : baseDn} for ${upn}`, async () =>
    (await searchAll(conn.client, baseDn, filter`(userPrincipalName=${upn})`, ACCOUNT_ATTRIBUTES)).map(toAccount),
  );
}

/** One entry read again at its DN (GC copies lack attributes such as msDS-AllowedToDelegateTo). */
export function readAccount(conn: LdapConnection, dn: string): Promise<Result<Account | null>> {
  return guarded(conn, `Reading ${dn}`, async () => {
    const { searchEntries } = await conn.client.search(dn, { scope: 'base', filter: '(objectClass=*)', attributes: ACCOUNT_ATTRIBUTES });
    const first = searchEntries[0];
    return first === undefined ? null : toAccount(first);
  });
}

/** The NTAuth store: cACertificate of CN=NTAuthCertificates under Public Key Services; null when the object is missing. */
export function readNtAuth(conn: LdapConnection, configurationNc: string): Promise<Result<{ dn: string; certificates: Buffer[] } | null>> {
  const dn = `CN=NTAuthCertificates,CN=Public Key Services,CN=Services,${configurationNc}`;
  return guarded(conn, `Reading ${dn}`, async () => {
    try {
      const { searchEntries } = await conn.client.search(dn, {
        scope: 'base',
        filter: '(objectClass=*)',
        attributes: ['cACertificate'],
        explicitBufferAttributes: ['cACertificate'],
      });
      const first = searchEntries[0];
      return first === undefined ? null : { dn, certificates: buffers(first, 'cACertificate') };
    } catch (error) {
      if ((error as { code?: unknown }).code === 32) return null;
      throw error;
    }
  });
}

/** The domain's SID, from objectSid of the naming context head. */
export function domainSid(conn: LdapConnection, baseDn: string): Promise<Result<string | null>> {
  return guarded(conn, `Reading the SID of ${baseDn}`, async () => {
    const { searchEntries } = await conn.client.search(baseDn, {
      scope: 'base',
      filter: '(objectClass=*)',
      attributes: ['objectSid'],
      explicitBufferAttributes: ['objectSid'],
    });
    const sid = searchEntries[0] === undefined ? undefined : buffers(searchEntries[0], 'objectSid')[0];
    return sid === undefined ? null : sidToString(sid);
  });
}

/** A well-known group of the domain by RID (525 Protected Users): its DN, or null. Names are localised; RIDs are not. */
export function groupByRid(conn: LdapConnection, baseDn: string, sid: string, rid: number): Promise<Result<string | null>> {
  return guarded(conn, `Looking up group RID ${rid}`, async () => {
    const { searchEntries } = await conn.client.search(baseDn, {
      scope: 'sub',
      filter: filter`(objectSid=${`${sid}-${rid}`})`,
      attributes: ['distinguishedName'],
    });
    return searchEntries[0]?.dn ?? null;
  });
}

/**
 * Whether an object is a member of a group directly or through nested groups:
 * LDAP_MATCHING_RULE_IN_CHAIN (1.2.840.113556.1.4.1941) evaluated by the DC on the object itself.
 */
export function memberInChain(conn: LdapConnection, objectDn: string, groupDn: string): Promise<Result<boolean>> {
  return guarded(conn, `Evaluating membership of ${objectDn}`, async () => {
    const { searchEntries } = await conn.client.search(objectDn, {
      scope: 'base',
      filter: filter`(memberOf:1.2.840.113556.1.4.1941:=${groupDn})`,
      attributes: ['1.1'],
    });
    return searchEntries.length > 0;
  });
}

/** whenCreated of an entry (GeneralizedTime), or null when absent. */
export function whenCreated(conn: LdapConnection, dn: string): Promise<Result<Date | null>> {
  return guarded(conn, `Reading whenCreated of ${dn}`, async () => {
    const { searchEntries } = await conn.client.search(dn, { scope: 'base', filter: '(objectClass=*)', attributes: ['whenCreated'] });
    const value = searchEntries[0] === undefined ? undefined : text(searchEntries[0], 'whenCreated');
    return value === undefined ? null : parseGeneralizedTime(value);
  });
}
