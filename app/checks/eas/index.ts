import { easRequest } from '../../eas/eas-request';
import { offeredSchemes } from '../../net/www-authenticate';
import { easUrl, type EasTarget } from '../../eas/eas-target';
import { easTarget } from '../run/eas-target';
import { inspectTls } from '../../eas/tls-inspect';
import { runTlsSessions } from '../run/tls-sessions';
import { psLiteral } from '../../scripts/quote';
import type { CheckContext, CheckDefinition, CheckOutcome } from '../types';

const WINDOWS_AUTH_FIX = [
  '# On each Exchange server (Exchange Management Shell):',
  'Set-ActiveSyncVirtualDirectory -Identity "$env:COMPUTERNAME\\Microsoft-Server-ActiveSync (Default Web Site)" -WindowsAuthEnabled $true',
  '# IIS: Negotiate first among the Windows authentication providers of the ActiveSync directory',
  '%windir%\\system32\\inetsrv\\appcmd.exe set config "Default Web Site/Microsoft-Server-ActiveSync" -section:system.webServer/security/authentication/windowsAuthentication /enabled:"True" /commit:apphost',
  '%windir%\\system32\\inetsrv\\appcmd.exe set config "Default Web Site/Microsoft-Server-ActiveSync" -section:system.webServer/security/authentication/windowsAuthentication /+"providers.[value=\'Negotiate\']" /commit:apphost',
].join('\n');

async function target(ctx: CheckContext): Promise<EasTarget | CheckOutcome> {
  const t = await easTarget(ctx);
  if (!t.ok) return { status: 'fail', evidence: [t.error.message], remedy: t.error.remedy ?? 'Check the email server host name and network.hosts.' };
  return t.value;
}

const isOutcome = (v: EasTarget | CheckOutcome): v is CheckOutcome => 'status' in v;
const where = (t: EasTarget) => `${easUrl(t)} → ${t.address} (from ${t.addressSource})`;

const easTls: CheckDefinition = {
  id: 'eas.tls',
  title: 'Email server TLS certificate',
  network: true,
  applies: (s) => (s.email.tls ? null : 'TLS is off in the Email server step: the SEG talks to Exchange over plain HTTP'),
  run: async (ctx) => {
    const t = await target(ctx);
    if (isOutcome(t)) return t;
    const seen = await inspectTls(t, ctx.stepTimeoutMs, ctx.signal, await runTlsSessions(ctx));
    if (!seen.ok) return { status: 'fail', evidence: [where(t), seen.error.message], remedy: seen.error.remedy ?? 'Check that the port serves HTTPS.' };
    const tls = seen.value;
    const leaf = tls.chain[0];
    const evidence = [
      where(t),
      `protocol: ${tls.protocol ?? 'unknown'}`,
      ...tls.chain.map((c, i) => `${i === 0 ? 'certificate' : `issuer ${i}`}: ${c.subject} (issued by ${c.issuer}; valid ${c.validFrom.slice(0, 10)} to ${c.validTo.slice(0, 10)})`),
      `names on the certificate: ${leaf?.dnsNames.join(', ') || 'none (no subjectAltName)'}`,
    ];
    if (tls.trustError !== null) {
      const expired = tls.trustError === 'CERT_HAS_EXPIRED';
      return {
        status: 'fail',
        evidence: [...evidence, `not trusted: ${tls.trustError}`],
        remedy: expired
          ? `The certificate of ${t.host} has expired: renew it on Exchange and bind the new one to the site in IIS.`
          : `The certificate of ${t.host} does not chain to a trusted root (${tls.trustError}). Add its root CA in the Certificates step and to the SEG's Trusted Root Certification Authorities store, or let Exchange present the full chain.`,
        command: 'certutil -addstore -f Root root.cer',
      };
    }
    if (tls.nameError !== null) {
      return {
        status: 'fail',
        evidence: [...evidence, `name mismatch: ${tls.nameError}`],
        remedy: `The SEG connects to "${t.host}", but the certificate does not name it. Either use a name the certificate carries in the Email server step, or issue Exchange a certificate whose subjectAltName includes ${t.host}.`,
      };
    }
    if (tls.expiresInDays < 30) {
      return { status: 'warn', evidence: [...evidence, `expires in ${tls.expiresInDays} days`], remedy: `Renew the certificate of ${t.host} before it expires; the SEG stops reaching Exchange the moment it does.` };
    }
    return { status: 'pass', evidence: [...evidence, `${tls.vouchedBy ?? 'trusted'}, names ${t.host}, expires in ${tls.expiresInDays} days`] };
  },
};

