import type { Result } from '../../contract/result';
import type { CheckContext } from '../types';
import type { KdcEndpoint } from '../../kerberos/client/transport';
import { probeKdc, type KdcProbe } from '../../kerberos/client/kdc-probe';

/**
 * The AS-REQ without pre-authentication for the service account, over TCP, sent once per run
 * to each KDC: time.dc-skew reads the KDC's clock from the answer and krb.as the salt it needs
 * to pre-authenticate, so the KDC is asked that question once rather than once per check.
 */
export function serviceAccountProbe(ctx: CheckContext, kdc: KdcEndpoint, realm: string): Promise<Result<KdcProbe>> {
  const client = ctx.settings.kcd.serviceAccount.trim() || 'seg-setup-probe';
  return ctx.memo(`kdc.as-probe ${kdc.address}:${kdc.port} ${client}@${realm}`, () =>
    probeKdc({ host: kdc.host, address: kdc.address, port: kdc.port, client, realm }, 'tcp', ctx.stepTimeoutMs, ctx.signal),
  );
}
