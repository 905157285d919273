import { ipVersion } from '../net/ip-literal';
import { hostNameProblem, realmProblem } from '../config/field-rules';
import { err, ok, type Result } from '../contract/result';
import type { Settings } from '../contract/settings';
import { dcFqdn } from '../kerberos/client/kdc-address';
import { pinnedAddress } from '../net/resolve';

/**
 * What the SEG's krb5.ini must say for the realms of the KCD step (`kcd.domains[]`), worked out
 * once for the generated file (krb5-script.ts) and for `seg.krb5-ini`, which compares the SEG's
 * file with it and shows the lines it lacks.
 */
export interface Krb5RealmEntry {
  readonly realm: string;
  /** The realm's DNS domain: the realm in lower case (an AD realm is its DNS domain in capitals). */
  readonly domain: string;
  /** The DC's full name: the settings' host name, with the realm's domain when it has none. */
  readonly dcFqdn: string;
  /**
   * What `kdc =` names: the address network.hosts pins the DC to, since MIT resolves the name
   * with the system resolver, which knows nothing of the pin; else the DC's full name.
   */
  readonly kdc: string;
}

/** A [capaths] entry: the realms between client and server, in order. */
export interface Krb5Capath {
  readonly client: string;
  readonly server: string;
  readonly via: readonly string[];
}

export interface Krb5Realms {
  /** The service account's realm: the first row of the KCD step. */
  readonly defaultRealm: string;
  readonly realms: readonly Krb5RealmEntry[];
  readonly capaths: readonly Krb5Capath[];
}

const refused = (message: string): Result<never> => err('script.value-unquotable', message, 'Correct the domain in the KCD step of the settings.');

/** An IPv6 address takes brackets in a kdc value, so that a port can follow it. */
const kdcValue = (host: string) => (ipVersion(host) === 6 ? `[${host}]` : host);

/**
 * The realms of the KCD step in the order of the settings, each once. Realm and host must be
 * DNS names (an address for the pin): nothing else reaches a krb5.ini line.
 */
export function krb5Realms(settings: Settings): Result<Krb5Realms> {
  const realms: Krb5RealmEntry[] = [];
  for (const row of settings.kcd.domains) {
    const realm = row.realm.trim();
    const realmWrong = realmProblem(realm);
    if (realmWrong) return refused(`${realmWrong}.`);
    if (realms.some((r) => r.realm === realm)) continue;
    const fqdn = dcFqdn(row.dcHost, realm);
    const hostWrong =
      hostNameProblem(fqdn, `The domain controller of ${realm}`) ??
      (ipVersion(fqdn) !== 0 ? `The domain controller of ${realm} is an address, not a name` : null);
    if (hostWrong) return refused(`${hostWrong}.`);
    const pinned = pinnedAddress(settings.network.hosts, fqdn);
    if (pinned !== undefined && ipVersion(pinned) === 0) return refused(`network.hosts pins ${fqdn} to "${pinned}", which is not an IP address.`);
    realms.push({ realm, domain: realm.toLowerCase(), dcFqdn: fqdn, kdc: kdcValue(pinned ?? fqdn) });
  }
  const first = realms[0];
  if (!first) return refused('The KCD step names no domain.');
  const names = realms.map((r) => r.realm);
  const capaths = names.flatMap((client) => names.flatMap((server) => (client === server ? [] : capathFor(client, server, names))));
  return ok({ defaultRealm: first.realm, realms, capaths });
}

/**
 * The [capaths] entry a pair needs, if any: one for every pair whose trust path has realms in
 * between (child to child through their root, one tree to a child of another through the
 * roots). Without an entry MIT's client asks its KDC for the server realm's ticket directly
 * (k5_client_realm_path, MIT 1.13 and later) and depends on the KDC's referrals; with one it
 * walks the realms listed, in order (krb5.conf(5), "[capaths]"). A direct trust needs none:
 * measured in the MIT two-realm lab, S4U included.
 */
export function capathFor(client: string, server: string, known: readonly string[]): Krb5Capath[] {
  const path = trustPath(client, server, known);
  return path.length === 2 ? [] : [{ client, server, via: path.slice(1, -1) }];
}

const isUnder = (realm: string, parent: string) => realm === parent || realm.endsWith(`.${parent}`);

/** A realm and those of `known` above it in DNS, nearest first. */
function knownChain(realm: string, known: readonly string[]): string[] {
  const above = known.filter((k) => k !== realm && isUnder(realm, k)).sort((a, b) => b.length - a.length);
  return [realm, ...above];
}

/**
 * The trust path between two realms as far as the settings know the forest: up the client's
 * domain tree to the nearest realm both lie under (AD's parent-child trusts), or, when the
 * settings name no such realm, from the client's tree root straight to the server's (a
 * tree-root or forest trust, the only path whose every KDC the file can name, since it turns
 * DNS lookups of KDCs off), then down to the server.
 */
export function trustPath(client: string, server: string, known: readonly string[]): string[] {
  const up = knownChain(client, known);
  const down = knownChain(server, known);
  const meet = up.find((realm) => isUnder(server, realm));
  if (meet === undefined) return [...up, ...down.reverse()];
  return [...up.slice(0, up.indexOf(meet) + 1), ...down.slice(0, down.indexOf(meet)).reverse()];
}

/** The lines of [libdefaults] (default_realm only), [realms], [domain_realm] and [capaths] for the given entries; a section with no entries is left out. */
export function krb5SectionLines(part: {
  defaultRealm?: string | undefined;
  realms: readonly Krb5RealmEntry[];
  domains: readonly { domain: string; realm: string }[];
  capaths: readonly Krb5Capath[];
}): string[] {
  const clients = [...new Set(part.capaths.map((c) => c.client))];
  const sections: [string, string[]][] = [
    ['[libdefaults]', part.defaultRealm ? [`    default_realm = ${part.defaultRealm}`] : []],
    [
      '[realms]',
      part.realms.flatMap((r) => [
        `    ${r.realm} = {`,
        ...(r.kdc === r.dcFqdn ? [] : [`        # ${r.dcFqdn}, at the address network.hosts pins it to`]),
        `        kdc = ${r.kdc}`,
        `        admin_server = ${r.kdc}`,
        '    }',
      ]),
    ],
    ['[domain_realm]', part.domains.flatMap((r) => [`    .${r.domain} = ${r.realm}`, `    ${r.domain} = ${r.realm}`])],
    [
      '[capaths]',
      clients.flatMap((client) => [
        `    ${client} = {`,
        ...part.capaths.filter((c) => c.client === client).flatMap((c) => c.via.map((realm) => `        ${c.server} = ${realm}`)),
        '    }',
      ]),
    ],
  ];
  return sections.filter(([, body]) => body.length > 0).flatMap(([head, body], i) => [...(i > 0 ? [''] : []), head, ...body]);
}
