import { err, type Result } from '../contract/result';
import type { CertificateRef } from '../pki/certificate-refs';
import { Quoter } from './quote';
import { renderRegFile } from './reg-file';
import { CMD_PREAMBLE, header, lines } from './script';
import { type GeneratedScript } from '../contract/scripts';

const KERBEROS_PARAMETERS = 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\Kerberos\\Parameters';

export function segIisScript(appcmd: readonly string[], notes: readonly string[]): Result<GeneratedScript> {
  const q = new Quoter();
  const meta = {
    title: 'IIS on the SEG: certificate mapping, SSL, uploadReadAheadSize, application pool',
    runBy: 'a local administrator of the SEG server',
    runOn: 'an elevated command prompt on the SEG server',
    guideStep: 'Configure IIS for Certificate Authentication on SEG; Set Up Email Configuration; Set Up SSL; Adjust uploadReadAheadSize; Install SEG, step 11',
    notes,
  };
  const head = q.header('cmd', meta);
  return q.finish(() => ({
    id: 'seg-iis',
    fileName: 'seg-iis.cmd',
    ...meta,
    shell: 'cmd',
    troubleshootingOnly: false,
    content: lines(CMD_PREAMBLE, head, appcmd),
    encoding: 'utf8',
  }));
}

function regScript(
  id: string,
  fileName: string,
  meta: { title: string; guideStep: string; notes: string[] },
  troubleshootingOnly: boolean,
  value: { kind: 'dword'; data: number } | { kind: 'delete' },
  name: string,
): Result<GeneratedScript> {
  const full = {
    ...meta,
    runBy: 'a local administrator of the SEG server',
    runOn: 'the SEG server: double-click the file, or reg import it from an elevated prompt',
  };
  const text = renderRegFile(
    [{ path: KERBEROS_PARAMETERS, values: [{ name, value }] }],
    header('reg', full).map((line) => line.replace(/^; /, '')),
  );
  return text.ok ? { ok: true, value: { id, fileName, ...full, shell: 'reg', troubleshootingOnly, content: text.value, encoding: 'utf16le-bom' } } : text;
}

/** Error C: Kerberos over TCP when the reply is too big for UDP (KRB_ERR_RESPONSE_TOO_BIG, 0x34). */
export function maxPacketSizeReg(): Result<GeneratedScript> {
  return regScript(
    'seg-kerberos-maxpacketsize',
    'seg-kerberos-maxpacketsize.reg',
    {
      title: 'Kerberos over TCP (MaxPacketSize = 1)',
      guideStep: 'Troubleshooting, Error C, step 3',
      notes: ['Windows Kerberos then never uses UDP, whose replies are too small for tickets with many groups.'],
    },
    false,
    { kind: 'dword', data: 1 },
    'MaxPacketSize',
  );
}

export function kerberosLoggingReg(): Result<GeneratedScript> {
  return regScript(
    'seg-kerberos-logging',
    'seg-kerberos-logging-TROUBLESHOOTING-ONLY.reg',
    {
      title: 'Kerberos event logging (LogLevel = 1) - TROUBLESHOOTING ONLY, REMOVE AFTERWARDS',
      guideStep: 'Troubleshooting, Kerberos Event Logging',
      notes: ['TROUBLESHOOTING ONLY: it degrades performance. Remove it afterwards with seg-kerberos-logging-remove.reg.'],
    },
    true,
    { kind: 'dword', data: 1 },
    'LogLevel',
  );
}

export function kerberosLoggingRemoveReg(): Result<GeneratedScript> {
  return regScript(
    'seg-kerberos-logging-remove',
    'seg-kerberos-logging-remove.reg',
    {
      title: 'Remove Kerberos event logging (LogLevel)',
      guideStep: 'Troubleshooting, Kerberos Event Logging',
      notes: ['Run when troubleshooting is over; no restart is needed.'],
    },
    true,
    { kind: 'delete' },
    'LogLevel',
  );
}

