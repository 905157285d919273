import { dnsDomainOf } from '../../ldap/dn';
import { psLiteral } from '../../scripts/quote';

/**
 * ` -Server '<domain>'` for an AD cmdlet about the object at `dn`, or '' when the object lives
 * in the service account's domain (`homeDomain`): the remedies are run there, and a cmdlet
 * reaches another domain of the forest or of a trusted forest only through -Server.
 */
export function serverArg(dn: string, homeDomain: string): string {
  const domain = dnsDomainOf(dn);
  return domain === '' || domain === homeDomain.toLowerCase() ? '' : ` -Server ${psLiteral(domain)}`;
}
