/**
 * The project's real test lab: a Samba AD DC (KDC + LDAP/LDAPS), an OpenSSL two-tier PKI
 * with CRLs served over HTTP, Apache with mod_auth_gssapi standing in for Exchange
 * ActiveSync, and the UEM API fixture — all on loopback addresses, started and stopped by PID.
 *
 * Lab tests get a running lab from the vitest globalSetup:
 *
 *   import { inject } from 'vitest';
 *   const lab = inject('lab');               // LabInfo (plain JSON)
 *   const settings = labSettings(lab);       // product.md settings pointing at it
 *   const secrets = labSecrets(lab);         // the matching Secrets
 *
 * and change it with test/lab/scenarios.ts (apply + undo). A person uses
 * `npm run lab -- up | down | status | env`.
 */
import { mkdir, writeFile, readFile, rm, stat, chmod, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { emptySettings, type Settings } from '../../app/contract/settings';
import { Secret, type Secrets } from '../../app/config/secrets';
import { resolveNames, type LabNames, type LabOptions } from './names';
import { buildPki, type LabPki } from './pki';
import { provisionDc, configureDc, startSamba, stopSamba, sambaPaths } from './samba';
import { prepareApache, startApache, stopApache, apachePaths, wwwData } from './apache';
import { editDirectory, UAC, type DirOp } from './directory';
import { krb5Conf } from './krb5-conf';
import { ensureTestMachine } from '../setup/install';
import { LabError, isRunning, type LabProcess } from './proc';
import { pairInUse } from './addresses';
import { describeUem, startUem, stopUem, writeUemConfig, type LabUem } from './lab-uem';

export type { LabOptions, LabNames } from './names';
export type { LabPki, DeviceCert, CertFiles } from './pki';

export interface LabAccount {
  /** sAMAccountName. */
  readonly name: string;
  readonly password: string;
  readonly upn: string;
}

export interface LabUser extends LabAccount {
  readonly mail: string;
}

/** Everything a test needs to know about a running lab. Plain JSON (vitest `provide`, info.json). */
export interface LabInfo {
  readonly version: 1;
  readonly names: LabNames;
  readonly dir: string;
  readonly dc: {
    readonly address: string;
    readonly host: string;
    readonly fqdn: string;
    /** host:port of the KDC (TCP and UDP 88). */
    readonly kdc: string;
    readonly ldapUrl: string;
    readonly ldapsUrl: string;
    readonly baseDn: string;
    readonly smbConf: string;
  };
  readonly web: {
    readonly address: string;
    readonly easPath: string;
    /** http://<exchange fqdn>/Microsoft-Server-ActiveSync — resolve the name to web.address yourself (curl --resolve). */
    readonly easHttpUrl: string;
    readonly easHttpsUrl: string;
    readonly keytab: string;
    readonly config: string;
    readonly errorLog: string;
    readonly accessLog: string;
  };
  readonly kerberos: {
    /** KRB5_CONFIG for MIT tools: no DNS, TCP, kdc_timesync = 0. */
    readonly krb5Conf: string;
    /** The guide's short form, as the SEG console takes it. */
    readonly targetSpn: string;
    readonly targetSpnFqdn: string;
    /** SPN of the CAS array (FQDN), on the alternate service account. */
    readonly casSpn: string;
    /** The CAS array's short SPN: the console's target SPN when a CAS array is used (guide: "the ASA ... name without the domain"). */
    readonly casTargetSpn: string;
  };
  readonly accounts: {
    readonly administrator: LabAccount;
    /** The KCD service account: SPN, protocol transition, msDS-AllowedToDelegateTo target + CAS array SPNs, short + FQDN each. */
    readonly service: LabAccount & { readonly spn: string };
    /** The Exchange computer account (holds the target SPN), AES only. */
    readonly exchange: LabAccount & { readonly spns: readonly string[] };
    /** Alternate service account of the CAS array (computer account). */
    readonly asa: LabAccount & { readonly spns: readonly string[] };
    readonly users: {
      /** Delegable. */
      readonly alice: LabUser;
      /** NOT_DELEGATED ("sensitive and cannot be delegated"): the KDC refuses delegation. */
      readonly carol: LabUser;
      /** Member of Protected Users through the nested group; Samba's KDC still delegates (a directory finding only). */
      readonly dave: LabUser;
    };
    /** The group that puts dave into Protected Users. */
    readonly nestedGroup: string;
  };
  readonly pki: LabPki;
  /** The UEM API fixture (uem-fixture.ts with the guide's tenant and the lab's KCD names), HTTPS with a lab-CA certificate. */
  readonly uem: LabUem;
  /** Every lab name -> its loopback address (settings network.hosts, curl --resolve). */
  readonly hosts: Readonly<Record<string, string>>;
  /** The two server processes (PID + kernel start time); scenarios that restart one record the new one. */
  readonly pids: { readonly samba: LabProcess; readonly apache: LabProcess; readonly uem: LabProcess };
  readonly startedAt: string;
}

const PASSWORDS = {
  administrator: 'Passw0rd!Admin1',
  service: 'Passw0rd!Kcd1',
  exchange: 'Passw0rd!Exch01x',
  asa: 'Passw0rd!Asa01x',
  alice: 'Passw0rd!Alice1',
  carol: 'Passw0rd!Carol1',
  dave: 'Passw0rd!Dave1',
  uem: 'Passw0rd!Uem01',
} as const;

export const INFO_FILE = 'info.json';

const NOT_STARTED: LabProcess = { pid: 0, startTime: '' };

/** msDS-SupportedEncryptionTypes: AES128 | AES256 (no RC4, no DES). */
export const AES_ONLY = 24;

function describe(names: LabNames, pki: LabPki, pids: LabInfo['pids']): LabInfo {
  const web = apachePaths(names.dir);
  const upn = (n: string): string => `${n}@${names.domain}`;
  const user = (name: 'alice' | 'carol' | 'dave'): LabUser => ({ name, password: PASSWORDS[name], upn: upn(name), mail: upn(name) });
  const exchangeAccount = `${names.exchangeHost.toUpperCase()}$`;
  return {
    version: 1,
    names,
    dir: names.dir,
    dc: {
      address: names.dcAddress,
      host: names.dcHost,
      fqdn: names.dcFqdn,
      kdc: `${names.dcAddress}:88`,
      ldapUrl: `ldap://${names.dcAddress}:389`,
      ldapsUrl: `ldaps://${names.dcAddress}:636`,
      baseDn: names.baseDn,
      smbConf: sambaPaths(names.dir).smbConf,
    },
    web: {
      address: names.webAddress,
      easPath: '/Microsoft-Server-ActiveSync',
      easHttpUrl: `http://${names.exchangeFqdn}/Microsoft-Server-ActiveSync`,
      easHttpsUrl: `https://${names.exchangeFqdn}/Microsoft-Server-ActiveSync`,
      keytab: web.keytab,
      config: web.conf,
      errorLog: web.errorLog,
      accessLog: web.accessLog,
    },
    kerberos: {
      krb5Conf: join(names.dir, 'krb5.conf'),
      targetSpn: `HTTP/${names.exchangeHost}`,
      targetSpnFqdn: `HTTP/${names.exchangeFqdn}`,
      casSpn: `HTTP/${names.casFqdn}`,
      casTargetSpn: `HTTP/${names.casHost}`,
    },
    accounts: {
      administrator: { name: 'Administrator', password: PASSWORDS.administrator, upn: upn('Administrator') },
      service: { name: names.serviceAccount, password: PASSWORDS.service, upn: upn(names.serviceAccount), spn: `HTTP/${names.serviceAccount}` },
      exchange: {
        name: exchangeAccount,
        password: PASSWORDS.exchange,
        upn: upn(exchangeAccount),
        spns: [`HTTP/${names.exchangeFqdn}`, `HTTP/${names.exchangeHost}`],
      },
      asa: { name: names.asaAccount, password: PASSWORDS.asa, upn: upn(names.asaAccount), spns: [`HTTP/${names.casFqdn}`, `HTTP/${names.casHost}`] },
      users: { alice: user('alice'), carol: user('carol'), dave: user('dave') },
      nestedGroup: 'KCD Sensitive Staff',
    },
    pki,
    uem: describeUem(names, pki, PASSWORDS.uem).uem,
    hosts: {
      [names.dcFqdn]: names.dcAddress,
      [names.dcHost]: names.dcAddress,
      [names.exchangeFqdn]: names.webAddress,
      [names.exchangeHost]: names.webAddress,
      [names.casFqdn]: names.webAddress,
      [names.casHost]: names.webAddress,
      [names.pkiFqdn]: names.webAddress,
      [names.uemFqdn]: names.webAddress,
    },
    pids,
    startedAt: new Date().toISOString(),
  };
}

async function b64(file: string): Promise<string> {
  const pem = await readFile(file, 'utf8');
  return pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
}

/** The keytab Apache accepts with: the target SPN and the CAS array's SPN, both forms each. */
export async function exportWebKeytab(info: Pick<LabInfo, 'dc' | 'web' | 'kerberos'>): Promise<void> {
  const www = await wwwData();
  await editDirectory(info.dc.smbConf, [
    {
      op: 'keytab',
      path: info.web.keytab,
      principals: [info.kerberos.targetSpnFqdn, info.kerberos.targetSpn, info.kerberos.casSpn, info.kerberos.casTargetSpn],
      ...www,
    },
  ]);
}

function populateOps(info: LabInfo): DirOp[] {
  const { accounts: a, kerberos: k, names } = info;
  const aes = { attr: 'msDS-SupportedEncryptionTypes', action: 'replace' as const, values: [String(AES_ONLY)] };
  const users = Object.values(a.users).map((u): DirOp => ({
    op: 'user',
    name: u.name,
    password: u.password,
    given: u.name[0]!.toUpperCase() + u.name.slice(1),
    surname: 'Lab',
    mail: u.mail,
  }));
  return [
    ...users,
    { op: 'uac', account: a.users.carol.name, set: UAC.NOT_DELEGATED },
    { op: 'group', name: a.nestedGroup },
    { op: 'members', group: a.nestedGroup, members: [a.users.dave.name] },
    { op: 'members', group: 'Protected Users', members: [a.nestedGroup] },
    { op: 'user', name: a.service.name, password: a.service.password, given: 'KCD', surname: 'Service' },
    { op: 'uac', account: a.service.name, set: UAC.DONT_EXPIRE_PASSWORD | UAC.TRUSTED_TO_AUTH_FOR_DELEGATION },
    {
      op: 'modify',
      account: a.service.name,
      changes: [
        { attr: 'servicePrincipalName', action: 'add', values: [a.service.spn] },
        { attr: 'msDS-AllowedToDelegateTo', action: 'add', values: [k.targetSpnFqdn, k.targetSpn, k.casSpn, k.casTargetSpn] },
        aes,
      ],
    },
    // samba-tool/newcomputer makes the account disabled and keyless; setpassword gives it keys and enables it (pitfall 4).
    { op: 'computer', name: names.exchangeHost.toUpperCase(), password: a.exchange.password, spns: a.exchange.spns },
    { op: 'modify', account: a.exchange.name, changes: [aes, { attr: 'dNSHostName', action: 'replace', values: [names.exchangeFqdn] }] },
    { op: 'computer', name: a.asa.name.replace(/\$$/, ''), password: a.asa.password, spns: a.asa.spns },
    { op: 'modify', account: a.asa.name, changes: [aes] },
  ];
}

async function ntauthOps(info: LabInfo): Promise<DirOp[]> {
  return [
    {
      op: 'add',
      dn: ntauthDn(info),
      attrs: {
        objectClass: ['certificationAuthority'],
        cACertificate: [{ b64: await b64(info.pki.root.cert) }, { b64: await b64(info.pki.issuing.cert) }],
        authorityRevocationList: [{ b64: 'AA==' }],
        certificateRevocationList: [{ b64: 'AA==' }],
      },
    },
  ];
}

export function ntauthDn(info: Pick<LabInfo, 'dc'>): string {
  return `CN=NTAuthCertificates,CN=Public Key Services,CN=Services,CN=Configuration,${info.dc.baseDn}`;
}

/** Refuses a folder www-data cannot reach: Apache's workers read the keytab and CDP files there (pitfall 7). */
async function checkTraversable(dir: string): Promise<void> {
  let d = dirname(dir);
  for (;;) {
    const s = await stat(d).catch(() => undefined);
    if (s && (s.mode & 0o001) === 0)
      throw new LabError('lab dir', `${d} is not traversable by www-data (mode ${(s.mode & 0o777).toString(8)}); choose a lab folder under /var/tmp or /tmp`);
    const up = dirname(d);
    if (up === d) return;
    d = up;
  }
}

export interface StartOptions extends LabOptions {
  /** Progress lines for a person (CLI); tests leave it out. */
  readonly log?: (line: string) => void;
}

/**
 * Builds a lab from nothing in options.dir (wiping what a stopped lab left there) and starts
 * it. Fails if a lab recorded in that folder is still running. Takes about 12-20 s.
 */
export async function startLab(options: StartOptions = {}): Promise<LabInfo> {
  const names = resolveNames(options);
  const log = options.log ?? (() => undefined);
  const t0 = Date.now();
  const step = (what: string): void => log(`lab: ${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  if (process.getuid?.() !== 0) {
    throw new LabError('start', 'the lab needs root: Samba binds port 88, Apache 80/443, and the keytab and replay cache belong to www-data');
  }
  await ensureTestMachine(log);
  const previous = await readLabInfo(names.dir);
  if (previous && isLabRunning(previous))
    throw new LabError(
      'start',
      `a lab is already running from ${names.dir} (samba PID ${previous.pids.samba.pid}, apache PID ${previous.pids.apache.pid}); stop it first`,
    );
  await checkTraversable(names.dir);
  await rm(names.dir, { recursive: true, force: true });
  await mkdir(names.dir, { recursive: true });
  await chmod(names.dir, 0o755);

  const [pki] = await Promise.all([buildPki(names, join(names.dir, 'pki')), provisionDc(names, PASSWORDS.administrator)]);
  await configureDc(names, { cert: pki.dcTls.cert, key: pki.dcTls.key, issuing: pki.issuing.cert, ca: pki.chain });
  step('PKI built and domain provisioned');
  let info = describe(names, pki, { samba: NOT_STARTED, apache: NOT_STARTED, uem: NOT_STARTED });
  await writeFile(info.kerberos.krb5Conf, krb5Conf(names));
  await editDirectory(info.dc.smbConf, [...populateOps(info), ...(await ntauthOps(info))]);
  await prepareApache(names, pki);
  await writeUemConfig(info.uem, describeUem(names, pki, PASSWORDS.uem).config);
  await exportWebKeytab(info);
  step('directory objects and keytab');
  info = { ...info, pids: await startServers(info) };
  await writeLabInfo(info);
  step('samba, apache and the UEM fixture up');
  return info;
}

/** Starts the servers of a lab that was built and stopped (`npm run lab -- up` again): seconds, not a rebuild. */
export async function restartLab(dir: string): Promise<LabInfo> {
  const previous = await readLabInfo(dir);
  if (!previous) throw new LabError('restart', `no lab in ${dir}`);
  if (isLabRunning(previous)) return previous;
  if (!previous.uem || !(await stat(previous.uem.configFile).catch(() => undefined))) {
    throw new LabError(
      'restart',
      `the lab in ${dir} was built by an older version of test/lab (no UEM fixture): rebuild it with \`npm run lab -- up --fresh\``,
    );
  }
  await stopLab(previous);
  const info: LabInfo = { ...previous, pids: await startServers(previous), startedAt: new Date().toISOString() };
  await writeLabInfo(info);
  return info;
}

