/**
 * Two MIT Kerberos realms on the LDAP KDB (one slapd on a Unix socket, one realm container
 * each, one krb5kdc per realm on its own loopback address), with what cross-realm S4U needs
 * (lab-notes "Two MIT realms"): cross-realm krbtgt keys both ways, a service account in A
 * with protocol transition (ok_to_auth_as_delegate) and classic constrained delegation
 * (krbAllowedToDelegateTo, the target in full with its realm), a user in B, and in B the
 * alias on krbtgt/A@B that lets B refer A's service back home. Everything lives in DIR, runs
 * from DIR's config files (never /etc) and is stopped by PID. Up in about a second.
 *
 * Samba's KDC cannot do cross-realm S4U2Self (it looks the user up only in its own database),
 * so this lab proves that chain; MIT's `kvno -I user@B -P target@A` is the reference.
 */
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { emptySettings, type Settings } from '../../app/contract/settings';
import { krb5ConfRealms } from './krb5-conf';
import { startMitEas } from './mit-eas';
import { LabError, isRunning, run, runOk, sleep, startDaemon, stopProcess, waitForPort, type LabProcess, type RunResult } from './proc';

export interface MitRealmsOptions {
  readonly dir: string;
  /** KDC of realm A (the service account's and the target's realm). */
  readonly addressA: string;
  /** KDC of realm B (the user's realm). */
  readonly addressB: string;
  readonly realmA?: string;
  readonly realmB?: string;
  readonly serviceAccount?: string;
  readonly targetHost?: string;
  readonly user?: string;
}

export interface MitRealm {
  readonly realm: string;
  /** The DNS domain the realm's hosts live in (lower case of the realm). */
  readonly domain: string;
  readonly address: string;
  readonly kdcConf: string;
  readonly container: string;
}

export interface MitRealmsLab {
  readonly dir: string;
  readonly a: MitRealm;
  readonly b: MitRealm;
  /** KRB5_CONFIG for MIT tools: both realms, [capaths] direct both ways, no DNS. */
  readonly krb5Conf: string;
  readonly ldapi: string;
  readonly service: { readonly name: string; readonly principal: string; readonly password: string; readonly keytab: string };
  readonly user: { readonly name: string; readonly principal: string; readonly password: string };
  readonly target: { readonly host: string; readonly spn: string; readonly principal: string; readonly keytab: string };
  /** Mutable: a scenario that stops a KDC records the restarted one here. */
  readonly pids: { slapd: LabProcess; kdcA: LabProcess; kdcB: LabProcess; eas: LabProcess };
}

const BASE_DN = 'dc=mit,dc=lab';
const ADMIN_DN = `cn=admin,${BASE_DN}`;
const CONTAINER = `cn=krbcontainer,${BASE_DN}`;
/** Directory and KDB passwords of a throwaway lab: never used anywhere else. */
const ADMIN_PW = 'mit-lab-admin';
export const CROSS_REALM_PW = 'CrossRealm!Lab1';
export const AES = 'aes256-cts-hmac-sha1-96:normal,aes128-cts-hmac-sha1-96:normal';

export function mitEnv(lab: Pick<MitRealmsLab, 'krb5Conf'>, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin:/usr/sbin:/sbin', KRB5_CONFIG: lab.krb5Conf, ...extra };
}

function ldapiUrl(socket: string): string {
  return `ldapi://${encodeURIComponent(socket)}`;
}

function slapdConf(dir: string): string {
  return `include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include ${join(dir, 'kerberos.schema')}
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile ${join(dir, 'run', 'slapd.pid')}
argsfile ${join(dir, 'run', 'slapd.args')}
database mdb
maxsize 104857600
suffix "${BASE_DN}"
rootdn "${ADMIN_DN}"
rootpw ${ADMIN_PW}
directory ${join(dir, 'db')}
index objectClass eq
index krbPrincipalName eq,pres,sub
`;
}

