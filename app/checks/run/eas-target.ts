import { err, ok, type Result } from '../../contract/result';
import type { EasTarget } from '../../eas/eas-target';
import { resolveHost } from '../../net/resolve';
import { trustFor } from '../../net/trust';
import type { CheckContext } from '../types';
import { pkiInputs } from './pki-inputs';

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
      trust: trustFor(inputs.roots.map((c) => c.summary.pem)),
    });
  });
}
