import type { CheckContext, CheckDefinition, CheckOutcome } from '../types';
import { fetchIssuerCertificates } from '../../pki/aia-fetch';
import { buildChain, type ChainResult } from '../../pki/chain';
import { DEFAULT_MAX_CRL_BYTES } from '../../pki/crl-source';
import type { HttpGetOptions } from '../../pki/http-get';
import { collectCrls, type CertificateCrls } from '../../pki/revocation';
import { pkiInputs } from '../run/pki-inputs';
import { defineCheck, type DefinedCheck } from '../define';
import { checkedAt } from './cert-facts';
import { crlCertFacts, type CrlCertFacts, type CrlChainFacts } from './crl-facts';

/** HTTP options for CDP and AIA downloads: the settings' pins and DNS server, the step time limit, the one trust for https: URLs. */
export function pkiHttp(ctx: CheckContext, roots: readonly string[]): Omit<HttpGetOptions, 'maxBytes'> {
  return {
    trustedCa: roots,
    hosts: ctx.settings.network.hosts,
    dnsServer: ctx.settings.network.dnsServer,
    timeoutMs: ctx.stepTimeoutMs,
    // A large CRL streams for longer than one step; the idle limit above still catches a stall.
    totalMs: Math.max(ctx.stepTimeoutMs * 10, 60_000),
    signal: ctx.signal,
  };
}

/** The device certificate's chain, built once per run; null without a device certificate. */
export function chainOf(ctx: CheckContext): Promise<ChainResult | null> {
  return ctx.memo('pki.chain', async () => {
    const inputs = await pkiInputs(ctx);
    if (inputs.device === null) return null;
    const http = pkiHttp(
      ctx,
      inputs.roots.map((c) => c.summary.pem),
    );
    return buildChain(inputs.device, inputs, (url) => fetchIssuerCertificates(url, http));
  });
}

/** Every CRL of the chain, downloaded once per run. */
export function crlsOf(ctx: CheckContext): Promise<CertificateCrls[] | null> {
  return ctx.memo('pki.crls', async () => {
    const chain = await chainOf(ctx);
    if (chain === null) return null;
    const roots = (await pkiInputs(ctx)).roots.map((c) => c.summary.pem);
    return collectCrls(chain, pkiHttp(ctx, roots), DEFAULT_MAX_CRL_BYTES);
  });
}

/**
 * One of the CRL checks (reachable, valid, not revoked): each gathers the same downloads and is
 * skipped the same way without a device certificate; the time limit allows for large CRLs.
 */
export function crlCheck(
  head: Pick<CheckDefinition, 'id' | 'title'>,
  judge: (facts: CrlChainFacts & { readonly certificates: readonly CrlCertFacts[] }) => CheckOutcome,
): DefinedCheck<CrlChainFacts> {
  return defineCheck<CrlChainFacts>({
    ...head,
    dependsOn: ['input.certificates'],
    network: true,
    timeoutMs: 180_000,
    async gather(ctx) {
      const perCert = await crlsOf(ctx);
      return { now: checkedAt(), certificates: perCert === null ? null : perCert.map(crlCertFacts) };
    },
    judge(facts) {
      const { certificates } = facts;
      if (certificates === null) return { status: 'skip', reason: 'no readable device certificate (see pki.device-cert)' };
      return judge({ ...facts, certificates });
    },
  });
}
