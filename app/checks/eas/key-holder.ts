import { ETYPE, etypeName } from '../../kerberos/constants';
import { readAccountKeys, ticketEtypesOf } from '../../ldap/account-keys';
import { isComputer } from '../../ldap/directory';
import { describeEnctypes } from '../../ldap/enctypes';
import { nativeArg, psLiteral } from '../../scripts/quote';
import { boundSession, spnOwners } from '../ad/directory-reads';
import { holdersOf } from '../ad/recorded-account';
import { serviceText } from '../krb/ticket-facts';
import type { CheckContext } from '../types';

/** The key the KDC holds for an account, read at its DN; 'not-found' when the bound DC has no such entry (another domain's). */
export type HolderKeysFacts =
  | { readonly read: 'ok'; readonly kvno?: number; readonly supportedEnctypes?: number }
  | { readonly read: 'not-found' }
  | { readonly read: 'failed'; readonly message: string };

/** An account holding the ticket's SPN: whose key the KDC used, and what kind of account it is. */
export interface SpnHolderFacts {
  readonly samAccountName: string;
  readonly dn: string;
  readonly computer: boolean;
  readonly dnsHostName?: string;
  readonly pwdLastSet?: string | null;
  readonly keys: HolderKeysFacts;
}

/** Read only when the server refused the ticket: who holds its SPN, or why the directory could not say. */
export type KeyHolderFacts = { readonly read: 'ok'; readonly holders: readonly SpnHolderFacts[] } | { readonly read: 'failed'; readonly message: string };

/** What the verdict needs of the refused request: the ticket's service, etype and kvno, and where it went. */
export interface RefusedTicketFacts {
  readonly host: string;
  readonly path: string;
  readonly service: string;
  readonly serviceRealm: string;
  readonly ticketEtype: number;
  readonly ticketKvno?: number;
  readonly keyHolder?: KeyHolderFacts;
}

/**
 * The accounts holding the ticket's SPN, forest-wide (the KDC encrypted the ticket with one of
 * their keys), each with its current key version and encryption types from its own DC.
 */
export async function keyHolder(ctx: CheckContext, spn: string): Promise<KeyHolderFacts> {
  const s = await boundSession(ctx);
  if (!s.ok) return { read: 'failed', message: s.failure.read === 'not-one' ? `${s.failure.count} entries for ${s.failure.name}` : s.failure.message };
  const found = await spnOwners(ctx, s.value, [spn]);
  if (!found.ok) return { read: 'failed', message: found.failure.message };
  const holders = await Promise.all(
    holdersOf(found.value, spn).map(async (a): Promise<SpnHolderFacts> => {
      const keys = await readAccountKeys(s.value.connection, a.dn);
      return {
        samAccountName: a.samAccountName,
        dn: a.dn,
        computer: isComputer(a),
        ...(a.dnsHostName === undefined ? {} : { dnsHostName: a.dnsHostName }),
        ...(a.pwdLastSet === undefined ? {} : { pwdLastSet: a.pwdLastSet === null ? null : a.pwdLastSet.toISOString() }),
        keys: !keys.ok ? { read: 'failed', message: keys.error.message } : keys.value === null ? { read: 'not-found' } : { read: 'ok', ...keys.value },
      };
    }),
  );
  return { read: 'ok', holders };
}

interface Verdict {
  readonly findings: string[];
  readonly remedy: string;
  readonly command: string;
}

/** The ticket's kvno and etype against the holder's current key in the directory. */
type KeyComparison =
  | { readonly kind: 'unknown'; readonly line: string }
  /** The ticket's etype is not among the types the account lists (msDS-SupportedEncryptionTypes). */
  | { readonly kind: 'etype'; readonly line: string; readonly supported: number }
  /** The ticket carries the account's current kvno: the KDC used the key the directory holds now. */
  | { readonly kind: 'current'; readonly line: string; readonly kvno: number }
  /** The ticket carries another kvno than the account's current one: the key changed between issue and read. */
  | { readonly kind: 'other'; readonly line: string; readonly kvno: number; readonly ticketKvno: number };

