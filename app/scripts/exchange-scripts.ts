import type { Result } from '../contract/result';
import { Quoter } from './quote';
import { CMD_PREAMBLE, lines } from './script';
import { type GeneratedScript } from '../contract/scripts';
import type { ScriptValues } from './context';

/** The service account in each CAS/EAS server's local IIS_IUSRS group. */
export function iisIusrsScript(v: ScriptValues): Result<GeneratedScript> {
  const q = new Quoter();
  const meta = {
    title: 'Service account in the local IIS_IUSRS group',
    runBy: 'a local administrator of each CAS/EAS server',
    runOn: 'an elevated command prompt on every CAS/EAS server (each array member)',
    guideStep: 'Add a Service Account to the CAS/EAS Server, steps 1–2',
  };
  const member = `${v.netbios}\\${v.serviceAccount}`;
  const body = [
    'rem System error 1378 means the account is already a member: nothing to do.',
    `net localgroup IIS_IUSRS ${q.cmd(member)} /add`,
    'net localgroup IIS_IUSRS',
  ];
  const head = q.header('cmd', meta);
  return q.finish(() => ({
    id: 'exchange-iis-iusrs',
    fileName: 'exchange-iis-iusrs.cmd',
    ...meta,
    shell: 'cmd',
    troubleshootingOnly: false,
    content: lines(CMD_PREAMBLE, head, body),
    encoding: 'utf8',
  }));
}

/** The Exchange plan's appcmd lines: Windows authentication on the ActiveSync virtual directory. */
export function exchangeIisScript(appcmd: readonly string[], notes: readonly string[]): Result<GeneratedScript> {
  const q = new Quoter();
  const meta = {
    title: 'Windows authentication on the ActiveSync virtual directory',
    runBy: 'a local administrator of each CAS/EAS server',
    runOn: 'an elevated command prompt on every CAS/EAS server',
    guideStep: 'Enable Windows Authentication on the CAS/EAS, steps 1–2; Troubleshooting, Error E',
    notes,
  };
  const head = q.header('cmd', meta);
  return q.finish(() => ({
    id: 'exchange-iis',
    fileName: 'exchange-iis.cmd',
    ...meta,
    shell: 'cmd',
    troubleshootingOnly: false,
    content: lines(CMD_PREAMBLE, head, appcmd),
    encoding: 'utf8',
  }));
}
