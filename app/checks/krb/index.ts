import type { CoreError } from '../../contract/result';
import { KRB_ERR, etypeName } from '../../kerberos/constants';
import { getTgt } from '../../kerberos/client/as-exchange';
import { credentialEvidence, type Credential } from '../../kerberos/client/credential';
import type { KdcFailure } from '../../kerberos/client/failure';
import { kdcForRealm } from '../../kerberos/client/kdc-address';
import { s4u2proxy, s4u2self, userFromUpn } from '../../kerberos/client/s4u';
import { diagnoseDelegation, type DelegationFacts } from './delegation-diagnosis';
import { hasFlag } from '../../kerberos/messages/flags';
import { principalText, servicePrincipal } from '../../kerberos/messages/principal';
import { negotiateRequest } from '../../kerberos/spnego/http';
import { domainSid, findAccounts, groupByRid, memberInChain } from '../../ldap/directory';
import { filter } from '../../ldap/filter-escape';
import { integer, text } from '../../ldap/entry';
import type { LdapConnection } from '../../ldap/connect';
import { adSession } from '../run/ad-session';
import { resolveHost } from '../../net/resolve';
import { serviceAccountProbe } from '../run/service-account-probe';
import { runTlsSessions } from '../run/tls-sessions';
import { ldapFilterArg, nativeArg, psLiteral } from '../../scripts/quote';
import { deviceUpn } from '../run/device-identity';
import { pkiInputs } from '../run/pki-inputs';
import { artifactKey, type CheckContext, type CheckDefinition, type CheckOutcome } from '../types';
import { END_TO_END_CHECK } from '../end-to-end';

/** The service account's TGT (krb.as), the user's S4U2Self ticket and the proxied service ticket. */
export const KRB_TGT = artifactKey<Credential>('krb.tgt');
export const KRB_S4U2SELF = artifactKey<{ readonly credential: Credential; readonly upn: string }>('krb.s4u2self');
export const KRB_S4U2PROXY = artifactKey<Credential>('krb.s4u2proxy');

const FORWARDABLE = 1;

function homeRealm(ctx: CheckContext): string {
  return (ctx.settings.kcd.domains[0]?.realm ?? '').trim().toUpperCase();
}

/** The realm of the user: the KCD domain whose DNS name is the UPN's suffix, else the home realm. */
function userRealm(ctx: CheckContext, upn: string): string {
  const suffix = upn.slice(upn.lastIndexOf('@') + 1).toUpperCase();
  return ctx.settings.kcd.domains.find((d) => d.realm.trim().toUpperCase() === suffix)?.realm.trim().toUpperCase() ?? homeRealm(ctx);
}

function failureEvidence(e: CoreError | KdcFailure): string[] {
  const lines = [`error: ${e.code}`, e.message];
  if ('krbError' in e && e.krbError) {
    lines.push(`KDC time: ${e.krbError.stime.toISOString()}`);
    if (e.krbError.eText) lines.push(`e-text: ${e.krbError.eText}`);
  }
  return lines;
}

function commandFor(code: string, ctx: CheckContext, dc: string): string | undefined {
  const svc = ctx.settings.kcd.serviceAccount;
  switch (code) {
    case 'KRB_KDC_ERR_PREAUTH_FAILED':
      return `Set-ADAccountPassword -Identity ${psLiteral(svc)} -Reset   # then enter the same password in the KCD step`;
    case 'KRB_KDC_ERR_CLIENT_REVOKED':
      return `Unlock-ADAccount -Identity ${psLiteral(svc)}; Enable-ADAccount -Identity ${psLiteral(svc)}`;
    case 'KRB_KDC_ERR_KEY_EXPIRED':
      return `Set-ADUser -Identity ${psLiteral(svc)} -PasswordNeverExpires $true; Set-ADAccountPassword -Identity ${psLiteral(svc)} -Reset`;
    case 'KRB_KDC_ERR_ETYPE_NOSUPP':
      return `Set-ADUser -Identity ${psLiteral(svc)} -KerberosEncryptionType AES128,AES256; Set-ADAccountPassword -Identity ${psLiteral(svc)} -Reset`;
    case 'KRB_KDC_ERR_C_PRINCIPAL_UNKNOWN':
      return `Get-ADUser -Identity ${psLiteral(svc)} -Properties userPrincipalName`;
    case 'KRB_KRB_AP_ERR_SKEW':
      return `w32tm /stripchart ${nativeArg(`/computer:${dc}`)} /samples:3 /dataonly`;
    case 'KRB_KDC_TIMEOUT':
    case 'KRB_KDC_UNREACHABLE':
      return `Test-NetConnection ${nativeArg(dc)} -Port 88`;
    default:
      return undefined;
  }
}

