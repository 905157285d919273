import { ipVersion } from './ip-literal';

/**
 * The TLS server name for a connection made to a pinned or resolved address: the host name
 * the user gave, so that SNI and the certificate check use it rather than the address. An
 * address gets none: RFC 6066 section 3 allows only names in SNI, and the certificate is then
 * checked against the address itself.
 */
export function serverNameOption(host: string): { servername?: string } {
  return ipVersion(host) === 0 ? { servername: host } : {};
}
