import type { CheckContext, CheckDefinition, CheckOutcome } from '../types';
import type { Result } from '../../contract/result';
import type { LdapConnection } from '../../ldap/connect';
import { adSession, globalCatalog, type AdSession } from '../run/ad-session';
import { findAccounts, findByUpn, findSpnOwners, findSpnsForHost, isComputer, readAccount, readNtAuth, domainSid, groupByRid, memberInChain, whenCreated, type Account } from '../../ldap/directory';
import { dnsDomainOf } from '../../ldap/dn';
import { describeUac, hasUac } from '../../ldap/uac';
import { describeEnctypes, judgeEnctypes } from '../../ldap/enctypes';
import { nearMisses, parseSpn, sameSpn, spnForms } from '../../ldap/spn';
import { ldapFilterArg, nativeArg, psLiteral } from '../../scripts/quote';
import { thumbprint } from '../../ldap/certificates';
import { pkiInputs } from '../run/pki-inputs';
import { deviceUpn } from '../run/device-identity';

/** What a step returns when the directory could not be read: the check fails with the reason. */
function unreadable(error: { message: string; remedy?: string }, evidence: readonly string[] = []): CheckOutcome {
  return { status: 'fail', evidence: [...evidence, error.message], remedy: error.remedy ?? 'Check the connection to the domain controller (ad.bind).' };
}

type Step<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly outcome: CheckOutcome };

async function session(ctx: CheckContext): Promise<Step<AdSession>> {
  const s = await adSession(ctx);
  if (s.ok) return s;
  return { ok: false, outcome: unreadable({ message: `ad.bind did not succeed: ${s.error.message}`, remedy: 'Fix ad.bind first.' }) };
}

function step<T>(result: Result<T>): Step<T> {
  return result.ok ? result : { ok: false, outcome: unreadable(result.error) };
}

/** The service account's entry in its domain, read once per run. */
function serviceAccount(ctx: CheckContext, s: AdSession): Promise<Step<Account>> {
  return ctx.memo('ad.service-account', async (): Promise<Step<Account>> => {
    const name = ctx.settings.kcd.serviceAccount.trim();
    const found = step(await findAccounts(s.connection, s.rootDse.defaultNamingContext, name));
    if (!found.ok) return found;
    const [account, ...more] = found.value;
    if (account === undefined || more.length > 0) {
      return {
        ok: false,
        outcome: {
          status: 'fail',
          evidence: [`search (sAMAccountName=${name}) under ${s.rootDse.defaultNamingContext}: ${found.value.length} entries`],
          remedy: `The bind worked but ${name} cannot be read back as one account: check that the bind account and the service account name are the same account.`,
        },
      };
    }
    return { ok: true, value: account };
  });
}

/** Both forms of the target SPN: the settings' value first (what the SEG asks the KDC for). */
function targetForms(ctx: CheckContext, s: AdSession): string[] {
  const target = ctx.settings.kcd.targetSpn.trim();
  return [target, ...spnForms(target, s.domain.dnsDomain).filter((f) => !sameSpn(f, target))];
}

function gcStep(ctx: CheckContext, s: AdSession): Promise<Step<LdapConnection>> {
  return globalCatalog(ctx, s).then((r) => step(r));
}

/** An SPN's owners across the forest, through the global catalogue. */
async function owners(ctx: CheckContext, s: AdSession, spns: readonly string[]): Promise<Step<Account[]>> {
  const gc = await gcStep(ctx, s);
  if (!gc.ok) return gc;
  return step(await findSpnOwners(gc.value, spns));
}

/** The head every ad.* check after ad.bind shares: it binds with the KCD password and talks to a DC. */
type AdCheckHead = Pick<CheckDefinition, 'id' | 'title' | 'dependsOn' | 'applies'>;

