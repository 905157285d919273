import { err, ok, type Result } from '../../contract/result';
import type { Settings } from '../../contract/settings';
import { resolveHost, type AddressSource } from '../../net/resolve';
import type { KdcEndpoint } from './transport';

export const KDC_PORT = 88;

/** The DC's FQDN: the settings hold the host name without the domain (product.md "KCD"). */
export function dcFqdn(dcHost: string, realm: string): string {
  const host = dcHost.trim().toLowerCase();
  return host.includes('.') ? host : `${host}.${realm.trim().toLowerCase()}`;
}

/**
 * The KDC for a realm: DC host + realm -> FQDN -> network.hosts pin (or the DNS server the
 * settings name) -> IP. Nothing is guessed and no SRV lookup is made.
 */
export async function kdcForRealm(
  settings: Settings,
  realm: string,
  opts: { timeoutMs: number; signal?: AbortSignal },
): Promise<Result<KdcEndpoint & { source: AddressSource }>> {
  const domain = settings.kcd.domains.find((d) => d.realm.trim().toUpperCase() === realm.trim().toUpperCase());
  if (!domain || domain.dcHost.trim() === '') {
    return err('KRB_NO_KDC', `No domain controller is set for the realm ${realm}.`, 'Add the domain under KCD with its domain controller host name.');
  }
  const host = dcFqdn(domain.dcHost, domain.realm);
  const resolved = await resolveHost(host, settings.network, opts);
  if (!resolved.ok) return resolved;
  return ok({ host, address: resolved.value.address, port: KDC_PORT, source: resolved.value.source });
}
