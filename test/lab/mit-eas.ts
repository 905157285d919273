/**
 * The ActiveSync stand-in of the MIT realm A: Apache + mod_auth_gssapi on A's address, port 80,
 * with the target's keytab from the MIT KDB (the same location, CGI and modules as the Samba
 * lab's Apache, apache.ts). HTTP only: TLS to the EAS host is tested against the Samba lab.
 */
import { chmod, chown, copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { apacheEnv, apachePaths, easLocation, EAS_CGI, MODULES, wwwData } from './apache';
import { LabError, startDaemon, stopProcess, waitForPort, type LabProcess } from './proc';

export interface MitEasLab {
  readonly dir: string;
  readonly krb5Conf: string;
  readonly a: { readonly address: string };
  readonly target: { readonly host: string; readonly keytab: string };
}

function config(lab: MitEasLab): string {
  const paths = apachePaths(lab.dir);
  const listen = `${lab.a.address}:80`;
  return `ServerRoot ${paths.dir}
ServerName ${lab.target.host}
PidFile ${join(paths.dir, 'run', 'httpd.pid')}
DefaultRuntimeDir ${join(paths.dir, 'run')}
Mutex file:${join(paths.dir, 'run')} default
User www-data
Group www-data
Listen ${listen}
HostnameLookups Off
ErrorLog ${paths.errorLog}
LogLevel warn auth_gssapi:info
LogFormat "%h %u \\"%r\\" %>s %b" lab
CustomLog ${paths.accessLog} lab
LoadModule mpm_event_module ${MODULES}/mod_mpm_event.so
LoadModule authz_core_module ${MODULES}/mod_authz_core.so
LoadModule authz_user_module ${MODULES}/mod_authz_user.so
LoadModule authn_core_module ${MODULES}/mod_authn_core.so
LoadModule auth_gssapi_module ${MODULES}/mod_auth_gssapi.so
LoadModule alias_module ${MODULES}/mod_alias.so
LoadModule cgid_module ${MODULES}/mod_cgid.so
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
<VirtualHost ${listen}>
  ServerName ${lab.target.host}
  DocumentRoot ${join(paths.dir, 'empty')}
${easLocation(lab.target.host, paths)}
</VirtualHost>
`;
}

/** Writes the config and starts Apache; the folder must be traversable by www-data. */
export async function startMitEas(lab: MitEasLab): Promise<LabProcess> {
  const paths = apachePaths(lab.dir);
  const www = await wwwData();
  for (const sub of ['run', 'logs', 'cgi', 'empty', 'rcache', 'scenario-eas']) await mkdir(join(paths.dir, sub), { recursive: true });
  await writeFile(join(paths.dir, 'cgi', 'eas.cgi'), EAS_CGI, { mode: 0o755 });
  await chmod(join(paths.dir, 'cgi', 'eas.cgi'), 0o755);
  await chown(join(paths.dir, 'rcache'), www.uid, www.gid);
  await copyFile(lab.target.keytab, paths.keytab);
  await chown(paths.keytab, www.uid, www.gid);
  await chmod(paths.keytab, 0o600);
  await writeFile(paths.conf, config(lab));
  await rm(join(paths.dir, 'run', 'httpd.pid'), { force: true });
  const pid = startDaemon('apache2', ['-f', paths.conf, '-DFOREGROUND'], join(paths.dir, 'logs', 'apache.out'), apacheEnv(lab.krb5Conf, paths));
  try {
    await waitForPort(lab.a.address, 80, 30_000, pid);
  } catch (e) {
    const out = await readFile(join(paths.dir, 'logs', 'apache.out'), 'utf8').catch(() => '');
    await stopProcess(pid);
    throw new LabError('apache start (MIT realm)', `${(e as Error).message}; apache said: ${out.split('\n').slice(-6).join(' | ')}`);
  }
  return pid;
}
