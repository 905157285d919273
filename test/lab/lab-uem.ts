import { writeFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { guideTenant, type ConsoleKcdValues } from './uem-fixture';
import type { LabNames } from './names';
import type { LabPki } from './pki';
import { LabError, startDaemon, stopProcess, waitForPort, type LabProcess } from './proc';

/** The UEM API fixture port on the web address (443 is Apache's). */
export const UEM_PORT = 8443;

export interface UemDaemonConfig {
  readonly address: string;
  readonly port: number;
  readonly certFile: string;
  readonly issuingCaFile: string;
  readonly keyFile: string;
  readonly kcd: ConsoleKcdValues;
  readonly password: string;
}

/** What the lab's UEM tenant holds (uem-fixture.ts guideTenant, with the lab's KCD names). */
export interface LabUem {
  readonly url: string;
  readonly address: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly tenantCode: string;
  readonly groupId: string;
  readonly groupName: string;
  readonly memConfigName: string;
  readonly memConfigId: string;
  readonly configFile: string;
}

export function describeUem(names: LabNames, pki: LabPki, password: string): { uem: LabUem; config: UemDaemonConfig } {
  const kcd: ConsoleKcdValues = { targetSpn: `HTTP/${names.exchangeHost}`, serviceAccount: names.serviceAccount, dcHost: names.dcHost, realm: names.realm };
  const tenant = guideTenant(kcd, password);
  const admin = tenant.users.find((u) => u.apiAccess !== false);
  const group = tenant.groups.find((g) => g.id === 570);
  const mem = tenant.memConfigs?.[0];
  if (!admin || !group || !mem) throw new LabError('uem', 'the guide tenant of uem-fixture.ts lacks its admin, group 570 or MEM configuration');
  return {
    uem: {
      url: `https://${names.uemFqdn}:${UEM_PORT}`,
      address: names.webAddress,
      port: UEM_PORT,
      user: admin.user,
      password: admin.password,
      tenantCode: tenant.tenantCode,
      groupId: String(group.id),
      groupName: group.name,
      memConfigName: mem.name,
      memConfigId: tenant.memConfigId,
      configFile: join(names.dir, 'uem', 'config.json'),
    },
    config: { address: names.webAddress, port: UEM_PORT, certFile: pki.uemTls.cert, issuingCaFile: pki.issuing.cert, keyFile: pki.uemTls.key, kcd, password },
  };
}

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..');

export async function writeUemConfig(uem: LabUem, config: UemDaemonConfig): Promise<void> {
  await mkdir(dirname(uem.configFile), { recursive: true });
  await writeFile(uem.configFile, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
}

/** Starts the fixture daemon (node + tsx, from the repository root) and waits for its port. */
export async function startUem(uem: LabUem): Promise<LabProcess> {
  const log = join(dirname(uem.configFile), 'uem.out');
  const proc = startDaemon(
    process.execPath,
    ['--import', 'tsx', join(HERE, 'lab-uem-daemon.ts'), uem.configFile],
    log,
    { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    REPO,
  );
  try {
    await waitForPort(uem.address, uem.port, 60_000, proc);
  } catch (e) {
    await stopProcess(proc);
    const out = await readFile(log, 'utf8').catch(() => '');
    throw new LabError('uem start', `${(e as Error).message}; it said: ${out.split('\n').slice(-4).join(' | ')}`);
  }
  return proc;
}

export async function stopUem(proc: LabProcess): Promise<void> {
  await stopProcess(proc, 10_000);
}
