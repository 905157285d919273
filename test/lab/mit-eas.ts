/**
 * The ActiveSync stand-in of the MIT realm A: Apache + mod_auth_gssapi on A's address, port 80,
 * with the target's keytab from the MIT KDB (the same location, CGI and modules as the Samba
 * lab's Apache, apache.ts). HTTP only: TLS to the EAS host is tested against the Samba lab.
 */
import { chmod, chown, copyFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { apacheEnv, apachePaths, apacheServer, easLocation, prepareWebFolders, wwwData } from './apache';
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
  return `${apacheServer(lab.target.host, paths, [listen])}
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
  await prepareWebFolders(paths);
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
