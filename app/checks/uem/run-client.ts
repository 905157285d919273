import { uemClientFor, type ClientExtras } from '../../uem/client-from-settings';
import type { UemError } from '../../uem/uem-error';
import { runTlsSessions } from '../run/tls-sessions';
import { pkiInputs } from '../run/pki-inputs';
import type { CheckContext, CheckOutcome } from '../types';

/**
 * One client per run: the checks share it (and, with OAuth, its token, and the run's TLS
 * sessions). An on-premises API server often has a certificate from the company CA, so the
 * Certificates step's roots are trusted beside the system's.
 */
export function runClient(ctx: CheckContext, extras: ClientExtras): ReturnType<typeof uemClientFor> {
  return ctx.memo('uem.client', async () => {
    const roots = (await pkiInputs(ctx)).roots.map((c) => c.summary.pem);
    const sessions = await runTlsSessions(ctx);
    return uemClientFor(ctx.settings, ctx.secrets, ctx.baseDir, { ...extras, trustedCa: [...(extras.trustedCa ?? []), ...roots], sessions });
  });
}

/** A UEM API failure as facts: what the client said, with its evidence (never the password or tenant code). */
export interface UemErrorFacts {
  readonly code: string;
  readonly message: string;
  readonly evidence: readonly string[];
  readonly remedy: string | null;
}

export function uemErrorFacts(error: UemError): UemErrorFacts {
  return { code: error.code, message: error.message, evidence: error.evidence, remedy: error.remedy ?? null };
}

export function failed(error: UemErrorFacts): CheckOutcome {
  return { status: 'fail', evidence: [error.message, ...error.evidence], remedy: error.remedy ?? 'See the evidence.' };
}