function fail(evidence: string[], remedy: string, command?: string): CheckOutcome {
  return command === undefined ? { status: 'fail', evidence, remedy } : { status: 'fail', evidence, remedy, command };
}

async function kdcOf(ctx: CheckContext, realm: string) {
  return kdcForRealm(ctx.settings, realm, { timeoutMs: ctx.stepTimeoutMs, signal: ctx.signal });
}

const krbAs: CheckDefinition = {
  id: 'krb.as',
  title: 'The service account gets a TGT (AES pre-authentication)',
  dependsOn: ['input.realm', 'input.dc-host', 'input.service-account'],
  needsSecrets: ['kcdPassword'],
  network: true,
  async run(ctx) {
    const realm = homeRealm(ctx);
    const kdc = await kdcOf(ctx, realm);
    if (!kdc.ok) return fail(failureEvidence(kdc.error), kdc.error.remedy ?? 'Check the DC host name and network.hosts.');
    const password = ctx.secrets.kcdPassword;
    if (password === undefined) return { status: 'skip', reason: 'no service account password' };
    const user = ctx.settings.kcd.serviceAccount.trim();
    const kdcLine = `KDC: ${kdc.value.host} (${kdc.value.address}:${kdc.value.port}, TCP; address from ${kdc.value.source})`;
    // The run's AS-REQ without pre-authentication for the service account, shared with
    // time.dc-skew (sent here if that check has not): its PREAUTH_REQUIRED answer names the salt.
    // A failed probe just means getTgt asks again.
    const probe = await serviceAccountProbe(ctx, kdc.value, realm);
    const asked = probe.ok && probe.value.answer.kind === 'krb-error' ? { preauthRequired: probe.value.answer.error } : {};
    const as = await getTgt({ kdc: kdc.value, realm, user, password, timeoutMs: ctx.stepTimeoutMs, signal: ctx.signal, ...asked });
    if (!as.ok) {
      return fail([`principal: ${user}@${realm}`, kdcLine, ...failureEvidence(as.error)], as.error.remedy ?? 'See the error above.', commandFor(as.error.code, ctx, kdc.value.host));
    }
    const { credential, preauth, offered } = as.value;
    ctx.provide(KRB_TGT, credential);
    const evidence = [
      ...credentialEvidence(credential),
      `pre-authentication: PA-ENC-TIMESTAMP with ${etypeName(preauth.etype)}, salt "${preauth.salt}"${preauth.iterations === undefined ? '' : `, ${preauth.iterations} PBKDF2 iterations`}`,
      `KDC offered: ${offered.join(', ') || '(no pre-authentication asked)'}`,
    ];
    if (preauth.etype !== 17 && preauth.etype !== 18) {
      return {
        status: 'warn',
        evidence,
        remedy: `The service account pre-authenticated with ${etypeName(preauth.etype)}, not AES: give it AES keys.`,
        command: `Set-ADUser -Identity ${psLiteral(user)} -KerberosEncryptionType AES128,AES256; Set-ADAccountPassword -Identity ${psLiteral(user)} -Reset`,
      };
    }
    return { status: 'pass', evidence };
  },
};