/** An ad.* check that works on the bound session; a failed bind is its outcome. */
function sessionCheck(head: AdCheckHead, run: (ctx: CheckContext, s: AdSession) => Promise<CheckOutcome>): CheckDefinition {
  return {
    ...head,
    needsSecrets: ['kcdPassword'],
    network: true,
    async run(ctx) {
      const s = await session(ctx);
      return s.ok ? run(ctx, s.value) : s.outcome;
    },
  };
}

/** An ad.* check about the service account's own entry; a failed bind or an unreadable account is its outcome. */
function serviceAccountCheck(head: AdCheckHead, run: (ctx: CheckContext, s: AdSession, a: Account) => Promise<CheckOutcome>): CheckDefinition {
  return sessionCheck(head, async (ctx, s) => {
    const a = await serviceAccount(ctx, s);
    return a.ok ? run(ctx, s, a.value) : a.outcome;
  });
}

function accountLine(a: Account): string {
  return `${a.samAccountName} (${a.dn})`;
}

/**
 * LDAPS is the one TLS client outside app/net/trust.ts: the DC's certificate comes from the
 * customer's CA, so a public or OS-store root must not vouch for a DC (issue 16).
 */
export const LDAPS_TRUST = "trust: the Certificates step's roots only (not the operating system's store, NODE_EXTRA_CA_CERTS or Node's bundled roots: the DC's CA is the customer's)";