function compareKeys(facts: RefusedTicketFacts, holder: SpnHolderFacts): { readonly lines: string[]; readonly comparison: KeyComparison } {
  const name = holder.samAccountName;
  const k = holder.keys;
  if (k.read !== 'ok') {
    const why = k.read === 'failed' ? k.message : `the bound DC has no entry ${holder.dn} (another domain's account)`;
    return { lines: [], comparison: { kind: 'unknown', line: `${name}'s current key: unknown (${why})` } };
  }
  const current = `${name}'s current key: ${k.kvno === undefined ? 'kvno not returned' : `kvno ${k.kvno}`} (msDS-KeyVersionNumber), msDS-SupportedEncryptionTypes ${describeEnctypes(k.supportedEnctypes)}`;
  const ticket = etypeName(facts.ticketEtype);
  const listed = k.supportedEnctypes === undefined ? [] : ticketEtypesOf(k.supportedEnctypes);
  // Unset or 0 means the KDC's default (an RC4 ticket, lab-notes "Etypes"): nothing to compare.
  if (listed.length > 0 && !listed.includes(facts.ticketEtype)) {
    return {
      lines: [current],
      comparison: {
        kind: 'etype',
        line: `ticket etype ${ticket} is not among ${name}'s types (${listed.map(etypeName).join(', ')})`,
        supported: k.supportedEnctypes ?? 0,
      },
    };
  }
  if (k.kvno === undefined || facts.ticketKvno === undefined) {
    const missing = k.kvno === undefined ? `the DC did not return ${name}'s msDS-KeyVersionNumber` : 'the ticket carries no kvno';
    return { lines: [current], comparison: { kind: 'unknown', line: `kvno not compared: ${missing}` } };
  }
  if (k.kvno === facts.ticketKvno) {
    return { lines: [current], comparison: { kind: 'current', line: `the ticket's kvno ${k.kvno} is ${name}'s current key version`, kvno: k.kvno } };
  }
  return {
    lines: [current],
    comparison: {
      kind: 'other',
      line: `the ticket's kvno ${facts.ticketKvno} is not ${name}'s current key version (${k.kvno})`,
      kvno: k.kvno,
      ticketKvno: facts.ticketKvno,
    },
  };
}

/** The AES etypes: a keytab made while the account listed any of its types holds these. */
const AES_ETYPES: readonly number[] = [
  ETYPE.AES128_CTS_HMAC_SHA1_96,
  ETYPE.AES256_CTS_HMAC_SHA1_96,
  ETYPE.AES128_CTS_HMAC_SHA256_128,
  ETYPE.AES256_CTS_HMAC_SHA384_192,
];

/**
 * Why a keytab lacks the current kvno's key: older than the password; and for a legacy ticket
 * etype, also made while the account listed only other types (lab-notes "Encryption types":
 * an exported keytab holds the types listed at export, so RC4 appears only once listed).
 */
function staleness(ticketEtype: number): string {
  if (AES_ETYPES.includes(ticketEtype)) return ", older than the account's password.";
  return `: older than the account's password, or made before the account's encryption types included ${etypeName(ticketEtype)} (a keytab holds only the types listed when it was made).`;
}

/**
 * Why the server refused a ticket the KDC issued, from who holds the SPN and that account's
 * current key: the KDC encrypted the ticket with that account's key, so the server lacks it.
 * One cause where the holder and its key show it; "likely causes" only where the directory
 * could not be read, saying so.
 */