/** Directory facts for a delegation diagnosis; what LDAP cannot read is left out, never guessed. */
async function delegationFacts(ctx: CheckContext, upn: string, forwardable: boolean | undefined): Promise<DelegationFacts> {
  const base: DelegationFacts = {
    targetSpn: ctx.settings.kcd.targetSpn.trim(),
    serviceAccount: ctx.settings.kcd.serviceAccount.trim(),
    user: upn,
    ...(forwardable === undefined ? {} : { s4u2selfForwardable: forwardable }),
  };
  const session = await adSession(ctx);
  if (!session.ok) return base;
  const conn = session.value.connection;
  const baseDn = session.value.rootDse.defaultNamingContext;
  const svc = await findAccounts(conn, baseDn, base.serviceAccount);
  const s = svc.ok ? svc.value[0] : undefined;
  const u = await userByUpn(ctx, conn, baseDn, upn);
  return {
    ...base,
    ...(s ? { service: { ...(s.userAccountControl === undefined ? {} : { uac: s.userAccountControl }), allowedToDelegateTo: s.allowedToDelegateTo } } : {}),
    ...(u ? { userAccount: u } : {}),
  };
}

/**
 * The user the KDC impersonated, searched in the home domain by UPN (the session is not a
 * global-catalogue connection, so a forest-wide search from the root would find nothing).
 */
async function userByUpn(ctx: CheckContext, conn: LdapConnection, baseDn: string, upn: string): Promise<{ sam: string; uac?: number; protectedUsers?: boolean } | undefined> {
  let entry;
  try {
    const { searchEntries } = await conn.client.search(baseDn, { scope: 'sub', filter: filter`(userPrincipalName=${upn})`, attributes: ['sAMAccountName', 'userAccountControl'], timeLimit: Math.ceil(ctx.stepTimeoutMs / 1000) });
    entry = searchEntries[0];
  } catch {
    // The diagnosis then says the directory could not tell; the KDC's answer stands on its own.
    return undefined;
  }
  if (entry === undefined) return undefined;
  const uac = integer(entry, 'userAccountControl');
  const protectedUsers = await inProtectedUsers(conn, baseDn, entry.dn);
  return { sam: text(entry, 'sAMAccountName') ?? upn, ...(uac === undefined ? {} : { uac }), ...(protectedUsers === undefined ? {} : { protectedUsers }) };
}

/** Membership of Protected Users (RID 525), nested groups included; undefined when LDAP cannot tell. */
async function inProtectedUsers(conn: LdapConnection, baseDn: string, userDn: string): Promise<boolean | undefined> {
  const sid = await domainSid(conn, baseDn);
  if (!sid.ok || sid.value === null) return undefined;
  const group = await groupByRid(conn, baseDn, sid.value, 525);
  if (!group.ok || group.value === null) return undefined;
  const member = await memberInChain(conn, userDn, group.value);
  return member.ok ? member.value : undefined;
}