function krb5Conf(lab: { a: MitRealm; b: MitRealm; dir: string; ldapi: string }): string {
  const dbmodule = (r: MitRealm): string =>
    `\tldap-${r.realm} = {\n\t\tdb_library = kldap\n\t\tldap_kerberos_container_dn = ${CONTAINER}\n\t\tldap_kdc_dn = ${ADMIN_DN}\n\t\tldap_kadmind_dn = ${ADMIN_DN}\n\t\tldap_service_password_file = ${join(lab.dir, 'service.keyfile')}\n\t\tldap_servers = ${lab.ldapi}\n\t}\n`;
  const realms = [lab.a, lab.b].map((r) => ({ realm: r.realm, domain: r.domain, kdcAddress: r.address, extra: [`database_module = ldap-${r.realm}`] }));
  return `${krb5ConfRealms(realms)}
[dbmodules]
${dbmodule(lab.a)}${dbmodule(lab.b)}`;
}

function kdcConf(r: MitRealm, dir: string): string {
  const listen = `${r.address}:88`;
  return `[kdcdefaults]
\tkdc_listen = ${listen}
\tkdc_tcp_listen = ${listen}

[realms]
\t${r.realm} = {
\t\tkdc_listen = ${listen}
\t\tkdc_tcp_listen = ${listen}
\t\tkey_stash_file = ${join(dir, `stash-${r.realm}`)}
\t\tdatabase_module = ldap-${r.realm}
\t\tacl_file = ${join(dir, 'kadm5.acl')}
\t\tmaster_key_type = aes256-cts-hmac-sha1-96
\t\tsupported_enctypes = ${AES.replace(',', ' ')}
\t}

[logging]
\tkdc = FILE:${join(dir, 'run', `kdc-${r.realm}.log`)}
`;
}

/**
 * kadmin.local in one realm (no kadmind, no network). The query goes on stdin, so passwords
 * in it never reach argv; kadmin.local then exits 0 whatever happens, so its error lines
 * ("add_principal: … while creating …") are what tells a failure.
 */
export async function kadmin(lab: Pick<MitRealmsLab, 'krb5Conf'>, realm: MitRealm, query: string): Promise<RunResult> {
  const r = await runOk(`kadmin.local ${realm.realm}`, 'kadmin.local', ['-r', realm.realm], {
    env: mitEnv(lab, { KRB5_KDC_PROFILE: realm.kdcConf }),
    input: `${query}\n`,
  });
  const failure = /^\w+: .+ while .+$/m.exec(r.stderr);
  if (failure) throw new LabError(`kadmin.local ${realm.realm} ${query.split(' ')[0] ?? ''}`, failure[0]);
  return r;
}

/** An LDIF change to the KDB directory, as the directory manager over the Unix socket. */
export function ldapModify(lab: Pick<MitRealmsLab, 'ldapi'>, ldif: string): Promise<RunResult> {
  return runOk('ldapmodify', 'ldapmodify', ['-x', '-H', lab.ldapi, '-D', ADMIN_DN, '-w', ADMIN_PW], { input: ldif });
}

export function principalDn(realm: MitRealm, principal: string): string {
  return `krbPrincipalName=${principal},${realm.container}`;
}

/**
 * The alias in B that lets B answer A's cross-realm S4U2Self with a referral back to A: B is
 * asked for the service as an enterprise name "svc@A" in realm B, and MIT 1.20's KDC refers
 * only two-part host names to another realm by itself (lab-notes). The LDAP module matches
 * names with the '\' before '@' removed (krb5_ldap_unparse_principal_name), so the stored
 * value is "svc@A@B", not the "svc\@A@B" MIT prints.
 */
export function referralAlias(lab: Pick<MitRealmsLab, 'a' | 'b' | 'service'>): string {
  return `${lab.service.name}@${lab.a.realm}@${lab.b.realm}`;
}

