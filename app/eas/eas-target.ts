import type { SecureContext } from 'node:tls';
import { err, ok, type Result } from '../api/result';
import type { CheckContext } from '../checks/types';
import { resolveHost, type AddressSource } from '../net/resolve';
import { pkiInputs } from '../pki/settings-certificates';
import { trustContext } from '../net/trust';

/** The ActiveSync endpoint as the SEG reaches it: the name it uses, and the address that name leads to. */
export interface EasTarget {
  readonly host: string;
  readonly address: string;
  readonly addressSource: AddressSource;
  readonly port: number;
  readonly tls: boolean;
  readonly path: string;
  /** Trusts the system's roots and the root CAs of the Certificates step. */
  readonly trust: SecureContext;
}

export function easUrl(target: Pick<EasTarget, 'host' | 'port' | 'tls' | 'path'>): string {
  const defaultPort = target.tls ? 443 : 80;
  return `${target.tls ? 'https' : 'http'}://${target.host}${target.port === defaultPort ? '' : `:${target.port}`}${target.path}`;
}

/** Resolved once a run and shared by the eas.* checks. */
export function easTarget(ctx: CheckContext): Promise<Result<EasTarget>> {
  return ctx.memo('eas.target', async () => {
    const { email, network } = ctx.settings;
    const resolved = await resolveHost(email.host, network, { timeoutMs: ctx.stepTimeoutMs, signal: ctx.signal });
    if (!resolved.ok) return err(resolved.error.code, `The email server ${email.host} cannot be resolved: ${resolved.error.message}`, resolved.error.remedy);
    const inputs = await pkiInputs(ctx);
    return ok({
      host: email.host,
      address: resolved.value.address,
      addressSource: resolved.value.source,
      port: email.port,
      tls: email.tls,
      path: email.path,
      trust: trustContext(inputs.roots.map((c) => c.summary.pem)),
    });
  });
}
