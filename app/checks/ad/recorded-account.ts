import type { Account } from '../../ldap/directory';
import { sameSpn } from '../../ldap/spn';

/** An account as facts: what the directory said, with pwdLastSet as an ISO string (null: must change at next logon). */
export type RecordedAccount = Omit<Account, 'pwdLastSet'> & { readonly pwdLastSet?: string | null };

export function recordAccount(a: Account): RecordedAccount {
  const { pwdLastSet, ...rest } = a;
  return pwdLastSet === undefined ? rest : { ...rest, pwdLastSet: pwdLastSet === null ? null : pwdLastSet.toISOString() };
}

/** The account again, as the ldap library's helpers (isComputer, …) take it. */
export function asAccount(r: RecordedAccount): Account {
  const { pwdLastSet, ...rest } = r;
  return pwdLastSet === undefined ? rest : { ...rest, pwdLastSet: pwdLastSet === null ? null : new Date(pwdLastSet) };
}

export function accountLine(a: Pick<Account, 'samAccountName' | 'dn'>): string {
  return `${a.samAccountName} (${a.dn})`;
}

/** The accounts that hold this SPN (AD compares SPNs without regard to case). */
export function holdersOf<A extends Pick<Account, 'spns'>>(accounts: readonly A[], spn: string): A[] {
  return accounts.filter((a) => a.spns.some((v) => sameSpn(v, spn)));
}
