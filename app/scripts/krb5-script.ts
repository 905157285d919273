import type { Result } from '../contract/result';
import type { Settings } from '../contract/settings';
import { Quoter } from './quote';
import { lines } from './script';
import { type GeneratedScript } from '../contract/scripts';

/**
 * krb5.ini for the SEG's MIT Kerberos (KerberosFiles): every realm with its KDC, the email
 * host's domain mapped to the first realm, and TCP preferred (udp_preference_limit = 1, the
 * MIT form of Error C's "response too big for UDP" fix).
 */
export function krb5IniScript(settings: Settings): Result<GeneratedScript> {
  const q = new Quoter();
  const meta = {
    title: 'krb5.ini for the SEG',
    runBy: 'a local administrator of the SEG server',
    runOn: 'the SEG server: save as C:\\ProgramData\\MIT\\Kerberos5\\krb5.ini',
    guideStep: 'Troubleshooting, Error C, step 2',
  };
  const domains = settings.kcd.domains;
  const first = domains[0];
  const emailDomain = settings.email.host.includes('.') ? settings.email.host.slice(settings.email.host.indexOf('.') + 1).toLowerCase() : '';
  const realms = domains.flatMap((d) => {
    const realm = q.krb5(d.realm);
    const kdc = q.krb5(`${d.dcHost}.${d.realm.toLowerCase()}`);
    return [`    ${realm} = {`, `        kdc = ${kdc}`, `        admin_server = ${kdc}`, '    }'];
  });
  const mappings = domains.flatMap((d) => [
    `    .${q.krb5(d.realm.toLowerCase())} = ${q.krb5(d.realm)}`,
    `    ${q.krb5(d.realm.toLowerCase())} = ${q.krb5(d.realm)}`,
  ]);
  const extra =
    first && emailDomain !== '' && !domains.some((d) => d.realm.toLowerCase() === emailDomain) ? [`    .${q.krb5(emailDomain)} = ${q.krb5(first.realm)}`] : [];
  const body = [
    '[libdefaults]',
    `    default_realm = ${first ? q.krb5(first.realm) : q.krb5('')}`,
    '    dns_lookup_kdc = false',
    '    dns_lookup_realm = false',
    '    udp_preference_limit = 1',
    '    forwardable = true',
    '',
    '[realms]',
    ...realms,
    '',
    '[domain_realm]',
    ...mappings,
    ...extra,
  ];
  const head = q.header('krb5', meta);
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
