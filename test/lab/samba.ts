import { mkdir, readFile, writeFile, copyFile, chmod } from 'node:fs/promises';
import { join } from 'node:path';
import type { LabNames } from './names';
import { runOk, startDaemon, stopProcess, waitForPort, waitForPortsClosed, isRunning, LabError, type LabProcess } from './proc';

export interface SambaPaths {
  readonly dir: string;
  readonly smbConf: string;
  readonly log: string;
  readonly privateDir: string;
}

export function sambaPaths(labDir: string): SambaPaths {
  const dir = join(labDir, 'dc');
  return { dir, smbConf: join(dir, 'etc', 'smb.conf'), log: join(labDir, 'run', 'samba.log'), privateDir: join(dir, 'private') };
}

/**
 * Provisions a new AD domain under <lab>/dc (--targetdir: /etc/samba is never read or
 * written) and turns off every service that could talk beyond loopback (lab-notes pitfall 2).
 */
export async function provisionDc(names: LabNames, adminPassword: string): Promise<SambaPaths> {
  const paths = sambaPaths(names.dir);
  const run = join(names.dir, 'run');
  await mkdir(run, { recursive: true });
  await runOk(
    'samba provision',
    'samba-tool',
    [
      'domain',
      'provision',
      `--targetdir=${paths.dir}`,
      `--realm=${names.realm}`,
      `--domain=${names.netbios}`,
      '--server-role=dc',
      '--dns-backend=SAMBA_INTERNAL',
      `--host-name=${names.dcHost}`,
      `--host-ip=${names.dcAddress}`,
      `--adminpass=${adminPassword}`,
      // A bare address not configured on lo binds nothing; the /8 form binds exactly it (pitfall 3).
      `--option=interfaces = ${names.dcAddress}/8`,
      '--option=bind interfaces only = yes',
      `--option=pid directory = ${run}`,
      `--option=ncalrpc dir = ${join(run, 'ncalrpc')}`,
      `--option=winbindd socket directory = ${join(run, 'winbindd')}`,
      `--option=ntp signd socket directory = ${join(run, 'ntp_signd')}`,
      `--option=log file = ${paths.log}`,
    ],
    { timeoutMs: 120_000 },
  );
  return paths;
}

/** Gives Samba a lab-CA certificate (SAN DNS + IP, so LDAPS verifies; pitfall 9) and the loopback-only service set. */
export async function configureDc(names: LabNames, tls: { cert: string; key: string; issuing: string; ca: string }): Promise<void> {
  const paths = sambaPaths(names.dir);
  const tlsDir = join(paths.dir, 'tls');
  await mkdir(tlsDir, { recursive: true });
  // Leaf + issuing CA, as a Windows DC sends its chain: a client that holds only the root can verify.
  await writeFile(join(tlsDir, 'dc.pem'), (await readFile(tls.cert, 'utf8')) + (await readFile(tls.issuing, 'utf8')));
  await copyFile(tls.key, join(tlsDir, 'dc.key'));
  await copyFile(tls.ca, join(tlsDir, 'ca.pem'));
  // Samba refuses a TLS key readable by others.
  await chmod(join(tlsDir, 'dc.key'), 0o600);

  const conf = await readFile(paths.smbConf, 'utf8');
  const extra = [
    '\tserver services = -dns -dnsupdate -nbt -wrepl -ntp_signd -s3fs -winbindd',
    '\tdisable netbios = yes',
    '\tldap server require strong auth = yes',
    // Samba (like Windows for NTLM) accepts the previous password for 60 minutes after a
    // change; the wrong-password scenario needs the old one refused at once.
    '\told password allowed period = 0',
    '\ttls enabled = yes',
    `\ttls keyfile = ${join(tlsDir, 'dc.key')}`,
    `\ttls certfile = ${join(tlsDir, 'dc.pem')}`,
    `\ttls cafile = ${join(tlsDir, 'ca.pem')}`,
  ].join('\n');
  const edited = conf
    .split('\n')
    .filter((line) => !/^\s*dns forwarder\s*=/.test(line))
    .join('\n')
    .replace(/^\[global\]\n/m, `[global]\n${extra}\n`);
  if (edited === conf) throw new LabError('samba config', `no [global] section in ${paths.smbConf}`);
  await writeFile(paths.smbConf, edited);
}

export interface SambaStart {
  /** Extra environment, e.g. libfaketime for a skewed KDC. */
  readonly env?: NodeJS.ProcessEnv;
}

export async function startSamba(names: LabNames, options: SambaStart = {}): Promise<LabProcess> {
  const paths = sambaPaths(names.dir);
  const pid = startDaemon('samba', ['-s', paths.smbConf, '-F', '--no-process-group', '--debug-stdout', '-d1'], join(names.dir, 'run', 'samba.out'), {
    PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
    ...options.env,
  });
  try {
    await waitForPort(names.dcAddress, 88, 60_000, pid);
    await waitForPort(names.dcAddress, 636, 60_000, pid);
  } catch (e) {
    const out = await readFile(join(names.dir, 'run', 'samba.out'), 'utf8').catch(() => '');
    await stopProcess(pid);
    throw new LabError('samba start', `${(e as Error).message}; samba said: ${out.split('\n').slice(-6).join(' | ')}`);
  }
  return pid;
}

/**
 * SIGTERM to the root process stops the prefork children too, but they exit a moment after
 * it: wait until the DC's ports are closed, or a restart would find the old workers there.
 */
export async function stopSamba(pid: LabProcess, address: string): Promise<void> {
  const wasRunning = isRunning(pid);
  await stopProcess(pid, 15_000);
  if (wasRunning) await waitForPortsClosed(address, [88, 389, 636], 30_000);
}
