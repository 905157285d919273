import { mkdir, writeFile, readFile, chmod, chown, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LabNames } from './names';
import type { LabPki } from './pki';
import { runOk, startDaemon, stopProcess, waitForPort, LabError, isRunning, sleep, type LabProcess } from './proc';

export interface ApachePaths {
  readonly dir: string;
  readonly conf: string;
  readonly keytab: string;
  readonly errorLog: string;
  readonly accessLog: string;
  /** Folder of toggled config fragments: *.conf here is included in the EAS virtual hosts. */
  readonly easScenarioDir: string;
  /** Same for the CDP/AIA virtual host. */
  readonly pkiScenarioDir: string;
  readonly htpasswd: string;
}

const MODULES = '/usr/lib/apache2/modules';

export function apachePaths(labDir: string): ApachePaths {
  const dir = join(labDir, 'web');
  return {
    dir,
    conf: join(dir, 'httpd.conf'),
    keytab: join(dir, 'http.keytab'),
    errorLog: join(dir, 'logs', 'error.log'),
    accessLog: join(dir, 'logs', 'access.log'),
    easScenarioDir: join(dir, 'scenario-eas'),
    pkiScenarioDir: join(dir, 'scenario-pki'),
    htpasswd: join(dir, 'htpasswd'),
  };
}

/**
 * The ActiveSync stand-in: echoes who Apache authenticated; OPTIONS answers with Exchange's
 * headers, and its body names the user too, so eas.kcd-end-to-end (an OPTIONS request) can show
 * whom the server took the ticket for.
 */
const EAS_CGI = `#!/bin/sh
if [ "$REQUEST_METHOD" = "OPTIONS" ]; then
  printf 'MS-Server-ActiveSync: 15.1\\r\\nMS-ASProtocolVersions: 2.0,2.1,2.5,12.0,12.1,14.0,14.1,16.0,16.1\\r\\nMS-ASProtocolCommands: Sync,SendMail,SmartForward,SmartReply,GetAttachment,FolderSync,FolderCreate,FolderDelete,FolderUpdate,MoveItems,GetItemEstimate,MeetingResponse,Search,Settings,Ping,ItemOperations,Provision,ResolveRecipients,ValidateCert\\r\\nContent-Type: text/plain\\r\\n\\r\\nREMOTE_USER=%s\\n' "$REMOTE_USER"
  exit 0
fi
printf 'Content-Type: text/plain\\r\\n\\r\\nREMOTE_USER=%s\\nAUTH_TYPE=%s\\nREQUEST_METHOD=%s\\n' "$REMOTE_USER" "$AUTH_TYPE" "$REQUEST_METHOD"
`;

export interface WwwData {
  readonly uid: number;
  readonly gid: number;
}

export async function wwwData(): Promise<WwwData> {
  const passwd = await readFile('/etc/passwd', 'utf8');
  const line = passwd.split('\n').find((l) => l.startsWith('www-data:'));
  const fields = line?.split(':');
  if (!fields || fields.length < 4) throw new LabError('apache', 'no www-data user (is apache2 installed?)');
  return { uid: Number(fields[2]), gid: Number(fields[3]) };
}

/** The ActiveSync location: Negotiate (and Basic through the KDC) with the keytab, the echo CGI behind it. */
export function easLocation(authName: string, paths: Pick<ApachePaths, 'dir' | 'keytab' | 'easScenarioDir'>): string {
  return `
  ScriptAlias /Microsoft-Server-ActiveSync ${join(paths.dir, 'cgi', 'eas.cgi')}
  <Location /Microsoft-Server-ActiveSync>
    AuthType GSSAPI
    AuthName "${authName}"
    GssapiCredStore keytab:${paths.keytab}
    GssapiAllowedMech krb5
    GssapiBasicAuth On
    GssapiBasicAuthMech krb5
    Require valid-user
  </Location>
  IncludeOptional ${paths.easScenarioDir}/*.conf`;
}

const BASE_MODULES = ['mpm_event', 'authz_core', 'authz_user', 'authn_core', 'authn_file', 'auth_basic', 'auth_gssapi', 'alias', 'cgid'];

/**
 * What every lab Apache shares: its own folder (never /etc/apache2), www-data workers, the
 * lab's access log format (%u is who mod_auth_gssapi authenticated), the EAS modules, the CGI
 * folder and nothing else readable. The server names itself: without ServerName Apache
 * resolves its address at each start, a DNS query leaving the machine (lab-notes "Apache and DNS").
 */
export function apacheServer(
  serverName: string,
  paths: Pick<ApachePaths, 'dir' | 'errorLog' | 'accessLog'>,
  listens: readonly string[],
  extraModules: readonly string[] = [],
): string {
  return `ServerRoot ${paths.dir}
ServerName ${serverName}
PidFile ${join(paths.dir, 'run', 'httpd.pid')}
DefaultRuntimeDir ${join(paths.dir, 'run')}
Mutex file:${join(paths.dir, 'run')} default
User www-data
Group www-data
${listens.map((l) => `Listen ${l}`).join('\n')}
HostnameLookups Off
ErrorLog ${paths.errorLog}
LogLevel warn auth_gssapi:info
LogFormat "%h %u \\"%r\\" %>s %b" lab
CustomLog ${paths.accessLog} lab
${[...BASE_MODULES, ...extraModules].map((m) => `LoadModule ${m}_module ${MODULES}/mod_${m}.so`).join('\n')}
ScriptSock ${join(paths.dir, 'run', 'cgid.sock')}
StartServers 1
ServerLimit 2
ThreadsPerChild 10
MaxRequestWorkers 20
<Directory />
  AllowOverride None
  Require all denied
</Directory>
<Directory ${join(paths.dir, 'cgi')}>
  Require all granted
</Directory>
`;
}

