import type { Result } from '../contract/result';
import type { GeneratedScript } from '../contract/scripts';
import type { Settings } from '../contract/settings';
import { krb5Realms, krb5SectionLines, type Krb5Realms } from './krb5-realms';
import { Quoter } from './quote';
import { lines } from './script';

export const KRB5_INI_PATH = 'C:\\ProgramData\\MIT\\Kerberos5\\krb5.ini';

/** The email host's domain, mapped to the service account's realm when it lies under no realm's domain. */
function emailDomain(settings: Settings, plan: Krb5Realms): { domain: string; realm: string }[] {
  const host = settings.email.host.trim().toLowerCase();
  const domain = host.includes('.') ? host.slice(host.indexOf('.') + 1) : '';
  if (!/^[a-z0-9.-]+$/.test(domain) || plan.realms.some((r) => domain === r.domain || domain.endsWith(`.${r.domain}`))) return [];
  return [{ domain, realm: plan.defaultRealm }];
}

/** Why [capaths] is there or not (krb5-realms.ts, capathFor). */
function capathsComment(plan: Krb5Realms): string[] {
  if (plan.capaths.length === 0) {
    return [
      '# No [capaths]: these realms trust each other directly, as far as the settings tell, and',
      '# MIT\'s client then asks for the other realm\'s ticket directly (krb5.conf(5), "[capaths]":',
      '# entries are for paths with realms in between).',
    ];
  }
  return [
    '# [capaths]: where the trust path has realms in between (a child domain to another through',
    "# their root, or through the tree roots), each entry lists them in order, so that MIT's client",
    '# walks them instead of asking for the last realm directly (krb5.conf(5), "[capaths]").',
  ];
}

/**
 * krb5.ini for the SEG's MIT Kerberos (KerberosFiles): every realm of the KCD step with its
 * DC as KDC, each realm's DNS domain mapped to it, [capaths] where the trust path is not the
 * one MIT derives from the names, the service account's realm as default, and TCP preferred
 * (udp_preference_limit = 1, the MIT form of Error C's "response too big for UDP" fix).
 */
export function krb5IniScript(settings: Settings): Result<GeneratedScript> {
  const planned = krb5Realms(settings);
  if (!planned.ok) return planned;
  const plan = planned.value;
  const pinned = plan.realms.some((r) => r.kdc !== r.dcFqdn);
  const meta = {
    title: 'krb5.ini for the SEG',
    runBy: 'a local administrator of the SEG server',
    runOn: `the SEG server: save as ${KRB5_INI_PATH}`,
    guideStep: 'Troubleshooting, Error C, step 2',
    notes: [
      'Save as plain text without a byte-order mark: MIT Kerberos skips a first [section] that follows one.',
      ...(pinned ? ['A kdc given as an address is the one network.hosts pins the DC to; name the DC instead once the SEG resolves it.'] : []),
    ],
  };
  const q = new Quoter();
  const head = q.header('krb5', meta);
  const body = [
    '[libdefaults]',
    `    default_realm = ${plan.defaultRealm}`,
    '    dns_lookup_kdc = false',
    '    dns_lookup_realm = false',
    '    udp_preference_limit = 1',
    '    forwardable = true',
    '',
    ...krb5SectionLines({ realms: plan.realms, domains: [...plan.realms, ...emailDomain(settings, plan)], capaths: [] }),
    ...(plan.realms.length > 1 ? ['', ...capathsComment(plan)] : []),
    ...krb5SectionLines({ realms: [], domains: [], capaths: plan.capaths }),
  ];
  return q.finish(() => ({
    id: 'krb5-ini',
    fileName: 'krb5.ini',
    ...meta,
    shell: 'krb5',
    troubleshootingOnly: false,
    content: lines(head, '', body),
    encoding: 'utf8',
  }));
}
