import { ok, type Result } from '../contract/result';
import { ldapFailure, ldapResultCode, type LdapConnection } from './connect';
import { integer } from './entry';

/** Which key the KDC holds for an account: what a service ticket's kvno and etype are compared with. */
export interface AccountKeys {
  /** msDS-KeyVersionNumber: the kvno of the account's current keys; absent when the DC does not return it. */
  readonly kvno?: number;
  /** msDS-SupportedEncryptionTypes; absent when unset. */
  readonly supportedEnctypes?: number;
}

/** LDAP result codes (RFC 4511 §4.1.9); read from the error's value so that ldapts loads only with a connection (issue 21). */
const RESULT = { referral: 10, noSuchObject: 32 } as const;

/**
 * An account's key version and encryption types, read at its DN on its own domain's DC:
 * msDS-KeyVersionNumber is constructed by the DC per entry and is not in the global
 * catalogue's partial attribute set. null when the DC has no such entry (another domain's).
 */
export async function readAccountKeys(conn: LdapConnection, dn: string): Promise<Result<AccountKeys | null>> {
  try {
    const { searchEntries } = await conn.client.search(dn, {
      scope: 'base',
      filter: '(objectClass=*)',
      attributes: ['msDS-KeyVersionNumber', 'msDS-SupportedEncryptionTypes'],
    });
    const entry = searchEntries[0];
    if (entry === undefined) return ok(null);
    const kvno = integer(entry, 'msDS-KeyVersionNumber');
    const supportedEnctypes = integer(entry, 'msDS-SupportedEncryptionTypes');
    return ok({ ...(kvno === undefined ? {} : { kvno }), ...(supportedEnctypes === undefined ? {} : { supportedEnctypes }) });
  } catch (error) {
    // An entry of another domain: this DC has no such object, or refers elsewhere (LDAP result 10, referral).
    const result = ldapResultCode(error);
    if (result === RESULT.noSuchObject || result === RESULT.referral) return ok(null);
    return ldapFailure(error, conn.endpoint, `Reading the key version of ${dn}`);
  }
}

/** msDS-SupportedEncryptionTypes bits (MS-KILE 2.2.7) as the Kerberos etypes of tickets they allow, strongest first. */
const TICKET_ETYPE_BITS: readonly (readonly [bit: number, etype: number])[] = [
  [0x10, 18],
  [0x8, 17],
  [0x4, 23],
  [0x2, 3],
  [0x1, 1],
];

/** The ticket etypes an msDS-SupportedEncryptionTypes value lists (empty for 0: the KDC's default applies). */
export function ticketEtypesOf(value: number): number[] {
  return TICKET_ETYPE_BITS.filter(([bit]) => (value & bit) !== 0).map(([, etype]) => etype);
}