const bind: CheckDefinition = {
  id: 'ad.bind',
  title: 'Service account binds to the directory (LDAPS or StartTLS)',
  dependsOn: ['input.dc-host', 'input.realm', 'input.service-account'],
  needsSecrets: ['kcdPassword'],
  network: true,
  async run(ctx) {
    const s = await adSession(ctx);
    if (!s.ok) {
      return { status: 'fail', evidence: [...s.evidence, s.error.message], remedy: s.error.remedy ?? 'Check the connection to the domain controller.', ...(s.command !== undefined ? { command: s.command } : {}) };
    }
    const evidence = [`connection: ${s.value.connection.describe}, DC certificate verified for ${s.value.connection.endpoint.host}`, LDAPS_TRUST, `bound as ${s.value.bindName}`, `base DN from rootDSE: ${s.value.rootDse.defaultNamingContext}`];
    const own = await serviceAccount(ctx, s.value);
    if (!own.ok) return own.outcome;
    const a = own.value;
    evidence.push(`account: ${a.dn}`);
    if (a.userAccountControl !== undefined) evidence.push(`userAccountControl: ${describeUac(a.userAccountControl)}`);
    if (a.pwdLastSet !== undefined) evidence.push(`pwdLastSet: ${a.pwdLastSet === null ? 'must change at next logon' : a.pwdLastSet.toISOString()}`);
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
};

const svcSpn = serviceAccountCheck(
  {
    id: 'ad.svc-spn',
    title: 'Service account has a service principal name',
    dependsOn: ['ad.bind'],
  },
  async (ctx, s, a) => {
    const evidence = [`${a.dn}`, `servicePrincipalName: ${a.spns.length === 0 ? '(none)' : a.spns.join(', ')}`];
    if (a.spns.length > 0) return { status: 'pass', evidence };
    const spn = `HTTP/${a.samAccountName}`;
    return {
      status: 'fail',
      evidence,
      remedy: `Give ${a.samAccountName} an SPN (the guide uses ${spn}). AD shows the Delegation tab, and honours constrained delegation, only for accounts with an SPN; the SPN itself is used for nothing else.`,
      command: `setspn -S ${nativeArg(spn)} ${nativeArg(a.samAccountName)}`,
    };
  },
);

const protocolTransition = serviceAccountCheck(
  {
    id: 'ad.svc-protocol-transition',
    title: 'Service account may use any authentication protocol (protocol transition)',
    dependsOn: ['ad.bind'],
  },
  async (ctx, s, a) => {
    const uac = a.userAccountControl ?? 0;
    const evidence = [`${a.dn}`, `userAccountControl: ${describeUac(uac)}`];
    const id = psLiteral(a.samAccountName);
    if (!hasUac(uac, 'TRUSTED_TO_AUTH_FOR_DELEGATION')) {
      return {
        status: 'fail',
        evidence,
        remedy: `${a.samAccountName} lacks TRUSTED_TO_AUTH_FOR_DELEGATION (0x1000000): without "Use any authentication protocol" the KDC issues a non-forwardable S4U2Self ticket and S4U2Proxy fails with KDC_ERR_BADOPTION. On the Delegation tab choose "Trust this user for delegation to specified services only" and "Use any authentication protocol".`,
        command: `Set-ADAccountControl -Identity ${id} -TrustedToAuthForDelegation $true`,
      };
    }
    if (hasUac(uac, 'TRUSTED_FOR_DELEGATION')) {
      return {
        status: 'warn',
        evidence,
        remedy: `${a.samAccountName} is also trusted for unconstrained delegation (TRUSTED_FOR_DELEGATION): it may then impersonate users to any service. KCD needs only the constrained form.`,
        command: `Set-ADAccountControl -Identity ${id} -TrustedForDelegation $false`,
      };
    }
    return { status: 'pass', evidence };
  },
);

const allowedToDelegate = serviceAccountCheck(
  {
    id: 'ad.svc-allowed-to-delegate',
    title: 'msDS-AllowedToDelegateTo holds the target SPN',
    dependsOn: ['ad.bind', 'input.target-spn'],
  },
  async (ctx, s, a) => {
    const values = a.allowedToDelegateTo;
    const forms = targetForms(ctx, s);
    const [target = ''] = forms;
    const evidence = [`${a.dn}`, `msDS-AllowedToDelegateTo: ${values.length === 0 ? '(none)' : values.join(', ')}`, `target SPN: ${target} (forms: ${forms.join(', ')})`];
    const missing = forms.filter((f) => !values.some((v) => sameSpn(v, f)));
    const misses = nearMisses(values, forms);
    if (misses.length > 0) evidence.push(`near misses (do not count): ${misses.join(', ')}`);
    const addCommand = `Set-ADUser -Identity ${psLiteral(a.samAccountName)} -Add @{'msDS-AllowedToDelegateTo'=@(${missing.map(psLiteral).join(',')})}`;
    if (missing.some((f) => sameSpn(f, target))) {
      return {
        status: 'fail',
        evidence,
        remedy: `Add ${missing.join(' and ')} to the services ${a.samAccountName} may delegate to (Delegation tab, or the command). The KDC compares the exact SPN the SEG asks for${misses.length > 0 ? `; ${misses.join(', ')} ${misses.length === 1 ? 'is' : 'are'} not the same SPN` : ''}.`,
        command: addCommand,
      };
    }
    if (missing.length > 0) {
      return {
        status: 'warn',
        evidence,
        remedy: `The target SPN is there, but not ${missing.join(', ')}: add it too so that delegation works whichever form of the host name is used.`,
        command: addCommand,
      };
    }
    return { status: 'pass', evidence };
  },
);

/** The account that should own an SPN: the ASA with a CAS array, else the Exchange computer named in the SPN. */
function expectedOwner(spn: string): string {
  const host = parseSpn(spn)?.host ?? '';
  return `${(host.split('.')[0] ?? host).toUpperCase()}$`;
}

/** The forms of an SPN that this account holds. */
function ownersOfAll(forms: readonly string[], ownersOf: (spn: string) => Account[], account: Account): string[] {
  return forms.filter((f) => ownersOf(f).some((a) => a.dn === account.dn));
}

/** How many similar SPNs ad.target-spn lists when the target has no owner. */
const NEAR_MISS_LIMIT = 20;

const targetSpn = sessionCheck(
  {
    id: 'ad.target-spn',
    title: 'Target SPN is registered on exactly one account in the forest',
    dependsOn: ['ad.bind', 'input.target-spn'],
  },
  async (ctx, s) => {
    const forms = targetForms(ctx, s);
    const [target = ''] = forms;
    const found = await owners(ctx, s, forms);
    if (!found.ok) return found.outcome;
    const ownersOf = (spn: string) => found.value.filter((a) => a.spns.some((v) => sameSpn(v, spn)));
    const evidence = forms.map((f) => `${f}: ${ownersOf(f).map(accountLine).join('; ') || 'no account'}`);
    const targetOwners = ownersOf(target);
    const host = expectedOwner(target);
    if (targetOwners.length === 0) {
      const machine = host.replace(/\$$/, '');
      const gc = await gcStep(ctx, s);
      const similar = gc.ok ? await findSpnsForHost(gc.value, machine, NEAR_MISS_LIMIT) : null;
      if (similar?.ok && similar.value.length > 0) {
        evidence.push(`SPNs naming ${machine.toLowerCase()} that do not match: ${similar.value.map((n) => `${n.spn} on ${n.account}`).join('; ')}`);
      }
      return {
        status: 'fail',
        evidence,
        remedy: `No account in the forest has ${target}, so the KDC answers KDC_ERR_S_PRINCIPAL_UNKNOWN. Register it on the Exchange server's computer account (or on the ASA with a CAS array), then select it on the service account's Delegation tab.`,
        command: forms.map((f) => `setspn -S ${nativeArg(f)} ${nativeArg(machine)}`).join('\n'),
      };
    }
    if (targetOwners.length > 1) {
      const extra = targetOwners.filter((a) => a.samAccountName.toUpperCase() !== host);
      const remove = (extra.length === targetOwners.length ? targetOwners.slice(1) : extra).map((a) => `setspn -D ${nativeArg(target)} ${nativeArg(a.samAccountName)}`);
      return {
        status: 'fail',
        evidence,
        remedy: `${target} is registered on ${targetOwners.length} accounts (${targetOwners.map((a) => a.samAccountName).join(', ')}): the KDC cannot tell which key to use and refuses tickets for it (KDC_ERR_S_PRINCIPAL_UNKNOWN). Keep it on one account only.`,
        command: remove.join('\n'),
      };
    }
    const [owner] = targetOwners;
    const svc = ctx.settings.kcd.serviceAccount.trim().toLowerCase();
    if (owner !== undefined && owner.samAccountName.toLowerCase() === svc) {
      const machine = host.replace(/\$$/, '');
      return {
        status: 'fail',
        evidence,
        remedy: `${target} is registered on the KCD service account ${owner.samAccountName} itself: tickets for it are then encrypted with the service account's key, which Exchange does not have. Move it to the Exchange server's computer account (or the ASA with a CAS array).`,
        command: [...ownersOfAll(forms, ownersOf, owner).map((f) => `setspn -D ${nativeArg(f)} ${nativeArg(owner.samAccountName)}`), ...forms.map((f) => `setspn -S ${nativeArg(f)} ${nativeArg(machine)}`)].join('\n'),
      };
    }
    const split = forms.slice(1).flatMap((f) => ownersOf(f).filter((a) => a.dn !== owner?.dn).map((a) => `${f} on ${a.samAccountName}`));
    if (split.length > 0 && owner !== undefined) {
      return {
        status: 'warn',
        evidence,
        remedy: `The other form of the SPN is on another account (${split.join(', ')}): both forms should name the same service account key.`,
        command: forms.slice(1).flatMap((f) => ownersOf(f).filter((a) => a.dn !== owner.dn).map((a) => `setspn -D ${nativeArg(f)} ${nativeArg(a.samAccountName)}`)).join('\n'),
      };
    }
    return { status: 'pass', evidence };
  },
);

/**
 * A computer account that is a real server rather than an alternate service account
 * credential: a server has an operating system, a DNS host name of its own and HOST/ SPNs;
 * an ASA made as the guide says (a new computer object) has none of them.
 */
function looksLikeServer(a: Account, casFqdn: string): boolean {
  return (
    a.operatingSystem !== undefined ||
    a.spns.some((spn) => parseSpn(spn)?.serviceClass.toUpperCase() === 'HOST') ||
    (a.dnsHostName !== undefined && a.dnsHostName.toLowerCase() !== casFqdn)
  );
}

const asa = sessionCheck(
  {
    id: 'ad.asa',
    title: 'CAS array SPN sits on the alternate service account',
    dependsOn: ['ad.bind', 'input.cas-array'],
    applies: (settings) => (settings.email.casArray.enabled ? null : 'No CAS array is configured (Email server step): no alternate service account is needed'),
  },
  async (ctx, s) => {
    const fqdn = ctx.settings.email.casArray.fqdn.trim().toLowerCase();
    const spn = `HTTP/${fqdn}`;
    const forms = spnForms(spn, s.domain.dnsDomain);
    const found = await owners(ctx, s, forms);
    if (!found.ok) return found.outcome;
    const holders = found.value.filter((a) => a.spns.some((v) => sameSpn(v, spn)));
    const evidence = [`${spn}: ${holders.map((a) => `${accountLine(a)}${isComputer(a) ? looksLikeServer(a, fqdn) ? ' [server computer account]' : ' [computer account without operatingSystem, dNSHostName or HOST/ SPN: an ASA]' : ' [user account]'}`).join('; ') || 'no account'}`];
    const asaName = 'CASARRAY-ASA';
    if (holders.length === 0) {
      return {
        status: 'fail',
        evidence,
        remedy: `No account has ${spn}. Create the alternate service account (a computer account, e.g. ${asaName}), register the CAS array's SPN on it, and deploy its credential to the array members with RollAlternateServiceAccountPassword.ps1.`,
        command: [`New-ADComputer -Name ${psLiteral(asaName)} -AccountPassword $null -Enabled $true`, `setspn -S ${nativeArg(spn)} ${nativeArg(`${asaName}$`)}`, `.\\RollAlternateServiceAccountPassword.ps1 -ToArrayMembers ${psLiteral(fqdn)} -GenerateNewPasswordFor ${psLiteral(`${s.domain.dnsDomain.split('.')[0]?.toUpperCase() ?? ''}\\${asaName}$`)} -Verbose`].join('\n'),
      };
    }
    const servers = holders.filter((a) => !isComputer(a) || looksLikeServer(a, fqdn));
    if (holders.length > 1 || servers.length > 0) {
      const wrong = holders.length > 1 ? servers.length > 0 ? servers : holders.slice(1) : servers;
      return {
        status: 'fail',
        evidence,
        remedy: `${spn} must be registered only on the alternate service account, so that every array member can decrypt tickets for it. Move it off ${wrong.map((a) => a.samAccountName).join(', ')}.`,
        command: [...wrong.map((a) => `setspn -D ${nativeArg(spn)} ${nativeArg(a.samAccountName)}`), `setspn -S ${nativeArg(spn)} ${nativeArg(`${asaName}$`)}`].join('\n'),
      };
    }
    return { status: 'pass', evidence };
  },
);

const ntauth = sessionCheck(
  {
    id: 'ad.ntauth',
    title: 'Issuing and root CA certificates are in the NTAuth store',
    dependsOn: ['ad.bind', 'input.certificates'],
  },
  async (ctx, s) => {
    const inputs = await pkiInputs(ctx);
    const cas = [...inputs.intermediates, ...inputs.roots].filter((c, i, all) => all.findIndex((d) => d.der.equals(c.der)) === i);
    if (cas.length === 0) return { status: 'skip', reason: 'No CA certificate is given in the Certificates step' };
    const store = step(await readNtAuth(s.connection, s.rootDse.configurationNamingContext));
    if (!store.ok) return store.outcome;
    const certs = store.value?.certificates ?? [];
    const evidence = [
      `${store.value?.dn ?? `CN=NTAuthCertificates,CN=Public Key Services,CN=Services,${s.rootDse.configurationNamingContext}`}: ${store.value === null ? 'object missing' : `${certs.length} certificate(s)`}`,
      ...certs.map((der) => `  in NTAuth: sha1 ${thumbprint(der)}`),
    ];
    const missing = cas.filter((c) => !certs.some((der) => der.equals(c.der)));
    for (const c of cas) evidence.push(`${missing.includes(c) ? 'MISSING' : 'present'}: ${c.summary.subject} (sha1 ${thumbprint(c.der)})`);
    if (missing.length === 0) return { status: 'pass', evidence };
    return {
      status: 'fail',
      evidence,
      remedy: `Publish ${missing.map((c) => c.summary.subject).join(' and ')} to the NTAuth store (guide, Error D): a domain controller maps a certificate to a user only when its issuing CA is in NTAuth. The comparison is by certificate, so a CA renewed with a new key must be published again.`,
      command: missing.map((c) => `certutil -dspublish -f ${nativeArg(certificateFileName(c.summary.subject))} NTAuthCA`).join('\n'),
    };
  },
);

/** A file name for a CA certificate export, from its common name (`SE-SEDC01-CA.cer`). */
function certificateFileName(subject: string): string {
  const cn = /CN=([^,/]+)/i.exec(subject)?.[1]?.trim() ?? 'ca';
  return `${cn.replace(/[^A-Za-z0-9._-]+/g, '_')}.cer`;
}

/** A user found by the certificate's UPN: the userPrincipalName, else the implicit form sAMAccountName@domain. */
async function userForUpn(gc: LdapConnection, upn: string): Promise<Result<Account[]>> {
  const explicit = await findByUpn(gc, upn);
  if (!explicit.ok || explicit.value.length > 0) return explicit;
  const at = upn.lastIndexOf('@');
  if (at <= 0) return explicit;
  const sam = await findAccounts(gc, '', upn.slice(0, at));
  if (!sam.ok) return sam;
  return { ok: true, value: sam.value.filter((a) => dnsDomainOf(a.dn) === upn.slice(at + 1).toLowerCase()) };
}

const PROTECTED_USERS_RID = 525;

const userDelegable = sessionCheck(
  {
    id: 'ad.user-delegable',
    title: "The device certificate's user exists and may be delegated",
    dependsOn: ['ad.bind', 'input.certificates'],
  },
  async (ctx, s) => {
    const upn = await deviceUpn(ctx);
    if (upn === null) {
      return { status: 'skip', reason: 'The device certificate is missing or names no UPN (SAN otherName): see pki.device-cert' };
    }
    const gc = await gcStep(ctx, s);
    if (!gc.ok) return gc.outcome;
    const found = step(await userForUpn(gc.value, upn));
    if (!found.ok) return found.outcome;
    const evidence = [`UPN from the device certificate: ${upn}`, `accounts found in the forest: ${found.value.map(accountLine).join('; ') || 'none'}`];
    const [user, ...more] = found.value;
    if (user === undefined) {
      return { status: 'fail', evidence, remedy: `No user has the UPN ${upn}: the certificate template must put the user's userPrincipalName in the SAN, or the user's UPN must be set to ${upn}.`, command: `Get-ADUser -LDAPFilter ${ldapFilterArg('userPrincipalName', upn)}` };
    }
    if (more.length > 0) {
      return { status: 'fail', evidence, remedy: `${found.value.length} accounts answer to ${upn}: a UPN must be unique in the forest. Change the UPN of all but the device user.`, command: found.value.slice(1).map((a) => `Set-ADUser -Identity ${psLiteral(a.dn)} -UserPrincipalName <a unique UPN>`).join('\n') };
    }
    const home = dnsDomainOf(user.dn) === s.domain.dnsDomain;
    const full = home ? step(await readAccount(s.connection, user.dn)) : ({ ok: true, value: user } as const);
    if (!full.ok) return full.outcome;
    const u = full.value ?? user;
    const uac = u.userAccountControl ?? 0;
    evidence.push(`userAccountControl: ${describeUac(uac)}`);
    const id = psLiteral(u.samAccountName);
    if (hasUac(uac, 'NOT_DELEGATED')) {
      return {
        status: 'fail',
        evidence,
        remedy: `${u.samAccountName} is marked "Account is sensitive and cannot be delegated" (NOT_DELEGATED): the KDC issues a non-forwardable S4U2Self ticket and S4U2Proxy fails with KDC_ERR_BADOPTION. Clear the flag for users who read mail through the SEG.`,
        command: `Set-ADAccountControl -Identity ${id} -AccountNotDelegated $false`,
      };
    }
    if (hasUac(uac, 'ACCOUNTDISABLE')) {
      return { status: 'fail', evidence, remedy: `${u.samAccountName} is disabled: the KDC refuses S4U2Self for it ("KDC policy rejects request").`, command: `Enable-ADAccount -Identity ${id}` };
    }
    if (!home) {
      return { status: 'warn', evidence: [...evidence, `${user.dn} is outside ${s.domain.dnsDomain}: Protected Users membership is read only in the service account's domain`], remedy: `Check that ${u.samAccountName} is not in Protected Users of its domain.`, command: `Get-ADGroupMember -Identity 'Protected Users' -Recursive -Server ${psLiteral(dnsDomainOf(user.dn))}` };
    }
    const sid = step(await domainSid(s.connection, s.rootDse.defaultNamingContext));
    if (!sid.ok) return sid.outcome;
    if (sid.value === null) return unreadable({ message: 'The domain SID cannot be read' }, evidence);
    const group = step(await groupByRid(s.connection, s.rootDse.defaultNamingContext, sid.value, PROTECTED_USERS_RID));
    if (!group.ok) return group.outcome;
    if (group.value === null) {
      evidence.push('Protected Users: the group does not exist in this domain (domain functional level below 2012 R2)');
      return { status: 'pass', evidence };
    }
    const groupDn = group.value;
    const member = step(await memberInChain(s.connection, u.dn, groupDn));
    if (!member.ok) return member.outcome;
    if (!member.value) {
      evidence.push(`not a member of ${groupDn}, directly or nested`);
      return { status: 'pass', evidence };
    }
    const via: string[] = [];
    for (const direct of u.memberOf) {
      if (direct.toLowerCase() === groupDn.toLowerCase()) via.push(direct);
      else {
        const nested = step(await memberInChain(s.connection, direct, groupDn));
        if (nested.ok && nested.value) via.push(direct);
      }
    }
    evidence.push(`member of ${groupDn} through: ${via.join('; ') || 'an unlisted path (primary group?)'}`);
    return {
      status: 'fail',
      evidence,
      remedy: `${u.samAccountName} is in Protected Users${via.some((d) => d.toLowerCase() !== groupDn.toLowerCase()) ? ' through a nested group' : ''}: Windows domain controllers refuse to delegate its credentials (no S4U2Proxy). Remove the membership for users who read mail through the SEG.`,
      command: (via.length > 0 ? via : [groupDn]).map((g) => `Remove-ADGroupMember -Identity ${psLiteral(g)} -Members ${psLiteral(u.dn)} -Confirm:$false`).join('\n'),
    };
  },
);

/** The RID 521 group (Read-only Domain Controllers) appears when the domain is raised to 2008: keys set before it have no AES. */
const RODC_GROUP_RID = 521;

async function needsPasswordReset(ctx: CheckContext, s: AdSession, a: Account): Promise<boolean> {
  if (a.pwdLastSet === undefined || a.pwdLastSet === null) return false;
  const since = await ctx.memo('ad.aes-since', async () => {
    const sid = await domainSid(s.connection, s.rootDse.defaultNamingContext);
    if (!sid.ok || sid.value === null) return null;
    const group = await groupByRid(s.connection, s.rootDse.defaultNamingContext, sid.value, RODC_GROUP_RID);
    if (!group.ok || group.value === null) return null;
    const created = await whenCreated(s.connection, group.value);
    return created.ok ? created.value : null;
  });
  return since !== null && a.pwdLastSet.getTime() < since.getTime();
}

const enctypes = serviceAccountCheck(
  {
    id: 'ad.enctypes',
    title: 'Service and target accounts support AES',
    dependsOn: ['ad.bind'],
  },
  async (ctx, s, svc) => {
    const [target = ''] = targetForms(ctx, s);
    const found = await owners(ctx, s, [target]);
    if (!found.ok) return found.outcome;
    const targets: Account[] = [];
    for (const owner of found.value) {
      const full = dnsDomainOf(owner.dn) === s.domain.dnsDomain ? await readAccount(s.connection, owner.dn) : null;
      targets.push(full !== null && full.ok && full.value !== null ? full.value : owner);
    }
    const rows = [{ role: 'service account', a: svc, isTarget: false }, ...targets.map((a) => ({ role: `target ${target}`, a, isTarget: true }))];
    const evidence = rows.map((r) => `${r.role} ${r.a.samAccountName}: msDS-SupportedEncryptionTypes ${describeEnctypes(r.a.supportedEnctypes)}`);
    if (targets.length === 0) evidence.push(`no account holds ${target} (see ad.target-spn)`);
    const problems: { text: string; fail: boolean; command: string }[] = [];
    for (const { role, a, isTarget } of rows) {
      const verdict = judgeEnctypes(a.supportedEnctypes);
      if (verdict.kind === 'aes') continue;
      const cmdlet = isComputer(a) ? 'Set-ADComputer' : 'Set-ADUser';
      const reset = (await needsPasswordReset(ctx, s, a))
        ? isComputer(a)
          ? ` Its password predates AES keys in this domain: reset the machine password (Reset-ComputerMachinePassword on ${a.samAccountName.replace(/\$$/, '')}) so that AES keys exist.`
          : ` Its password predates AES keys in this domain: reset it afterwards (the same password is fine) so that AES keys exist.`
        : '';
      const what =
        verdict.kind === 'unset'
          ? `${role} ${a.samAccountName} has no msDS-SupportedEncryptionTypes: the KDC then issues RC4 tickets for it.`
          : verdict.kind === 'rc4-only'
            ? `${role} ${a.samAccountName} allows RC4 only: a client that offers AES only gets KDC_ERR_ETYPE_NOSUPP, and RC4 is being retired.`
            : verdict.kind === 'des'
              ? `${role} ${a.samAccountName} allows DES, which Windows has disabled since 2008 R2.`
              : `${role} ${a.samAccountName} allows no Kerberos encryption type the KDC can use.`;
      problems.push({
        text: what + reset,
        fail: isTarget ? verdict.kind !== 'unset' : verdict.kind === 'des' || verdict.kind === 'none',
        command: `${cmdlet} -Identity ${psLiteral(a.samAccountName)} -Replace @{'msDS-SupportedEncryptionTypes'=24}`,
      });
    }
    if (problems.length === 0) return { status: 'pass', evidence };
    return {
      status: problems.some((p) => p.fail) ? 'fail' : 'warn',
      evidence,
      remedy: `${problems.map((p) => p.text).join(' ')} Set AES128 + AES256 (24); a keytab exported for the account must be exported again afterwards.`,
      command: problems.map((p) => p.command).join('\n'),
    };
  },
);

/** The ad.* checks of product.md's catalogue, in its order. */
export const AD_CHECKS: readonly CheckDefinition[] = [bind, svcSpn, protocolTransition, allowedToDelegate, targetSpn, asa, ntauth, userDelegable, enctypes];
