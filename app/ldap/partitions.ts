import type { Result } from '../contract/result';
import type { LdapConnection } from './connect';
import { guarded } from './directory';
import { text, texts } from './entry';

/** One domain of a forest: its crossRef below CN=Partitions (MS-ADTS 6.1.1.2.1.1.5). */
export interface ForestDomain {
  /** The crossRef's own DN, for evidence. */
  readonly crossRef: string;
  readonly dnsRoot: string;
  readonly nCName: string;
  readonly netbiosName: string;
}

/** What CN=Partitions of a forest's configuration says about names: the forest's alternative UPN suffixes and its domains. */
export interface ForestPartitions {
  readonly dn: string;
  /** uPNSuffixes on the Partitions container: the forest-wide alternative UPN suffixes (lower case). */
  readonly upnSuffixes: readonly string[];
  readonly domains: readonly ForestDomain[];
}

/**
 * Reads CN=Partitions,<configuration NC>: the container's uPNSuffixes and every domain
 * crossRef (only domain crossRefs carry nETBIOSName; application partitions and the
 * configuration and schema crossRefs do not).
 */
export function readPartitions(conn: LdapConnection, configurationNc: string): Promise<Result<ForestPartitions>> {
  const dn = `CN=Partitions,${configurationNc}`;
  return guarded(conn, `Reading ${dn}`, async () => {
    const { searchEntries } = await conn.client.search(dn, {
      scope: 'sub',
      filter: '(|(objectClass=crossRefContainer)(&(objectClass=crossRef)(nETBIOSName=*)))',
      attributes: ['objectClass', 'uPNSuffixes', 'dnsRoot', 'nCName', 'nETBIOSName'],
    });
    const container = searchEntries.find((e) => e.dn.toLowerCase() === dn.toLowerCase());
    const domains = searchEntries
      .filter((e) => e !== container)
      .map((e) => ({
        crossRef: e.dn,
        dnsRoot: (text(e, 'dnsRoot') ?? '').toLowerCase(),
        nCName: text(e, 'nCName') ?? '',
        netbiosName: text(e, 'nETBIOSName') ?? '',
      }));
    return { dn, upnSuffixes: container === undefined ? [] : texts(container, 'uPNSuffixes').map((s) => s.toLowerCase()), domains };
  });
}