/** Starts Samba, Apache and the UEM fixture side by side; when one fails the others are stopped again, so nothing is left running. */
async function startServers(info: LabInfo): Promise<LabInfo['pids']> {
  if (await pairInUse(info.names)) {
    throw new LabError(
      'start',
      `something already listens on ${info.names.dcAddress} (88/389) or ${info.names.webAddress} (80/443/8443): another lab? Choose other addresses`,
    );
  }
  const [samba, apache, uem] = await Promise.allSettled([startSamba(info.names), startApache(info.names, info.kerberos.krb5Conf), startUem(info.uem)]);
  if (samba.status === 'fulfilled' && apache.status === 'fulfilled' && uem.status === 'fulfilled')
    return { samba: samba.value, apache: apache.value, uem: uem.value };
  if (samba.status === 'fulfilled') await stopSamba(samba.value, info.names.dcAddress);
  if (apache.status === 'fulfilled') await stopApache(apache.value);
  if (uem.status === 'fulfilled') await stopUem(uem.value);
  const failed = [samba, apache, uem].find((r): r is PromiseRejectedResult => r.status === 'rejected');
  throw failed?.reason;
}

/** Stops the servers by their recorded PIDs and waits until they have exited. The folder stays. */
export async function stopLab(info: LabInfo): Promise<void> {
  const current = (await readLabInfo(info.dir)) ?? info;
  await Promise.all([stopSamba(current.pids.samba, current.names.dcAddress), stopApache(current.pids.apache), stopUem(current.pids.uem)]);
  if (await stat(current.dir).catch(() => undefined)) await writeLabInfo({ ...current, pids: { samba: NOT_STARTED, apache: NOT_STARTED, uem: NOT_STARTED } });
}