const krbS4u2self: CheckDefinition = {
  id: 'krb.s4u2self',
  title: "S4U2Self for the certificate's user returns a forwardable ticket",
  dependsOn: ['krb.as'],
  network: true,
  applies: (s) => (s.certificates.deviceCertificate.trim() === '' ? 'No sample device certificate is set: its UPN names the user' : null),
  async run(ctx) {
    const tgt = ctx.artifact(KRB_TGT);
    if (!tgt) return { status: 'skip', reason: 'krb.as provided no TGT' };
    const inputs = await pkiInputs(ctx);
    if (inputs.device === null) {
      const problems = inputs.problems.map((p) => p.error.message);
      return fail(['device certificate: none could be read', ...problems], 'Give the sample device certificate (PEM, DER or PFX) in the Certificates step: its UPN names the user to impersonate.');
    }
    const upn = await deviceUpn(ctx);
    if (upn === null) {
      return fail(
        ['device certificate: no SAN otherName UPN (1.3.6.1.4.1.311.20.2.3)'],
        'The device certificate must carry the user principal name in its Subject Alternative Name: add "User Principal Name" to the SAN of the certificate template in the UEM console.',
      );
    }
    const user = userFromUpn(upn, userRealm(ctx, upn));
    const r = await s4u2self({ tgt, user, timeoutMs: ctx.stepTimeoutMs, signal: ctx.signal });
    const head = [`UPN from the device certificate: ${upn}`, `requested as: ${principalText(user.name, user.realm)} (PA-FOR-USER, name-type ${user.name.nameType})`];
    if (!r.ok) {
      const evidence = [...head, ...failureEvidence(r.error)];
      if (r.error.krbError?.errorCode === KRB_ERR.C_PRINCIPAL_UNKNOWN) {
        return fail(evidence, `The KDC knows no user ${upn}: the certificate's UPN must be the userPrincipalName of an account in ${user.realm}.`, `Get-ADUser -LDAPFilter ${ldapFilterArg('userPrincipalName', upn)}`);
      }
      return fail(evidence, r.error.remedy ?? 'See the error above.', commandFor(r.error.code, ctx, tgt.kdc.host));
    }
    const cred = r.value.credential;
    ctx.provide(KRB_S4U2SELF, { credential: cred, upn });
    const evidence = [...head, ...credentialEvidence(cred)];
    if (!hasFlag(cred.flags, FORWARDABLE)) {
      const d = diagnoseDelegation(await delegationFacts(ctx, upn, false));
      return fail([...evidence, ...d.findings], d.remedy, d.command);
    }
    return { status: 'pass', evidence };
  },
};

const krbS4u2proxy: CheckDefinition = {
  id: 'krb.s4u2proxy',
  title: 'S4U2Proxy for that user to the target SPN succeeds',
  dependsOn: ['krb.s4u2self', 'input.target-spn'],
  network: true,
  async run(ctx) {
    const tgt = ctx.artifact(KRB_TGT);
    const self = ctx.artifact(KRB_S4U2SELF);
    if (!tgt || !self) return { status: 'skip', reason: 'no S4U2Self ticket to use as evidence' };
    const spn = ctx.settings.kcd.targetSpn.trim();
    const r = await s4u2proxy({ tgt, evidence: self.credential, targetSpn: servicePrincipal(spn), timeoutMs: ctx.stepTimeoutMs, signal: ctx.signal });
    const head = [`target SPN: ${spn}`, `evidence ticket: ${principalText(self.credential.cname, self.credential.crealm)} to ${principalText(self.credential.sname, self.credential.srealm)}`];
    if (!r.ok) {
      const evidence = [...head, ...failureEvidence(r.error)];
      if (r.error.krbError?.errorCode === KRB_ERR.BADOPTION) {
        const d = diagnoseDelegation(await delegationFacts(ctx, self.upn, hasFlag(self.credential.flags, FORWARDABLE)));
        return fail([...evidence, ...d.findings], d.remedy, d.command);
      }
      if (r.error.krbError?.errorCode === KRB_ERR.S_PRINCIPAL_UNKNOWN) {
        return fail(evidence, `No single account holds ${spn}: register it on the Exchange server's computer account (or the ASA), and remove any duplicate.`, `setspn -Q ${nativeArg(spn)}`);
      }
      return fail(evidence, r.error.remedy ?? 'See the error above.', commandFor(r.error.code, ctx, tgt.kdc.host));
    }
    ctx.provide(KRB_S4U2PROXY, r.value.credential);
    return { status: 'pass', evidence: [...head, ...credentialEvidence(r.value.credential)] };
  },
};

