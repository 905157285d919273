import { easRequest } from '../../eas/eas-request';
import { offeredSchemes } from '../../net/www-authenticate';
import { psLiteral } from '../../scripts/quote';
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

export type EasBasicFacts =
  | UnresolvedTarget
  | { readonly outcome: 'plain-http' }
  | NoAnswer
  /** The answer to OPTIONS as the test mailbox with Basic (the password stays behind). */
  | {
      readonly outcome: 'answered';
      readonly target: EasTargetFacts;
      readonly user: string;
      readonly status: number;
      readonly wwwAuthenticate?: string | string[];
      readonly protocolVersions?: string;
    };

async function gather(ctx: CheckContext): Promise<EasBasicFacts> {
  const t = await gatherTarget(ctx);
  if (isUnresolved(t)) return t;
  if (!t.target.tls) return { outcome: 'plain-http' };
  const user = ctx.settings.email.testMailbox.trim();
  const password = ctx.secrets.testMailboxPassword?.reveal() ?? '';
  const authorization = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
  const answer = await easRequest(t.target, {
    method: 'OPTIONS',
    authorization,
    timeoutMs: ctx.stepTimeoutMs,
    signal: ctx.signal,
    sessions: await runTlsSessions(ctx),
  });
  if (!answer.ok) return noAnswer(t.facts, answer.error);
  const { status, headers } = answer.value;
  const header = headers['www-authenticate'];
  const versions = headers['ms-asprotocolversions'];
  return {
    outcome: 'answered',
    target: t.facts,
    user,
    status,
    ...(header === undefined ? {} : { wwwAuthenticate: header }),
    ...(versions ? { protocolVersions: String(versions) } : {}),
  };
}

export const easBasic = defineCheck<EasBasicFacts>({
  id: 'eas.basic',
  title: 'Basic authentication with the test mailbox (console "Verify")',
  network: true,
  dependsOn: ['eas.tls'],
  needsSecrets: ['testMailboxPassword'],
  notApplicable: (s) =>
    s.email.testMailbox.trim() === '' ? 'No test mailbox is given (email.testMailbox); this optional check mirrors the console\'s "Verify" button' : null,
  gather,
  judge(facts) {
    if (facts.outcome === 'unresolved') return unresolvedOutcome(facts);
    if (facts.outcome === 'plain-http')
      return { status: 'skip', reason: 'The email server is reached over plain HTTP: the test mailbox password is not sent in clear' };
    if (facts.outcome === 'no-answer') return noAnswerOutcome(facts, 'Check the path to Exchange.');
    const { user, status } = facts;
    const evidence = [where(facts.target), `OPTIONS as ${user} with Basic → HTTP ${status}`];
    if (status >= 200 && status < 300)
      return { status: 'pass', evidence: [...evidence, ...(facts.protocolVersions ? [`MS-ASProtocolVersions: ${facts.protocolVersions}`] : [])] };
    if (status === 401) {
      const schemes = offeredSchemes(facts.wwwAuthenticate);
      const basicOffered = schemes.some((s) => s.toLowerCase() === 'basic');
      return {
        status: 'fail',
        evidence: [...evidence, `offers: ${schemes.join(', ') || 'nothing'}`],
        remedy: basicOffered
          ? `Exchange refused ${user}: check the user name (UPN such as user@domain, or DOMAIN\\user) and password. It was tried once and not again, since failed attempts count toward the account's lockout.`
          : 'Basic authentication is off on the ActiveSync directory. That is fine for KCD (which uses Negotiate); this check only mirrors the console\'s "Verify". Leave the test mailbox empty to skip it.',
      };
    }
    return {
      status: 'fail',
      evidence,
      remedy: `Expected 200 for a valid mailbox, got ${status}. Check that the mailbox is enabled for ActiveSync (Set-CASMailbox -ActiveSyncEnabled $true).`,
      command: `Set-CASMailbox -Identity ${psLiteral(user)} -ActiveSyncEnabled $true`,
    };
  },
});