export async function startMitRealms(o: MitRealmsOptions): Promise<MitRealmsLab> {
  const dir = o.dir;
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'db'), { recursive: true });
  // Apache's workers (www-data) read the EAS folder under it.
  await chmod(dir, 0o755);
  await mkdir(join(dir, 'run'), { recursive: true });
  const realm = (name: string, address: string): MitRealm => ({
    realm: name,
    domain: name.toLowerCase(),
    address,
    kdcConf: join(dir, `kdc-${name}.conf`),
    container: `cn=${name},${CONTAINER}`,
  });
  const a = realm((o.realmA ?? 'ALPHA.MIT').toUpperCase(), o.addressA);
  const b = realm((o.realmB ?? 'BETA.MIT').toUpperCase(), o.addressB);
  const socket = join(dir, 'run', 'ldapi');
  const ldapi = ldapiUrl(socket);
  const svcName = o.serviceAccount ?? 'aw_KCDsvc';
  const userName = o.user ?? 'bob';
  const targetHost = o.targetHost ?? `mail.${a.domain}`;
  const lab = {
    dir,
    a,
    b,
    krb5Conf: join(dir, 'krb5.conf'),
    ldapi,
    service: { name: svcName, principal: `${svcName}@${a.realm}`, password: 'Passw0rd!MitKcd1', keytab: join(dir, 'svc.keytab') },
    user: { name: userName, principal: `${userName}@${b.realm}`, password: 'Passw0rd!MitBob1' },
    target: { host: targetHost, spn: `HTTP/${targetHost}`, principal: `HTTP/${targetHost}@${a.realm}`, keytab: join(dir, 'http.keytab') },
  };
  await writeFile(join(dir, 'kerberos.schema'), gunzipSync(readFileSync('/usr/share/doc/krb5-kdc-ldap/kerberos.schema.gz')));
  await writeFile(join(dir, 'slapd.conf'), slapdConf(dir));
  await writeFile(lab.krb5Conf, krb5Conf(lab));
  await writeFile(join(dir, 'kadm5.acl'), '');
  for (const r of [a, b]) await writeFile(r.kdcConf, kdcConf(r, dir));

  const slapd = startDaemon('slapd', ['-f', join(dir, 'slapd.conf'), '-h', ldapi, '-d', '0'], join(dir, 'run', 'slapd.log'), mitEnv(lab));
  const started: LabProcess[] = [slapd];
  try {
    await waitForLdap(ldapi, slapd, join(dir, 'run', 'slapd.log'));
    await runOk('base entry', 'ldapadd', ['-x', '-H', ldapi, '-D', ADMIN_DN, '-w', ADMIN_PW], {
      input: `dn: ${BASE_DN}\nobjectClass: dcObject\nobjectClass: organization\no: lab\ndc: mit\n`,
    });
    for (const r of [a, b]) {
      await runOk(
        `create realm ${r.realm}`,
        'kdb5_ldap_util',
        ['-D', ADMIN_DN, '-w', ADMIN_PW, '-H', ldapi, 'create', '-r', r.realm, '-s', '-P', `master-${r.realm}`],
        { env: mitEnv(lab, { KRB5_KDC_PROFILE: r.kdcConf }) },
      );
    }
    await runOk(
      'stash the KDC bind password',
      'kdb5_ldap_util',
      ['-D', ADMIN_DN, '-w', ADMIN_PW, '-H', ldapi, 'stashsrvpw', '-f', join(dir, 'service.keyfile'), ADMIN_DN],
      {
        env: mitEnv(lab, { KRB5_KDC_PROFILE: a.kdcConf }),
        input: `${ADMIN_PW}\n${ADMIN_PW}\n`,
      },
    );
    await kadmin(lab, a, `addprinc -pw ${lab.service.password} +ok_to_auth_as_delegate -e ${AES} ${svcName}`);
    await kadmin(lab, a, `addprinc -randkey -e ${AES} ${lab.target.spn}`);
    await kadmin(lab, b, `addprinc -pw ${lab.user.password} -e ${AES} ${userName}`);
    // The cross-realm keys: the same password (so the same keys) on both sides, both directions.
    for (const r of [a, b]) {
      await kadmin(lab, r, `addprinc -pw ${CROSS_REALM_PW} -e ${AES} krbtgt/${b.realm}@${a.realm}`);
      await kadmin(lab, r, `addprinc -pw ${CROSS_REALM_PW} -e ${AES} krbtgt/${a.realm}@${b.realm}`);
    }
    // -norandkey keeps the service account's password valid next to its keytab.
    await kadmin(lab, a, `ktadd -norandkey -k ${lab.service.keytab} ${svcName}`);
    await kadmin(lab, a, `ktadd -k ${lab.target.keytab} ${lab.target.spn}`);
    await ldapModify(
      lab,
      `dn: ${principalDn(a, lab.service.principal)}\nchangetype: modify\nadd: krbAllowedToDelegateTo\nkrbAllowedToDelegateTo: ${lab.target.principal}\n`,
    );
    await ldapModify(
      lab,
      `dn: ${principalDn(b, `krbtgt/${a.realm}@${b.realm}`)}\nchangetype: modify\nadd: krbPrincipalName\nkrbPrincipalName: ${referralAlias(lab)}\n-\nadd: krbCanonicalName\nkrbCanonicalName: krbtgt/${a.realm}@${b.realm}\n`,
    );
    const kdcA = startKdc(lab, a);
    started.push(kdcA);
    const kdcB = startKdc(lab, b);
    started.push(kdcB);
    await waitForPort(a.address, 88, 10_000, kdcA);
    await waitForPort(b.address, 88, 10_000, kdcB);
    const eas = await startMitEas(lab);
    return { ...lab, pids: { slapd, kdcA, kdcB, eas } };
  } catch (e) {
    for (const p of started.reverse()) await stopProcess(p);
    throw e;
  }
}