export function refusedTicket(facts: RefusedTicketFacts): Verdict {
  const service = serviceText(facts);
  const ticketEtype = etypeName(facts.ticketEtype);
  const key = `${ticketEtype}${facts.ticketKvno === undefined ? '' : `, kvno ${facts.ticketKvno}`}`;
  const spn = nativeArg(facts.service);
  const h = facts.keyHolder;
  const holders = h?.read === 'ok' ? h.holders : [];
  const [holder, ...more] = holders;
  if (h === undefined || h.read === 'failed' || holder === undefined) {
    const why =
      h?.read === 'failed'
        ? `the directory could not be read (${h.message})`
        : h === undefined
          ? 'the directory was not read'
          : `no account in the global catalogue holds ${facts.service}`;
    return {
      findings: [`account holding ${facts.service}: unknown (${why})`],
      remedy: `The server refused the Kerberos ticket for ${service}. No check could see whose key the ticket needs (${why}), so the cause is a guess. Likely causes: the server's keytab or the account holding the SPN has another key (password changed, ASA not rolled), the SPN belongs to another account than the one the server uses, or Windows Authentication/Negotiate is not enabled for ${facts.path}.`,
      command: `setspn -Q ${spn}`,
    };
  }
  const findings = [
    `account holding ${facts.service}: ${holders.map((a) => `${a.samAccountName} (${a.computer ? 'computer' : 'user'} account${a.pwdLastSet ? `, password set ${a.pwdLastSet}` : ''})`).join('; ')}`,
    `ticket encrypted with its key: ${key}`,
  ];
  if (more.length > 0) {
    return {
      findings,
      remedy: `${facts.service} is on ${holders.length} accounts (${holders.map((a) => a.samAccountName).join(', ')}): the KDC encrypts the ticket with one of their keys and the server holds another's. Keep the SPN only on the account the server uses.`,
      command: `setspn -X -F`,
    };
  }
  const name = holder.samAccountName;
  const { lines, comparison } = compareKeys(facts, holder);
  findings.push(...lines, comparison.line);
  if (!holder.computer) {
    return {
      findings,
      remedy: `${facts.service} sits on the user account ${name}, so the KDC encrypted the ticket with ${name}'s key (${key}); the server at ${facts.host} decrypts with the key of its own computer account or of its alternate service account. Move the SPN back to the account the server uses.`,
      command: `setspn -D ${spn} ${nativeArg(name)}\nsetspn -S ${spn} <the server's computer account or ASA>`,
    };
  }
  const keysCommand = `Get-ADObject -Identity ${psLiteral(holder.dn)} -Properties msDS-KeyVersionNumber,msDS-SupportedEncryptionTypes,pwdLastSet`;
  if (comparison.kind === 'etype') {
    return {
      findings,
      remedy: `The KDC encrypted the ticket for ${facts.service} with ${ticketEtype}, which ${name}'s msDS-SupportedEncryptionTypes (${describeEnctypes(comparison.supported)}) does not list: a keytab made for the listed types holds no ${ticketEtype} key, so the server cannot decrypt it. The KDC falls back to ${ticketEtype} when the account has no key of a listed type (its password was set before those types were enabled): set ${name}'s password again so that the KDC makes keys of the listed types, then give the server the new keys.`,
      command: keysCommand,
    };
  }
  if (comparison.kind === 'other') {
    return {
      findings,
      remedy: `The KDC encrypted the ticket with kvno ${comparison.ticketKvno} of ${name}, but the directory now holds kvno ${comparison.kvno}: ${name}'s password changed after the ticket was issued, or the DC that issued it has not yet received the change (replication). Run the check again; if the numbers still differ, check replication between the domain controllers.`,
      command: 'repadmin /showrepl',
    };
  }
  const set = holder.pwdLastSet ? `, password set ${holder.pwdLastSet}` : '';
  const needs = comparison.kind === 'current' ? ` It needs kvno ${comparison.kvno} (${ticketEtype}) of ${name}.` : '';
  if (holder.dnsHostName !== undefined && holder.dnsHostName.toLowerCase() === facts.host.toLowerCase()) {
    if (comparison.kind === 'current') {
      return {
        findings,
        remedy: `The server's own computer account ${name} holds ${facts.service} and the ticket's kvno ${comparison.kvno} is the account's current key version (msDS-KeyVersionNumber ${comparison.kvno}${set}); the server refused it, so its keytab is stale${staleness(facts.ticketEtype)}${needs} Give the server the current key: export its keytab again (on Windows, repair the computer's secure channel, which stores the machine password).`,
        command: `Test-ComputerSecureChannel -Repair -Verbose   # on ${facts.host}; a server with a keytab: export it again and check that klist -k shows kvno ${comparison.kvno}`,
      };
    }
    return {
      findings,
      remedy: `The server's own computer account ${name} holds ${facts.service} and the KDC encrypted the ticket with its current key (${key}${set}); the server refused it, so the key it holds is older: its keytab was not updated after the account's password changed.`,
      command: `Get-ADComputer -Identity ${psLiteral(name)} -Properties pwdLastSet,msDS-KeyVersionNumber   # then compare the kvno with the server's keytab (klist -k)`,
    };
  }
  // The domain's first DNS label stands for its NetBIOS name, as ad.asa's command takes it.
  const domain = /(?:^|,)DC=([^,]+)/i.exec(holder.dn)?.[1]?.toUpperCase() ?? '';
  return {
    findings,
    remedy: `The alternate service account ${name} holds ${facts.service} and the KDC encrypted the ticket with its current key (${key}${set}); the server refused it, so the server does not have the ASA's current password: it was rolled without being deployed to the servers (or never to this one). Roll it out to every array member.${needs}`,
    command: `.\\RollAlternateServiceAccountPassword.ps1 -ToArrayMembers ${psLiteral(facts.host)} -GenerateNewPasswordFor ${psLiteral(`${domain}\\${name}`)} -Verbose`,
  };
}
