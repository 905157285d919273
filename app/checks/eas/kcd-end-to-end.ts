import type { TLSSocket } from 'node:tls';
import { ok, type Result } from '../../contract/result';
import { negotiateRequest, placeOf, type HttpTarget } from '../../kerberos/spnego/http';
import { openVerifiedTls } from '../../net/https-request';
import { rootStoreWarmed } from '../../net/root-store-warmup';
import { resolveHost } from '../../net/resolve';
import { nativeArg } from '../../scripts/quote';
import { defineCheck } from '../define';
import { END_TO_END_CHECK } from '../end-to-end';
import { KRB_S4U2PROXY } from '../krb/artifacts';
import { fail, failureEvidence, failureFacts, type FailureFacts } from '../krb/failure-facts';
import { serviceText, ticketFacts } from '../krb/ticket-facts';
import { keyHolder, refusedTicket, type KeyHolderFacts } from './key-holder';
import { pkiInputs } from '../run/pki-inputs';
import { runTlsSessions } from '../run/tls-sessions';
import type { CheckContext } from '../types';

/** The authenticated request: where it went and with which ticket. */
interface NegotiateRequestFacts {
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly url: string;
  readonly address: string;
  readonly addressSource: string;
  readonly client: string;
  /** The ticket's service, without and with its realm. */
  readonly service: string;
  readonly serviceRealm: string;
  /** The ticket's etype and kvno: the key of the SPN's holder the KDC encrypted it with. */
  readonly ticketEtype: number;
  readonly ticketKvno?: number;
}

export type KcdEndToEndFacts =
  | { readonly outcome: 'no-ticket' }
  | { readonly outcome: 'unresolved'; readonly host: string; readonly failure: FailureFacts }
  | (NegotiateRequestFacts & { readonly outcome: 'no-answer'; readonly failure: FailureFacts })
  | (NegotiateRequestFacts & {
      readonly outcome: 'answered';
      readonly status: number;
      /** MS-ASProtocolVersions, when the server sent it as one header. */
      readonly protocolVersions?: string;
      /** The REMOTE_USER line of the body, when the server reports the user (the lab's Apache does). */
      readonly remoteUser?: string;
      readonly mutual: { readonly verified: true } | { readonly verified: false; readonly reason: string };
      /** The schemes a 401 offered. */
      readonly offered: readonly string[];
      /** When the server refused the ticket (401 with Negotiate offered). */
      readonly keyHolder?: KeyHolderFacts;
    });

const offersNegotiate = (offered: readonly string[]): boolean => offered.some((o) => o.toLowerCase() === 'negotiate');

/** The ActiveSync endpoint of the settings (the CAS array's name when one is set), resolved once per run. */
function endpoint(
  ctx: CheckContext,
): Promise<{ readonly host: string; readonly target: Result<HttpTarget & { readonly address: string; readonly addressSource: string }> }> {
  return ctx.memo('eas.kcd.endpoint', async () => {
    const email = ctx.settings.email;
    const host = email.casArray.enabled && email.casArray.fqdn.trim() !== '' ? email.casArray.fqdn.trim() : email.host.trim();
    const resolved = await resolveHost(host, ctx.settings.network, { timeoutMs: ctx.stepTimeoutMs, signal: ctx.signal });
    if (!resolved.ok) return { host, target: resolved };
    // The roots of the settings are trusted next to Node's bundle: an internal CA usually issues the Exchange certificate.
    const extraCa = (await pkiInputs(ctx)).roots.map((c) => c.node.toString());
    const path = email.path || '/Microsoft-Server-ActiveSync';
    return {
      host,
      target: ok({
        host,
        address: resolved.value.address,
        addressSource: resolved.value.source,
        port: email.port,
        tls: email.tls,
        path,
        method: 'OPTIONS',
        extraCa,
      }),
    };
  });
}

/**
 * The verified TLS connection for the request, opened while the Kerberos chain runs (the
 * prefetch), so that the handshake is off the chain's path; null when the request must open
 * its own (plain HTTP, or the connection failed: the request then meets and reports the same).
 */
function connectionAhead(ctx: CheckContext): Promise<TLSSocket | null> {
  return ctx.memo('eas.kcd.connection', async () => {
    const { target } = await endpoint(ctx);
    if (!target.ok || !target.value.tls) return null;
    await rootStoreWarmed();
    const opened = await openVerifiedTls(placeOf(target.value), await runTlsSessions(ctx), { timeoutMs: ctx.stepTimeoutMs, signal: ctx.signal });
    if (!opened.ok) return null;
    ctx.onFinish(() => void opened.value.destroy());
    return opened.value;
  });
}