export function apacheConfig(names: LabNames, pki: LabPki, paths: ApachePaths): string {
  const web = names.webAddress;
  // Every VirtualHost names itself too (see apacheServer).
  return `${apacheServer(names.exchangeFqdn, paths, [`${web}:80`, `${web}:443`], ['mime', 'rewrite', 'ssl', 'socache_shmcb'])}TypesConfig /etc/mime.types
AddType application/pkix-crl .crl
AddType application/pkix-cert .crt
SSLSessionCache shmcb:${join(paths.dir, 'run', 'ssl_scache')}(512000)
<Directory ${pki.publishDir}>
  Require all granted
  Options None
</Directory>

<VirtualHost ${web}:80>
  ServerName ${names.exchangeFqdn}
  ServerAlias ${names.exchangeHost} ${names.casFqdn} ${names.casHost} ${web}
  DocumentRoot ${join(paths.dir, 'empty')}
${easLocation(names.exchangeFqdn, paths)}
</VirtualHost>

<VirtualHost ${web}:80>
  ServerName ${names.pkiFqdn}
  DocumentRoot ${join(paths.dir, 'empty')}
  Alias /CertEnroll ${pki.publishDir}
  IncludeOptional ${paths.pkiScenarioDir}/*.conf
</VirtualHost>

<VirtualHost ${web}:443>
  ServerName ${names.exchangeFqdn}
  ServerAlias ${names.exchangeHost} ${names.casFqdn} ${names.casHost} ${web}
  DocumentRoot ${join(paths.dir, 'empty')}
  SSLEngine on
  SSLCertificateFile ${pki.webTls.cert}
  SSLCertificateKeyFile ${pki.webTls.key}
  SSLCertificateChainFile ${pki.chain}
${easLocation(names.exchangeFqdn, paths)}
</VirtualHost>
`;
}

/** The folders and the ActiveSync CGI of a lab Apache (`extra`: more folders), owned as its workers need them. */
export async function prepareWebFolders(paths: ApachePaths, extra: readonly string[] = []): Promise<void> {
  const www = await wwwData();
  for (const sub of ['run', 'logs', 'cgi', 'empty', 'rcache', 'scenario-eas', ...extra]) await mkdir(join(paths.dir, sub), { recursive: true });
  await writeFile(join(paths.dir, 'cgi', 'eas.cgi'), EAS_CGI, { mode: 0o755 });
  await chmod(join(paths.dir, 'cgi', 'eas.cgi'), 0o755);
  // MIT's replay cache is written by the workers (www-data), so it lives in a folder they own (pitfall 7).
  await chown(join(paths.dir, 'rcache'), www.uid, www.gid);
}

/** Writes the config, CGI, log and replay-cache folders, owned as mod_auth_gssapi needs them. */
export async function prepareApache(names: LabNames, pki: LabPki): Promise<ApachePaths> {
  const paths = apachePaths(names.dir);
  await prepareWebFolders(paths, ['scenario-pki']);
  await writeFile(paths.conf, apacheConfig(names, pki, paths));
  return paths;
}

export function apacheEnv(krb5ConfPath: string, paths: ApachePaths): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
    KRB5_CONFIG: krb5ConfPath,
    KRB5RCACHEDIR: join(paths.dir, 'rcache'),
    KRB5_KTNAME: paths.keytab,
  };
}

export async function startApache(names: LabNames, krb5ConfPath: string): Promise<LabProcess> {
  const paths = apachePaths(names.dir);
  await rm(join(paths.dir, 'run', 'httpd.pid'), { force: true });
  const pid = startDaemon('apache2', ['-f', paths.conf, '-DFOREGROUND'], join(paths.dir, 'logs', 'apache.out'), apacheEnv(krb5ConfPath, paths));
  try {
    await waitForPort(names.webAddress, 80, 30_000, pid);
    await waitForPort(names.webAddress, 443, 30_000, pid);
  } catch (e) {
    const out = await readFile(join(paths.dir, 'logs', 'apache.out'), 'utf8').catch(() => '');
    const log = await readFile(paths.errorLog, 'utf8').catch(() => '');
    await stopProcess(pid);
    throw new LabError('apache start', `${(e as Error).message}; apache said: ${(out + log).split('\n').slice(-6).join(' | ')}`);
  }
  return pid;
}

const RESUMED = /resuming normal operations/g;

/**
 * Graceful restart (SIGUSR1) so that a changed scenario fragment takes effect; returns when
 * Apache has logged that it serves with the new config.
 */
export async function reloadApache(names: LabNames, pid: LabProcess): Promise<void> {
  const paths = apachePaths(names.dir);
  if (!isRunning(pid)) throw new LabError('apache reload', `Apache (PID ${pid.pid}) is not running`);
  await runOk('apache config test', 'apache2', ['-t', '-f', paths.conf]);
  const count = async (): Promise<number> => ((await readFile(paths.errorLog, 'utf8').catch(() => '')).match(RESUMED) ?? []).length;
  const before = await count();
  process.kill(pid.pid, 'SIGUSR1');
  const deadline = Date.now() + 30_000;
  while ((await count()) <= before) {
    if (Date.now() > deadline) throw new LabError('apache reload', 'Apache did not finish its graceful restart within 30 s');
    await sleep(50);
  }
}

export async function stopApache(pid: LabProcess): Promise<void> {
  await stopProcess(pid, 10_000);
}