const easKcd: CheckDefinition = {
  id: END_TO_END_CHECK,
  title: "A request with the S4U2Proxy ticket is accepted as the certificate's user",
  dependsOn: ['krb.s4u2proxy', 'input.email-host', 'input.email-port'],
  network: true,
  async run(ctx) {
    const cred = ctx.artifact(KRB_S4U2PROXY);
    if (!cred) return { status: 'skip', reason: 'krb.s4u2proxy provided no ticket' };
    const email = ctx.settings.email;
    const host = email.casArray.enabled && email.casArray.fqdn.trim() !== '' ? email.casArray.fqdn.trim() : email.host.trim();
    const resolved = await resolveHost(host, ctx.settings.network, { timeoutMs: ctx.stepTimeoutMs, signal: ctx.signal });
    if (!resolved.ok) return fail(failureEvidence(resolved.error), resolved.error.remedy ?? `Check that ${host} resolves, or pin it under network.hosts.`);
    // The roots of the settings are trusted next to Node's bundle: an internal CA usually issues the Exchange certificate.
    const extraCa = (await pkiInputs(ctx)).roots.map((c) => c.node.toString());
    const target = { host, address: resolved.value.address, port: email.port, tls: email.tls, path: email.path || '/Microsoft-Server-ActiveSync', method: 'OPTIONS', extraCa };
    const url = `${email.tls ? 'https' : 'http'}://${host}:${email.port}${target.path}`;
    const r = await negotiateRequest(cred, target, { timeoutMs: ctx.stepTimeoutMs, signal: ctx.signal, sessions: await runTlsSessions(ctx) });
    const user = principalText(cred.cname, cred.crealm);
    const head = [`request: OPTIONS ${url} (address ${resolved.value.address} from ${resolved.value.source})`, `ticket: ${user} to ${principalText(cred.sname, cred.srealm)}, Authorization: Negotiate (SPNEGO)`];
    if (!r.ok) return fail([...head, ...failureEvidence(r.error)], r.error.remedy ?? 'Check the email server settings.', `Test-NetConnection ${nativeArg(host)} -Port ${email.port}`);
    const res = r.value;
    const evidence = [...head, `HTTP status: ${res.status}`];
    const versions = res.headers['ms-asprotocolversions'];
    if (typeof versions === 'string') evidence.push(`MS-ASProtocolVersions: ${versions}`);
    const remoteUser = /^REMOTE_USER=(.*)$/m.exec(res.body)?.[1];
    if (remoteUser !== undefined) evidence.push(`server reports the user as: ${remoteUser}`);
    evidence.push(res.mutual.verified ? 'mutual authentication: AP-REP verified with the ticket session key (the server decrypted the ticket)' : `mutual authentication: not verified (${res.mutual.reason})`);
    if (res.status === 401 && !res.offered.some((o) => o.toLowerCase() === 'negotiate')) {
      return fail(
        [...evidence, `offered: ${res.offered.join(', ') || '(nothing)'}`],
        `The server does not offer Negotiate on ${target.path}, so it cannot take a Kerberos ticket: enable Windows Authentication (Negotiate/Kerberos) on the Microsoft-Server-ActiveSync virtual directory.`,
        'Set-ActiveSyncVirtualDirectory -Identity "<server>\\Microsoft-Server-ActiveSync (Default Web Site)" -WindowsAuthEnabled $true',
      );
    }
    if (res.status === 401) {
      return fail(
        [...evidence, `offered: ${res.offered.join(', ') || '(nothing)'}`],
        `The server refused the Kerberos ticket for ${principalText(cred.sname, cred.srealm)}. Likely causes: the server's keytab or the account holding the SPN has another key (password changed, ASA not rolled), the SPN belongs to another account than the one the server uses, or Windows Authentication/Negotiate is not enabled for ${target.path}.`,
        `setspn -Q ${nativeArg(principalText(cred.sname))}`,
      );
    }
    if (res.status < 200 || res.status >= 300) {
      return fail(evidence, `The server answered ${res.status} to an authenticated OPTIONS request on ${target.path}; ActiveSync should answer 200.`);
    }
    if (remoteUser !== undefined && remoteUser.toLowerCase() !== user.toLowerCase()) {
      return fail(evidence, `The server accepted the request as ${remoteUser}, not as ${user}.`);
    }
    if (!res.mutual.verified) {
      return { status: 'warn', evidence, remedy: 'The server accepted the ticket but did not prove itself with an AP-REP (mutual authentication); check that Negotiate/Kerberos (not NTLM) is used on the server.' };
    }
    return { status: 'pass', evidence };
  },
};

export const KRB_CHECKS: readonly CheckDefinition[] = [krbAs, krbS4u2self, krbS4u2proxy, easKcd];
