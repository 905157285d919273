import { psLiteral } from '../../scripts/quote';
import { serverArg } from '../ad/cmdlet-server';

/**
 * Why constrained delegation failed, from evidence rather than guesses: the S4U2Self ticket's
 * FORWARDABLE flag as the KDC issued it, and the directory facts the KDC decides on (MS-SFU
 * §3.2.5.1.2, §3.2.5.2.2): the service account's TRUSTED_TO_AUTH_FOR_DELEGATION, its
 * msDS-AllowedToDelegateTo against the target SPN, and the user's NOT_DELEGATED flag.
 */

const TRUSTED_TO_AUTH_FOR_DELEGATION = 0x1000000;
const NOT_DELEGATED = 0x100000;

export interface DelegationFacts {
  readonly targetSpn: string;
  readonly serviceAccount: string;
  readonly user: string;
  /** The service account's DNS domain, where the remedies run; absent in facts recorded before it was kept. */
  readonly domain?: string;
  /** Whether the S4U2Self ticket came back forwardable; undefined when there was none. */
  readonly s4u2selfForwardable?: boolean;
  /** userAccountControl and msDS-AllowedToDelegateTo of the service account, when LDAP could read them. */
  readonly service?: { readonly uac?: number; readonly allowedToDelegateTo: readonly string[] };
  /** sAMAccountName, DN, userAccountControl and Protected Users membership of the user, when LDAP found them. */
  readonly userAccount?: { readonly sam: string; readonly dn?: string; readonly uac?: number; readonly protectedUsers?: boolean };
}

export interface Diagnosis {
  readonly findings: readonly string[];
  readonly remedy: string;
  readonly command?: string;
}

function hostPart(spn: string): { cls: string; host: string; port: string } {
  const [cls = '', rest = ''] = spn.split('/', 2);
  const [host = '', port = ''] = rest.split(':', 2);
  return { cls: cls.toLowerCase(), host: host.toLowerCase(), port };
}

/**
 * Values of msDS-AllowedToDelegateTo that almost name the target: same service class and
 * host but short name vs FQDN, another port, or the same host under another service class.
 */
export function nearMisses(target: string, allowed: readonly string[]): string[] {
  const t = hostPart(target);
  const tShort = t.host.split('.')[0];
  return allowed.filter((value) => {
    if (value.toLowerCase() === target.toLowerCase()) return false;
    const a = hostPart(value);
    const aShort = a.host.split('.')[0];
    return aShort === tShort;
  });
}

export function allowedMatch(target: string, allowed: readonly string[]): boolean {
  return allowed.some((v) => v.toLowerCase() === target.toLowerCase());
}

export function diagnoseDelegation(f: DelegationFacts): Diagnosis {
  const findings: string[] = [];
  const fixes: string[] = [];
  const commands: string[] = [];
  if (f.s4u2selfForwardable !== undefined) {
    findings.push(`S4U2Self ticket for ${f.user}: ${f.s4u2selfForwardable ? 'FORWARDABLE' : 'NOT forwardable'} (as issued by the KDC)`);
  }
  const svcUac = f.service?.uac;
  if (svcUac !== undefined) {
    const trusted = (svcUac & TRUSTED_TO_AUTH_FOR_DELEGATION) !== 0;
    findings.push(`${f.serviceAccount} userAccountControl 0x${svcUac.toString(16)}: TRUSTED_TO_AUTH_FOR_DELEGATION ${trusted ? 'set' : 'NOT set'}`);
    if (!trusted) {
      fixes.push(
        `Turn on protocol transition ("Trust this user for delegation to specified services only" with "Use any authentication protocol") for ${f.serviceAccount}.`,
      );
      commands.push(`Set-ADAccountControl -Identity ${psLiteral(f.serviceAccount)} -TrustedToAuthForDelegation $true`);
    }
  }
  // The user may live in another domain than the service account, where the commands run.
  const userServer = f.userAccount?.dn === undefined || f.domain === undefined ? '' : serverArg(f.userAccount.dn, f.domain);
  const userUac = f.userAccount?.uac;
  if (userUac !== undefined) {
    const sensitive = (userUac & NOT_DELEGATED) !== 0;
    findings.push(
      `${f.user} userAccountControl 0x${userUac.toString(16)}: NOT_DELEGATED ${sensitive ? 'set ("Account is sensitive and cannot be delegated")' : 'not set'}`,
    );
    if (sensitive) {
      fixes.push(`${f.user} is marked "Account is sensitive and cannot be delegated": clear it if this user must use ActiveSync through the SEG.`);
      commands.push(`Set-ADAccountControl -Identity ${psLiteral(f.userAccount?.sam ?? f.user)}${userServer} -AccountNotDelegated $false`);
    }
  }
  if (f.userAccount?.protectedUsers === true) {
    findings.push(`${f.user} is a member of Protected Users (directly or through a nested group): Windows KDCs never delegate its credentials`);
    fixes.push(`Take ${f.user} out of Protected Users (and out of any group nested in it) if this user must use ActiveSync through the SEG.`);
    commands.push(`Get-ADGroupMember -Identity 'Protected Users' -Recursive${userServer} | Where-Object SamAccountName -eq ${psLiteral(f.userAccount.sam)}`);
  }
  if (f.service) {
    const allowed = f.service.allowedToDelegateTo;
    findings.push(`${f.serviceAccount} msDS-AllowedToDelegateTo: ${allowed.length === 0 ? '(empty)' : allowed.join(', ')}`);
    if (!allowedMatch(f.targetSpn, allowed)) {
      const near = nearMisses(f.targetSpn, allowed);
      findings.push(`target SPN ${f.targetSpn} is NOT in msDS-AllowedToDelegateTo${near.length > 0 ? `; near misses: ${near.join(', ')}` : ''}`);
      fixes.push(`Add ${f.targetSpn} to the services ${f.serviceAccount} may delegate to.`);
      commands.push(`Set-ADUser -Identity ${psLiteral(f.serviceAccount)} -Add @{'msDS-AllowedToDelegateTo'=${psLiteral(f.targetSpn)}}`);
    } else {
      findings.push(`target SPN ${f.targetSpn} is in msDS-AllowedToDelegateTo`);
    }
  }
  if (f.s4u2selfForwardable === false && fixes.length === 0) {
    fixes.push(
      `The KDC issued a non-forwardable S4U2Self ticket: ${f.serviceAccount} lacks protocol transition (TRUSTED_TO_AUTH_FOR_DELEGATION) or ${f.user} cannot be delegated (NOT_DELEGATED or Protected Users). The directory could not be read to tell which.`,
    );
  }
  if (fixes.length === 0) {
    fixes.push(
      'The directory settings look right: check that the KDC has them (replication to this DC) and that the target SPN is registered on exactly one account.',
    );
  }
  return { findings, remedy: fixes.join(' '), ...(commands.length > 0 ? { command: commands.join('\n') } : {}) };
}