/** Error A: the SEG's KerberosFiles folder on the machine PATH, found below the install root. */
export function kerberosPathScript(installRoot: string): Result<GeneratedScript> {
  const q = new Quoter();
  const meta = {
    title: 'KerberosFiles on the system PATH',
    runBy: 'a local administrator of the SEG server',
    runOn: 'an elevated Windows PowerShell on the SEG server',
    guideStep: 'Troubleshooting, Error A',
  };
  const body = [
    `$ErrorActionPreference = 'Stop'`,
    `$root = ${q.ps(installRoot)}`,
    "$folder = Get-ChildItem -LiteralPath $root -Directory -Recurse -Filter 'KerberosFiles' | Select-Object -First 1 -ExpandProperty FullName",
    'if (-not $folder) { throw "No KerberosFiles folder below $root: is the SEG installed there?" }',
    "$path = [Environment]::GetEnvironmentVariable('Path', 'Machine')",
    "$entries = @($path -split ';' | Where-Object { $_ -ne '' })",
    'if ($entries -notcontains $folder) {',
    "  [Environment]::SetEnvironmentVariable('Path', (($entries + $folder) -join ';'), 'Machine')",
    '  "Added $folder to the machine PATH. Restart IIS (iisreset) so the SEG sees it."',
    '} else { "$folder is already on the machine PATH." }',
  ];
  const head = q.header('powershell', meta);
  return q.finish(() => ({
    id: 'seg-kerberos-path',
    fileName: 'seg-kerberos-path.ps1',
    ...meta,
    shell: 'powershell',
    troubleshootingOnly: false,
    content: lines(head, body),
    encoding: 'utf8-bom',
  }));
}

/** Guide step 13: the root CA in Trusted Root, intermediates in Intermediate CAs, Local Computer stores. */
export function trustCaScript(roots: readonly CertificateRef[], intermediates: readonly CertificateRef[]): Result<GeneratedScript> {
  if (roots.length === 0) return err('script.needs-input', 'No root CA certificate is given in the Certificates step.', 'Add the root CA certificate.');
  const q = new Quoter();
  const meta = {
    title: 'Trust the CA on the SEG',
    runBy: 'a local administrator of the SEG server',
    runOn: 'an elevated command prompt on the SEG server, in the folder that holds the .cer files',
    guideStep: 'Install SEG, step 13',
  };
  const body = [
    ...roots.map((c) => `certutil -addstore -f Root ${q.cmd(c.fileName)}`),
    ...intermediates.map((c) => `certutil -addstore -f CA ${q.cmd(c.fileName)}`),
  ];
  const head = q.header('cmd', meta);
  return q.finish(() => ({
    id: 'seg-trust-ca',
    fileName: 'seg-trust-ca.cmd',
    ...meta,
    shell: 'cmd',
    troubleshootingOnly: false,
    content: lines(CMD_PREAMBLE, head, body),
    encoding: 'utf8',
  }));
}

/** Copies what the seg.* checks read into one folder, to be carried to wherever the tool runs. */
export function collectScript(): Result<GeneratedScript> {
  const q = new Quoter();
  const meta = {
    title: 'Collect the SEG host files for the seg.* checks',
    runBy: 'a local administrator of the SEG server',
    runOn: 'an elevated command prompt on the SEG server; then copy the seg-evidence folder to the tool',
    guideStep: 'Verify (seg.* checks)',
    notes: [
      'Set seg.iisConfigPath to seg-evidence\\applicationHost.config, seg.registryExport to seg-evidence\\seg-registry.reg and seg.folder to seg-evidence.',
    ],
  };
  const body = [
    'set "OUT=%USERPROFILE%\\Desktop\\seg-evidence"',
    'if not exist "%OUT%" mkdir "%OUT%"',
    'copy /y "%windir%\\system32\\inetsrv\\config\\applicationHost.config" "%OUT%\\applicationHost.config"',
    'copy /y "%ProgramData%\\MIT\\Kerberos5\\krb5.ini" "%OUT%\\krb5.ini"',
    'reg export "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Session Manager\\Environment" "%OUT%\\env.reg" /y',
    'reg export "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\ROOT" "%OUT%\\root.reg" /y',
    'reg export "HKLM\\SOFTWARE\\Microsoft\\SystemCertificates\\CA" "%OUT%\\ca.reg" /y',
    'rem reg export fails when a key is absent (no certificates pushed by policy): the empty file keeps copy /b going.',
    'reg export "HKLM\\SOFTWARE\\Policies\\Microsoft\\SystemCertificates\\Root" "%OUT%\\policy-root.reg" /y || type nul > "%OUT%\\policy-root.reg"',
    'copy /y /b "%OUT%\\env.reg" + "%OUT%\\root.reg" + "%OUT%\\ca.reg" + "%OUT%\\policy-root.reg" "%OUT%\\seg-registry.reg"',
    'echo Collected in %OUT%',
  ];
  const head = q.header('cmd', meta);
  return q.finish(() => ({
    id: 'seg-collect',
    fileName: 'seg-collect.cmd',
    ...meta,
    shell: 'cmd',
    troubleshootingOnly: false,
    content: lines(CMD_PREAMBLE, head, body),
    encoding: 'utf8',
  }));
}
