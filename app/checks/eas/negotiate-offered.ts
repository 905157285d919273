import { easRequest } from '../../eas/eas-request';
import { offeredSchemes } from '../../net/www-authenticate';
import { defineCheck } from '../define';
import { runTlsSessions } from '../run/tls-sessions';
import type { CheckContext } from '../types';
import {
  gatherTarget,
  isUnresolved,
  noAnswer,
  noAnswerOutcome,
  unresolvedOutcome,
  where,
  type EasTargetFacts,
  type NoAnswer,
  type UnresolvedTarget,
} from './target-facts';

const WINDOWS_AUTH_FIX = [
  '# On each Exchange server (Exchange Management Shell):',
  'Set-ActiveSyncVirtualDirectory -Identity "$env:COMPUTERNAME\\Microsoft-Server-ActiveSync (Default Web Site)" -WindowsAuthEnabled $true',
  '# IIS: Negotiate first among the Windows authentication providers of the ActiveSync directory',
  '%windir%\\system32\\inetsrv\\appcmd.exe set config "Default Web Site/Microsoft-Server-ActiveSync" -section:system.webServer/security/authentication/windowsAuthentication /enabled:"True" /commit:apphost',
  '%windir%\\system32\\inetsrv\\appcmd.exe set config "Default Web Site/Microsoft-Server-ActiveSync" -section:system.webServer/security/authentication/windowsAuthentication /+"providers.[value=\'Negotiate\']" /commit:apphost',
].join('\n');

export type NegotiateOfferedFacts =
  | UnresolvedTarget
  | NoAnswer
  /** The answer to an anonymous OPTIONS: its status and WWW-Authenticate as sent. */
  | { readonly outcome: 'answered'; readonly target: EasTargetFacts; readonly status: number; readonly wwwAuthenticate?: string | string[] };

async function gather(ctx: CheckContext): Promise<NegotiateOfferedFacts> {
  const t = await gatherTarget(ctx);
  if (isUnresolved(t)) return t;
  const answer = await easRequest(t.target, { method: 'OPTIONS', timeoutMs: ctx.stepTimeoutMs, signal: ctx.signal, sessions: await runTlsSessions(ctx) });
  if (!answer.ok) return noAnswer(t.facts, answer.error);
  const header = answer.value.headers['www-authenticate'];
  return { outcome: 'answered', target: t.facts, status: answer.value.status, ...(header === undefined ? {} : { wwwAuthenticate: header }) };
}

export const negotiateOffered = defineCheck<NegotiateOfferedFacts>({
  id: 'eas.negotiate-offered',
  title: 'ActiveSync offers Negotiate (Kerberos)',
  network: true,
  dependsOn: ['eas.tls'],
  gather,
  judge(facts) {
    if (facts.outcome === 'unresolved') return unresolvedOutcome(facts);
    if (facts.outcome === 'no-answer') return noAnswerOutcome(facts, 'Check the path to Exchange.');
    const { target: t, status } = facts;
    const schemes = offeredSchemes(facts.wwwAuthenticate);
    const evidence = [where(t), `anonymous OPTIONS → HTTP ${status}`, `WWW-Authenticate offers: ${schemes.join(', ') || 'nothing'}`];
    if (status === 404) {
      return {
        status: 'fail',
        evidence,
        remedy: `Nothing is published at ${t.path} on ${t.host}: check the ActiveSync path and that the ActiveSync virtual directory exists on this server.`,
      };
    }
    if (status !== 401) {
      return {
        status: 'fail',
        evidence,
        remedy:
          status < 300
            ? 'The ActiveSync directory answered without asking for authentication: anonymous access is on. Turn it off and turn Windows authentication on.'
            : `Expected 401 asking for authentication, got ${status}. Check what answers at this address (a proxy or load balancer in between?).`,
        command: WINDOWS_AUTH_FIX,
      };
    }
    if (schemes.some((s) => s.toLowerCase() === 'negotiate')) return { status: 'pass', evidence };
    const instead = schemes.length === 0 ? 'no scheme at all' : schemes.join(' and ');
    return {
      status: 'fail',
      evidence,
      remedy: `Exchange offers ${instead} but not Negotiate, so it cannot accept the Kerberos ticket the SEG gets by KCD. Enable Windows authentication with the Negotiate provider on the ActiveSync virtual directory.`,
      command: WINDOWS_AUTH_FIX,
    };
  },
});