/** Stops the lab and deletes its folder. */
export async function destroyLab(info: LabInfo): Promise<void> {
  await stopLab(info);
  await rm(info.dir, { recursive: true, force: true });
}

export function isLabRunning(info: LabInfo): boolean {
  return isRunning(info.pids.samba) && isRunning(info.pids.apache) && isRunning(info.pids.uem);
}

export async function readLabInfo(dir: string): Promise<LabInfo | undefined> {
  let info: LabInfo;
  try {
    info = JSON.parse(await readFile(join(dir, INFO_FILE), 'utf8')) as LabInfo;
  } catch {
    return undefined;
  }
  // Labs built before the UEM fixture joined have no uem PID: they can still be stopped.
  return { ...info, pids: { samba: info.pids.samba, apache: info.pids.apache, uem: info.pids.uem ?? NOT_STARTED } };
}

/** Scenarios that restart a server record the new PID here, so stop always finds the live one. */
export async function writeLabInfo(info: LabInfo): Promise<void> {
  await writeFile(join(info.dir, INFO_FILE), JSON.stringify(info, null, 2) + '\n');
}

/** Current PIDs (a scenario may have restarted a server since the info was handed out). */
export async function currentPids(info: LabInfo): Promise<LabInfo['pids']> {
  return ((await readLabInfo(info.dir)) ?? info).pids;
}

