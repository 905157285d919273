/**
 * Everything the lab is named after. Names and addresses are parameters so that no product
 * code can know the lab: the default is the guide's example domain, and one suite runs
 * with other names.
 */
export interface LabOptions {
  /** Kerberos realm, upper case. Default SE.AIRWLAB.COM. */
  readonly realm?: string;
  /** NetBIOS domain name. Default: the realm's first label (SE). */
  readonly netbiosDomain?: string;
  /** Domain controller host name without the domain. Default sedc01. */
  readonly dcHost?: string;
  /** Exchange (ActiveSync) host name without the domain. Default semail01. */
  readonly exchangeHost?: string;
  /** KCD service account (sAMAccountName). Default aw_KCDsvc. */
  readonly serviceAccount?: string;
  /** CAS array host name without the domain; its SPN lives on the alternate service account. Default mail. */
  readonly casHost?: string;
  /** Loopback address of the DC (KDC, LDAP). Default 127.0.0.11. */
  readonly dcAddress?: string;
  /** Loopback address of Apache (EAS, CDP/AIA). Default 127.0.0.12. */
  readonly webAddress?: string;
  /** Working folder; must be traversable by www-data. Default /var/tmp/seg-kcd-lab-<realm>. */
  readonly dir?: string;
}

export interface LabNames {
  readonly realm: string;
  /** DNS domain, lower case. */
  readonly domain: string;
  readonly netbios: string;
  readonly baseDn: string;
  readonly dcHost: string;
  readonly dcFqdn: string;
  readonly exchangeHost: string;
  readonly exchangeFqdn: string;
  readonly casHost: string;
  readonly casFqdn: string;
  /** Host name of the CDP/AIA web server (AD CS publishes to IIS on some host). */
  readonly pkiFqdn: string;
  /** Host name of the UEM API fixture (served on the web address, port 8443). */
  readonly uemFqdn: string;
  readonly serviceAccount: string;
  /** sAMAccountName of the alternate service account of the CAS array. */
  readonly asaAccount: string;
  readonly dcAddress: string;
  readonly webAddress: string;
  readonly dir: string;
}

const LOOPBACK = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

function must(ok: boolean, what: string): void {
  if (!ok) throw new Error(`lab options: ${what}`);
}

export function resolveNames(options: LabOptions = {}): LabNames {
  const realm = options.realm ?? 'SE.AIRWLAB.COM';
  must(
    realm === realm.toUpperCase() && realm.split('.').length >= 2 && realm.split('.').every((l) => LABEL.test(l)),
    `realm ${realm} must be an upper-case DNS name`,
  );
  const domain = realm.toLowerCase();
  const netbios = options.netbiosDomain ?? realm.split('.')[0] ?? 'LAB';
  must(/^[A-Z0-9-]{1,15}$/.test(netbios), `NetBIOS name ${netbios} must be 1-15 upper-case letters or digits`);
  const dcHost = options.dcHost ?? 'sedc01';
  const exchangeHost = options.exchangeHost ?? 'semail01';
  const casHost = options.casHost ?? 'mail';
  for (const [what, host] of [
    ['dcHost', dcHost],
    ['exchangeHost', exchangeHost],
    ['casHost', casHost],
  ] as const) {
    must(LABEL.test(host) && host.length <= 15, `${what} ${host} must be a host name without the domain, at most 15 characters`);
  }
  const serviceAccount = options.serviceAccount ?? 'aw_KCDsvc';
  must(/^[A-Za-z0-9_.-]{1,20}$/.test(serviceAccount), `serviceAccount ${serviceAccount} is not a sAMAccountName`);
  const dcAddress = options.dcAddress ?? '127.0.0.11';
  const webAddress = options.webAddress ?? '127.0.0.12';
  for (const address of [dcAddress, webAddress]) {
    const m = LOOPBACK.exec(address);
    must(m !== null && m.slice(1).every((n) => Number(n) <= 255) && address !== '127.0.0.1', `${address} must be a 127.x.y.z address other than 127.0.0.1`);
  }
  must(dcAddress !== webAddress, 'the DC and the web server need different addresses');
  return {
    realm,
    domain,
    netbios,
    baseDn: domain
      .split('.')
      .map((l) => `DC=${l}`)
      .join(','),
    dcHost,
    dcFqdn: `${dcHost}.${domain}`,
    exchangeHost,
    exchangeFqdn: `${exchangeHost}.${domain}`,
    casHost,
    casFqdn: `${casHost}.${domain}`,
    pkiFqdn: `pki.${domain}`,
    uemFqdn: `uem.${domain}`,
    serviceAccount,
    asaAccount: 'EXCHASA$',
    dcAddress,
    webAddress,
    dir: options.dir ?? `/var/tmp/seg-kcd-lab-${domain}`,
  };
}