const negotiateOffered: CheckDefinition = {
  id: 'eas.negotiate-offered',
  title: 'ActiveSync offers Negotiate (Kerberos)',
  network: true,
  dependsOn: ['eas.tls'],
  run: async (ctx) => {
    const t = await target(ctx);
    if (isOutcome(t)) return t;
    const answer = await easRequest(t, { method: 'OPTIONS', timeoutMs: ctx.stepTimeoutMs, signal: ctx.signal, sessions: await runTlsSessions(ctx) });
    if (!answer.ok) return { status: 'fail', evidence: [where(t), answer.error.message], remedy: answer.error.remedy ?? 'Check the path to Exchange.' };
    const { status, headers } = answer.value;
    const schemes = offeredSchemes(headers['www-authenticate']);
    const evidence = [where(t), `anonymous OPTIONS → HTTP ${status}`, `WWW-Authenticate offers: ${schemes.join(', ') || 'nothing'}`];
    if (status === 404) {
      return { status: 'fail', evidence, remedy: `Nothing is published at ${t.path} on ${t.host}: check the ActiveSync path and that the ActiveSync virtual directory exists on this server.` };
    }
    if (status !== 401) {
      return {
        status: 'fail',
        evidence,
        remedy: status < 300 ? 'The ActiveSync directory answered without asking for authentication: anonymous access is on. Turn it off and turn Windows authentication on.' : `Expected 401 asking for authentication, got ${status}. Check what answers at this address (a proxy or load balancer in between?).`,
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
};

const basicVerify: CheckDefinition = {
  id: 'eas.basic',
  title: 'Basic authentication with the test mailbox (console "Verify")',
  network: true,
  dependsOn: ['eas.tls'],
  needsSecrets: ['testMailboxPassword'],
  applies: (s) => (s.email.testMailbox.trim() === '' ? 'No test mailbox is given in the Email server step; this optional check mirrors the console\'s "Verify" button' : null),
  run: async (ctx) => {
    const t = await target(ctx);
    if (isOutcome(t)) return t;
    if (!t.tls) {
      return { status: 'skip', reason: 'The email server is reached over plain HTTP: the test mailbox password is not sent in clear' };
    }
    const user = ctx.settings.email.testMailbox.trim();
    const password = ctx.secrets.testMailboxPassword?.reveal() ?? '';
    const authorization = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
    const answer = await easRequest(t, { method: 'OPTIONS', authorization, timeoutMs: ctx.stepTimeoutMs, signal: ctx.signal, sessions: await runTlsSessions(ctx) });
    if (!answer.ok) return { status: 'fail', evidence: [where(t), answer.error.message], remedy: answer.error.remedy ?? 'Check the path to Exchange.' };
    const { status, headers } = answer.value;
    const evidence = [where(t), `OPTIONS as ${user} with Basic → HTTP ${status}`];
    const versions = headers['ms-asprotocolversions'];
    if (status >= 200 && status < 300) return { status: 'pass', evidence: [...evidence, ...(versions ? [`MS-ASProtocolVersions: ${String(versions)}`] : [])] };
    if (status === 401) {
      const schemes = offeredSchemes(headers['www-authenticate']);
      const basicOffered = schemes.some((s) => s.toLowerCase() === 'basic');
      return {
        status: 'fail',
        evidence: [...evidence, `offers: ${schemes.join(', ') || 'nothing'}`],
        remedy: basicOffered
          ? `Exchange refused ${user}: check the user name (UPN such as user@domain, or DOMAIN\\user) and password. It was tried once and not again, since failed attempts count toward the account's lockout.`
          : 'Basic authentication is off on the ActiveSync directory. That is fine for KCD (which uses Negotiate); this check only mirrors the console\'s "Verify". Leave the test mailbox empty to skip it.',
      };
    }
    return { status: 'fail', evidence, remedy: `Expected 200 for a valid mailbox, got ${status}. Check that the mailbox is enabled for ActiveSync (Set-CASMailbox -ActiveSyncEnabled $true).`, command: `Set-CASMailbox -Identity ${psLiteral(user)} -ActiveSyncEnabled $true` };
  },
};

/** The eas.* checks of the SEG console's email step; eas.kcd-end-to-end lives with the Kerberos checks. */
export const EAS_CHECKS: readonly CheckDefinition[] = [easTls, negotiateOffered, basicVerify];
