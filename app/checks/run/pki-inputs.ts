import { loadPkiInputs, type PkiInputs } from '../../pki/settings-certificates';
import type { CheckContext } from '../types';

/** The run's parsed certificates, read once and shared by every PKI check and the Kerberos checks. */
export function pkiInputs(ctx: CheckContext): Promise<PkiInputs> {
  return ctx.memo('pki.inputs', () => loadPkiInputs(ctx.settings.certificates, ctx.baseDir));
}