export interface LabSettingsOptions {
  /**
   * Point the SEG at the CAS array (mail.<domain>) whose SPN sits on the alternate service
   * account, instead of the Exchange server. Default false.
   */
  readonly casArray?: boolean;
}

/** A settings document (product.md format) for the lab, pinning every lab name to its address. */
export function labSettings(info: LabInfo, options: LabSettingsOptions = {}): Settings {
  const s = emptySettings();
  const cas = options.casArray === true;
  return {
    ...s,
    uem: { ...s.uem, apiUrl: info.uem.url, user: info.uem.user, tenantCode: info.uem.tenantCode, ignoreTlsErrors: false },
    organizationGroup: { id: info.uem.groupId, name: info.uem.groupName, memConfigName: info.uem.memConfigName, memConfigId: info.uem.memConfigId },
    kcd: {
      targetSpn: cas ? info.kerberos.casTargetSpn : info.kerberos.targetSpn,
      serviceAccount: info.accounts.service.name,
      domains: [{ realm: info.names.realm, dcHost: info.dc.host }],
    },
    email: {
      host: cas ? info.names.casFqdn : info.names.exchangeFqdn,
      port: 443,
      tls: true,
      path: info.web.easPath,
      casArray: { enabled: cas, fqdn: cas ? info.names.casFqdn : '' },
      // mod_auth_gssapi hands the Basic user name to Kerberos as a principal: the lower-case
      // UPN alice@<domain> fails there (Exchange would accept it), alice@<REALM> works.
      testMailbox: `${info.accounts.users.alice.name}@${info.names.realm}`,
    },
    certificates: { roots: [info.pki.root.cert], intermediates: [info.pki.issuing.cert], deviceCertificate: info.pki.deviceCert },
    network: { hosts: { ...info.hosts }, dnsServer: '', timeoutMs: 5000 },
  };
}

/** The secrets that go with labSettings (test-only passwords). */
export function labSecrets(info: LabInfo): Secrets {
  return {
    uemPassword: new Secret(info.uem.password),
    kcdPassword: new Secret(info.accounts.service.password),
    testMailboxPassword: new Secret(info.accounts.users.alice.password),
  };
}

/** Environment for MIT tools and ldapsearch against the lab: never the system krb5.conf (it would query DNS). */
export function labToolEnv(info: LabInfo, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
    KRB5_CONFIG: info.kerberos.krb5Conf,
    LDAPTLS_CACERT: info.pki.chain,
    LDAPTLS_REQCERT: 'demand',
    ...extra,
  };
}

/** Files of the lab folder a scenario left behind, for a test that wants the folder clean. */
export async function scenarioFragments(info: LabInfo): Promise<string[]> {
  const web = apachePaths(info.dir);
  const list = async (d: string): Promise<string[]> => (await readdir(d).catch(() => [] as string[])).map((f) => join(d, f));
  return [...(await list(web.easScenarioDir)), ...(await list(web.pkiScenarioDir))];
}
