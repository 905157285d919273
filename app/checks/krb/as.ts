import { etypeName } from '../../kerberos/constants';
import { getTgt } from '../../kerberos/client/as-exchange';
import { kdcForRealm } from '../../kerberos/client/kdc-address';
import { ntStatusInfo } from '../../kerberos/ntstatus';
import { psLiteral } from '../../scripts/quote';
import { bindReason, bindRemedy } from '../ad/bind-diagnostics';
import { defineCheck } from '../define';
import { serviceAccountProbe } from '../run/service-account-probe';
import type { CheckContext } from '../types';
import { KRB_TGT } from './artifacts';
import { commandFor, fail, failureEvidence, failureFacts, type FailureFacts } from './failure-facts';
import { homeRealm } from './realms';
import { ticketEvidence, ticketFacts, type TicketFacts } from './ticket-facts';

/** The AS-REQ's principal and where it went. */
interface AsRequestFacts {
  /** As the settings give it (commands quote it so); the principal is its trimmed form. */
  readonly serviceAccount: string;
  readonly realm: string;
  readonly kdc: { readonly host: string; readonly address: string; readonly port: number; readonly source: string };
}

export type KrbAsFacts =
  | { readonly outcome: 'no-kdc'; readonly failure: FailureFacts }
  | { readonly outcome: 'no-password' }
  | (AsRequestFacts & { readonly outcome: 'refused'; readonly failure: FailureFacts })
  | (AsRequestFacts & {
      readonly outcome: 'issued';
      readonly ticket: TicketFacts;
      /** The ETYPE-INFO2 entry the key came from. */
      readonly preauth: { readonly etype: number; readonly salt: string; readonly iterations?: number };
      /** The pre-authentication methods the KDC named in its PREAUTH_REQUIRED answer. */
      readonly offered: readonly string[];
    });

/**
 * The service account's state as the KDC named it (NTSTATUS), in the words and with the
 * command ad.bind gives for the same state at LDAP (the Win32 sub-code of the same cause):
 * "disabled", not "locked out or disabled".
 */
function accountStateVerdict(failure: FailureFacts, account: string, realm: string): { remedy: string; command: string } | undefined {
  const info = failure.ntStatus === undefined ? undefined : ntStatusInfo(failure.ntStatus.status);
  const reason = info?.win32 === undefined ? null : bindReason(info.win32);
  if (info === undefined || reason === null) return undefined;
  const fix = bindRemedy(reason, account, realm);
  return { remedy: `The KDC refused ${account}: ${reason.meaning} (${info.name}). ${fix.remedy}`, command: fix.command };
}

async function gather(ctx: CheckContext): Promise<KrbAsFacts> {
  const realm = homeRealm(ctx.settings);
  const kdc = await kdcForRealm(ctx.settings, realm, { timeoutMs: ctx.stepTimeoutMs, signal: ctx.signal });
  if (!kdc.ok) return { outcome: 'no-kdc', failure: failureFacts(kdc.error) };
  const password = ctx.secrets.kcdPassword;
  if (password === undefined) return { outcome: 'no-password' };
  const serviceAccount = ctx.settings.kcd.serviceAccount;
  const where = { serviceAccount, realm, kdc: { host: kdc.value.host, address: kdc.value.address, port: kdc.value.port, source: kdc.value.source } };
  // The run's AS-REQ without pre-authentication for the service account, shared with
  // time.dc-skew (sent here if that check has not): its PREAUTH_REQUIRED answer names the salt.
  // A failed probe just means getTgt asks again.
  const probe = await serviceAccountProbe(ctx, kdc.value, realm);
  const asked = probe.ok && probe.value.answer.kind === 'krb-error' ? { preauthRequired: probe.value.answer.error } : {};
  const as = await getTgt({ kdc: kdc.value, realm, user: serviceAccount.trim(), password, timeoutMs: ctx.stepTimeoutMs, signal: ctx.signal, ...asked });
  if (!as.ok) return { outcome: 'refused', ...where, failure: failureFacts(as.error) };
  const { credential, preauth, offered } = as.value;
  ctx.provide(KRB_TGT, credential);
  return { outcome: 'issued', ...where, ticket: ticketFacts(credential), preauth, offered };
}

export const krbAs = defineCheck<KrbAsFacts>({
  id: 'krb.as',
  title: 'The service account gets a TGT (AES pre-authentication)',
  dependsOn: ['input.realm', 'input.dc-host', 'input.service-account'],
  needsSecrets: ['kcdPassword'],
  network: true,
  gather,
  judge(facts) {
    if (facts.outcome === 'no-kdc') return fail(failureEvidence(facts.failure), facts.failure.remedy ?? 'Check the DC host name and network.hosts.');
    if (facts.outcome === 'no-password') return { status: 'skip', reason: 'no service account password' };
    const user = facts.serviceAccount.trim();
    if (facts.outcome === 'refused') {
      const { kdc, failure } = facts;
      const kdcLine = `KDC: ${kdc.host} (${kdc.address}:${kdc.port}, TCP; address from ${kdc.source})`;
      const evidence = [`principal: ${user}@${facts.realm}`, kdcLine, ...failureEvidence(failure)];
      const state = accountStateVerdict(failure, user, facts.realm);
      if (state) return fail(evidence, state.remedy, state.command);
      return fail(evidence, failure.remedy ?? 'See the error above.', commandFor(failure.code, facts.serviceAccount, kdc.host));
    }
    const { preauth, offered } = facts;
    const evidence = [
      ...ticketEvidence(facts.ticket),
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
});
