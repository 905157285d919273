import { offlineReason, type ClientExtras } from '../../uem/client-from-settings';
import type { TlsObservation } from '../../uem/https-exchange';
import { describeCertificate } from '../../uem/peer-certificate';
import { fetchSystemInfo } from '../../uem/system-info';
import { defineCheck, type DefinedCheck } from '../define';
import type { CheckContext } from '../types';
import { failed, runClient, uemErrorFacts, type UemErrorFacts } from './run-client';

export type ApiFacts =
  | { readonly answered: false; readonly error: UemErrorFacts }
  | {
      readonly answered: true;
      readonly apiUrl: string;
      readonly user: string;
      readonly productName: string | null;
      readonly productVersion: string;
      readonly apiVersion: string | null;
      readonly tls: TlsObservation;
      /** settings.uem.ignoreTlsErrors */
      readonly ignoreTlsErrors: boolean;
    };

async function gather(ctx: CheckContext, extras: ClientExtras): Promise<ApiFacts> {
  const made = await runClient(ctx, extras);
  if (!made.ok) return { answered: false, error: uemErrorFacts(made.error) };
  const info = await fetchSystemInfo(made.value, ctx.signal);
  if (!info.ok) return { answered: false, error: uemErrorFacts(info.error) };
  const { productName, productVersion, apiVersion, tls } = info.value;
  const { apiUrl, user, ignoreTlsErrors } = ctx.settings.uem;
  return { answered: true, apiUrl: apiUrl.trim(), user: user.trim(), productName, productVersion, apiVersion, tls, ignoreTlsErrors };
}

function tlsEvidence(tls: TlsObservation): string[] {
  const cert = tls.certificate ? describeCertificate(tls.certificate) : ['server certificate: none presented'];
  if (tls.problem === null) return [`TLS: the certificate verifies and names the host${tls.vouchedBy ? `, ${tls.vouchedBy}` : ''}`, ...cert];
  // Only the pinned certificate gets this far with "ignore TLS errors" (https-exchange.ts).
  return [
    `TLS: ${tls.problem} — accepted only because "ignore TLS errors" is on and the server presented the pinned certificate (SHA-256 ${tls.certificate?.fingerprintSha256 ?? '?'})`,
    ...cert,
  ];
}

/** uem.api; `extras` lets a caller trust an internal CA for the API server. */
export function apiCheck(extras: ClientExtras): DefinedCheck<ApiFacts> {
  return defineCheck<ApiFacts>({
    id: 'uem.api',
    title: 'UEM API answers with these credentials',
    dependsOn: ['input.api-url', 'input.api-user', 'input.tenant-code'],
    needsSecrets: ['uemPassword'],
    network: true,
    applies: offlineReason,
    gather: (ctx) => gather(ctx, extras),
    judge(facts) {
      if (!facts.answered) return failed(facts.error);
      const { productName, productVersion, apiVersion, tls, ignoreTlsErrors: ignoring } = facts;
      const evidence = [
        `GET ${facts.apiUrl}/api/system/info answered as user ${facts.user} with the tenant code (not shown)`,
        `product: ${productName ?? '(no name)'} ${productVersion}${apiVersion ? `, API version ${apiVersion}` : ''}`,
        ...tlsEvidence(tls),
      ];
      if (!ignoring) return { status: 'pass', evidence };
      return {
        status: 'warn',
        evidence: ['"ignore TLS errors" is on for the UEM API (this API only): a server posing as it would get the password', ...evidence],
        remedy:
          tls.problem === null
            ? 'The certificate verifies: switch uem.ignoreTlsErrors off.'
            : 'Give the API server a certificate from a CA this machine trusts, naming the host in the URL, then switch "ignore TLS errors" off.',
      };
    },
  });
}
