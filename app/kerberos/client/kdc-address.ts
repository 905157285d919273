import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { err, ok, type Result } from '../../api/result';
import type { Settings } from '../../config/settings-schema';
import type { KdcEndpoint } from './transport';

export const KDC_PORT = 88;

/** A name pinned under settings.network.hosts (names are case-insensitive, RFC 4343). */
export function pinnedAddress(settings: Settings, host: string): string | undefined {
  const want = host.toLowerCase().replace(/\.$/, '');
  for (const [name, address] of Object.entries(settings.network.hosts)) {
    if (name.toLowerCase().replace(/\.$/, '') === want) return address;
  }
  return undefined;
}

/** The DC's FQDN: the settings hold the host name without the domain (product.md "KCD"). */
export function dcFqdn(dcHost: string, realm: string): string {
  return dcHost.includes('.') ? dcHost : `${dcHost}.${realm}`.toLowerCase();
}

/**
 * The KDC for a realm: DC host + realm -> FQDN -> network.hosts pin -> IP. Without a pin the
 * system resolver is asked once; nothing is guessed.
 */
export async function kdcForRealm(settings: Settings, realm: string): Promise<Result<KdcEndpoint>> {
  const domain = settings.kcd.domains.find((d) => d.realm.toUpperCase() === realm.toUpperCase());
  if (!domain || domain.dcHost === '') {
    return err('KRB_NO_KDC', `No domain controller is set for the realm ${realm}.`, 'Add the domain under KCD with its domain controller host name.');
  }
  const host = dcFqdn(domain.dcHost, domain.realm);
  const pinned = pinnedAddress(settings, host) ?? pinnedAddress(settings, domain.dcHost);
  if (pinned !== undefined) {
    if (isIP(pinned) === 0) return err('KRB_BAD_PIN', `network.hosts pins ${host} to "${pinned}", which is not an IP address.`, 'Pin the name to an IPv4 or IPv6 address.');
    return ok({ host, address: pinned, port: KDC_PORT });
  }
  if (isIP(host) !== 0) return ok({ host, address: host, port: KDC_PORT });
  try {
    const { address } = await lookup(host);
    return ok({ host, address, port: KDC_PORT });
  } catch (e) {
    return err(
      'KRB_KDC_NOT_RESOLVED',
      `The domain controller name ${host} does not resolve: ${(e as NodeJS.ErrnoException).code ?? String(e)}.`,
      `Check the DC host name and the DNS server, or pin ${host} to its address under network.hosts.`,
    );
  }
}