async function gather(ctx: CheckContext): Promise<KcdEndToEndFacts> {
  const cred = ctx.artifact(KRB_S4U2PROXY);
  if (!cred) return { outcome: 'no-ticket' };
  const { host, target: resolved } = await endpoint(ctx);
  if (!resolved.ok) return { outcome: 'unresolved', host, failure: failureFacts(resolved.error) };
  const target = resolved.value;
  const ticket = ticketFacts(cred);
  const request: NegotiateRequestFacts = {
    host,
    port: target.port,
    path: target.path,
    url: `${target.tls ? 'https' : 'http'}://${host}:${target.port}${target.path}`,
    address: target.address,
    addressSource: target.addressSource,
    client: ticket.client,
    service: ticket.service,
    serviceRealm: ticket.serviceRealm,
    ticketEtype: ticket.ticketEtype,
    ...(ticket.ticketKvno === undefined ? {} : { ticketKvno: ticket.ticketKvno }),
  };
  const sessions = await runTlsSessions(ctx);
  const opts = { timeoutMs: ctx.stepTimeoutMs, signal: ctx.signal, sessions };
  const ahead = await connectionAhead(ctx);
  let r = await negotiateRequest(cred, target, { ...opts, ...(ahead === null ? {} : { connection: ahead }) });
  // The connection opened ahead may have been dropped by the server while it waited: once more on a new one.
  if (!r.ok && ahead !== null) r = await negotiateRequest(cred, target, opts);
  if (!r.ok) return { outcome: 'no-answer', ...request, failure: failureFacts(r.error) };
  const res = r.value;
  const versions = res.headers['ms-asprotocolversions'];
  const remoteUser = /^REMOTE_USER=(.*)$/m.exec(res.body)?.[1];
  return {
    outcome: 'answered',
    ...request,
    status: res.status,
    ...(typeof versions === 'string' ? { protocolVersions: versions } : {}),
    ...(remoteUser === undefined ? {} : { remoteUser }),
    mutual: res.mutual.verified ? { verified: true } : { verified: false, reason: res.mutual.reason },
    offered: res.offered,
    ...(res.status === 401 && offersNegotiate(res.offered) ? { keyHolder: await keyHolder(ctx, ticket.service) } : {}),
  };
}

export const kcdEndToEnd = defineCheck<KcdEndToEndFacts>({
  id: END_TO_END_CHECK,
  title: "A request with the S4U2Proxy ticket is accepted as the certificate's user",
  dependsOn: ['krb.s4u2proxy', 'input.email-host', 'input.email-port'],
  network: true,
  prefetch: connectionAhead,
  gather,
  judge(facts) {
    if (facts.outcome === 'no-ticket') return { status: 'skip', reason: 'krb.s4u2proxy provided no ticket' };
    if (facts.outcome === 'unresolved')
      return fail(failureEvidence(facts.failure), facts.failure.remedy ?? `Check that ${facts.host} resolves, or pin it under network.hosts.`);
    const user = facts.client;
    const service = serviceText(facts);
    const head = [
      `request: OPTIONS ${facts.url} (address ${facts.address} from ${facts.addressSource})`,
      `ticket: ${user} to ${service}, Authorization: Negotiate (SPNEGO)`,
    ];
    if (facts.outcome === 'no-answer')
      return fail(
        [...head, ...failureEvidence(facts.failure)],
        facts.failure.remedy ?? 'Check the email server settings.',
        `Test-NetConnection ${nativeArg(facts.host)} -Port ${facts.port}`,
      );
    const { status, remoteUser, mutual } = facts;
    const evidence = [...head, `HTTP status: ${status}`];
    if (facts.protocolVersions !== undefined) evidence.push(`MS-ASProtocolVersions: ${facts.protocolVersions}`);
    if (remoteUser !== undefined) evidence.push(`server reports the user as: ${remoteUser}`);
    evidence.push(
      mutual.verified
        ? 'mutual authentication: AP-REP verified with the ticket session key (the server decrypted the ticket)'
        : `mutual authentication: not verified (${mutual.reason})`,
    );
    const offered = `offered: ${facts.offered.join(', ') || '(nothing)'}`;
    if (status === 401 && !offersNegotiate(facts.offered)) {
      return fail(
        [...evidence, offered],
        `The server does not offer Negotiate on ${facts.path}, so it cannot take a Kerberos ticket: enable Windows Authentication (Negotiate/Kerberos) on the Microsoft-Server-ActiveSync virtual directory.`,
        'Set-ActiveSyncVirtualDirectory -Identity "<server>\\Microsoft-Server-ActiveSync (Default Web Site)" -WindowsAuthEnabled $true',
      );
    }
    if (status === 401) {
      const v = refusedTicket(facts);
      return fail([...evidence, offered, ...v.findings], v.remedy, v.command);
    }
    if (status < 200 || status >= 300) {
      return fail(evidence, `The server answered ${status} to an authenticated OPTIONS request on ${facts.path}; ActiveSync should answer 200.`);
    }
    if (remoteUser !== undefined && remoteUser.toLowerCase() !== user.toLowerCase()) {
      return fail(evidence, `The server accepted the request as ${remoteUser}, not as ${user}.`);
    }
    if (!mutual.verified) {
      return {
        status: 'warn',
        evidence,
        remedy:
          'The server accepted the ticket but did not prove itself with an AP-REP (mutual authentication); check that Negotiate/Kerberos (not NTLM) is used on the server.',
      };
    }
    return { status: 'pass', evidence };
  },
});
