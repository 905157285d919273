import { describeUac, hasUac } from '../../ldap/uac';
import { psLiteral } from '../../scripts/quote';
import { adSession } from '../run/ad-session';
import type { CheckContext } from '../types';
import { adCheck } from './ad-check';
import { serviceAccount } from './directory-reads';
import type { LdapReadFailure, NotOneAccount } from './read-failure';
import { recordAccount, type RecordedAccount } from './recorded-account';

export type BindFacts =
  /** No bound session: what ad-session.ts showed, with its reason and fix (a refused bind's Win32 code, a TLS failure). */
  | { readonly read: 'no-session'; readonly evidence: readonly string[]; readonly message: string; readonly remedy?: string; readonly command?: string }
  | LdapReadFailure
  | NotOneAccount
  | {
      readonly read: 'ok';
      /** How the connection was made (`ldaps://…:636`, StartTLS), and the host its certificate was verified for. */
      readonly connection: string;
      readonly dcHost: string;
      readonly bindName: string;
      readonly baseDn: string;
      readonly account: RecordedAccount;
    };

async function gather(ctx: CheckContext): Promise<BindFacts> {
  const s = await adSession(ctx);
  if (!s.ok) {
    const { message, remedy } = s.error;
    return {
      read: 'no-session',
      evidence: s.evidence,
      message,
      ...(remedy !== undefined ? { remedy } : {}),
      ...(s.command !== undefined ? { command: s.command } : {}),
    };
  }
  const { connection, bindName, rootDse } = s.value;
  const own = await serviceAccount(ctx, s.value);
  if (!own.ok) return own.failure;
  return {
    read: 'ok',
    connection: connection.describe,
    dcHost: connection.endpoint.host,
    bindName,
    baseDn: rootDse.defaultNamingContext,
    account: recordAccount(own.value),
  };
}

/**
 * LDAPS is the one TLS client outside app/net/trust.ts: the DC's certificate comes from the
 * customer's CA, so a public or OS-store root must not vouch for a DC (issue 16).
 */
export const LDAPS_TRUST =
  "trust: the Certificates step's roots only (not the operating system's store, NODE_EXTRA_CA_CERTS or Node's bundled roots: the DC's CA is the customer's)";

export const bind = adCheck<BindFacts>({
  id: 'ad.bind',
  title: 'Service account binds to the directory (LDAPS or StartTLS)',
  dependsOn: ['input.dc-host', 'input.realm', 'input.service-account'],
  gather,
  judge(facts) {
    if (facts.read === 'no-session') {
      return {
        status: 'fail',
        evidence: [...facts.evidence, facts.message],
        remedy: facts.remedy ?? 'Check the connection to the domain controller.',
        ...(facts.command !== undefined ? { command: facts.command } : {}),
      };
    }
    const a = facts.account;
    const evidence = [
      `connection: ${facts.connection}, DC certificate verified for ${facts.dcHost}`,
      LDAPS_TRUST,
      `bound as ${facts.bindName}`,
      `base DN from rootDSE: ${facts.baseDn}`,
      `account: ${a.dn}`,
    ];
    if (a.userAccountControl !== undefined) evidence.push(`userAccountControl: ${describeUac(a.userAccountControl)}`);
    if (a.pwdLastSet !== undefined) evidence.push(`pwdLastSet: ${a.pwdLastSet === null ? 'must change at next logon' : a.pwdLastSet}`);
    if (a.userAccountControl !== undefined && !hasUac(a.userAccountControl, 'DONT_EXPIRE_PASSWORD')) {
      return {
        status: 'warn',
        evidence,
        remedy: `The password of ${a.samAccountName} expires: when it does, the SEG's Kerberos requests fail. Set it not to expire, or plan its change together with the SEG setting.`,
        command: `Set-ADUser -Identity ${psLiteral(a.samAccountName)} -PasswordNeverExpires $true`,
      };
    }
    return { status: 'pass', evidence };
  },
});