export function startKdc(lab: Pick<MitRealmsLab, 'krb5Conf' | 'dir'>, r: MitRealm): LabProcess {
  return startDaemon('krb5kdc', ['-n', '-r', r.realm], join(lab.dir, 'run', `kdc-${r.realm}.out`), mitEnv(lab, { KRB5_KDC_PROFILE: r.kdcConf }));
}

/** Waits until slapd answers on its socket (the socket file appears a moment before it accepts). */
async function waitForLdap(ldapi: string, proc: LabProcess, log: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await run('ldapsearch', ['-x', '-H', ldapi, '-b', '', '-s', 'base'], { timeoutMs: 5_000 })).code === 0) return;
    if (!isRunning(proc)) throw new LabError('slapd', `slapd exited; see ${log}`);
    await sleep(100);
  }
  throw new LabError('slapd', `slapd did not answer on ${ldapi}`);
}

export async function stopMitRealms(lab: MitRealmsLab): Promise<void> {
  await stopProcess(lab.pids.eas);
  await stopProcess(lab.pids.kdcA);
  await stopProcess(lab.pids.kdcB);
  await stopProcess(lab.pids.slapd);
}

/** The KDC names the settings pin: kdc.<realm domain> for both realms. */
export function mitKdcHosts(lab: Pick<MitRealmsLab, 'a' | 'b'>): Record<string, string> {
  return { [`kdc.${lab.a.domain}`]: lab.a.address, [`kdc.${lab.b.domain}`]: lab.b.address };
}

/** Settings (product.md format) for the SEG in realm A with a device certificate of a user of B. */
export function mitSettings(lab: MitRealmsLab, deviceCert: string): Settings {
  const s = emptySettings();
  return {
    ...s,
    kcd: {
      targetSpn: lab.target.spn,
      serviceAccount: lab.service.name,
      domains: [
        { realm: lab.a.realm, dcHost: 'kdc' },
        { realm: lab.b.realm, dcHost: 'kdc' },
      ],
    },
    email: { ...s.email, host: lab.target.host, port: 80, tls: false, path: '/Microsoft-Server-ActiveSync', casArray: { enabled: false, fqdn: '' } },
    certificates: { roots: [deviceCert], intermediates: [], deviceCertificate: deviceCert },
    network: { hosts: { ...mitKdcHosts(lab), [lab.target.host]: lab.a.address }, dnsServer: '', timeoutMs: 5000 },
  };
}
