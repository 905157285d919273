import type { Result } from '../../contract/result';
import type { CheckOutcome } from '../types';

/** An LDAP read that failed, with the reason the LDAP library gave (and its remedy, when it has one). */
export interface LdapReadFailure {
  readonly read: 'failed';
  readonly message: string;
  readonly remedy?: string;
}

/**
 * Why an ad.* check has nothing to judge, as facts: the run's bind failed (ad.bind says
 * why), a read failed, or the service account's name does not find exactly one entry.
 */
export type ReadFailure = { readonly read: 'no-bind'; readonly message: string } | LdapReadFailure | NotOneAccount;

/** The service account's name finds no entry, or several, in its domain. */
export interface NotOneAccount {
  readonly read: 'not-one';
  readonly name: string;
  readonly baseDn: string;
  readonly count: number;
}

/** A value read from the directory, or the facts of why it could not be. */
export type Read<T, F extends ReadFailure = ReadFailure> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: F };

const FAILURES: ReadonlySet<string> = new Set<ReadFailure['read']>(['no-bind', 'failed', 'not-one']);

export function isReadFailure(facts: { readonly read: string }): facts is ReadFailure {
  return FAILURES.has(facts.read);
}

export function readFailure(error: { readonly message: string; readonly remedy?: string }): LdapReadFailure {
  return error.remedy === undefined ? { read: 'failed', message: error.message } : { read: 'failed', message: error.message, remedy: error.remedy };
}

export function fromResult<T>(result: Result<T>): Read<T, LdapReadFailure> {
  return result.ok ? result : { ok: false, failure: readFailure(result.error) };
}

/** The check fails with the reason it could not read the directory; `evidence` is what it had seen before. */
export function failureOutcome(f: ReadFailure, evidence: readonly string[] = []): CheckOutcome {
  switch (f.read) {
    case 'no-bind':
      return { status: 'fail', evidence: [...evidence, `ad.bind did not succeed: ${f.message}`], remedy: 'Fix ad.bind first.' };
    case 'failed':
      return { status: 'fail', evidence: [...evidence, f.message], remedy: f.remedy ?? 'Check the connection to the domain controller (ad.bind).' };
    case 'not-one':
      return {
        status: 'fail',
        evidence: [...evidence, `search (sAMAccountName=${f.name}) under ${f.baseDn}: ${f.count} entries`],
        remedy: `The bind worked but ${f.name} cannot be read back as one account: check that the bind account and the service account name are the same account.`,
      };
  }
}
