import { Quoter } from './quote';
import { CMD_PREAMBLE, lines } from './script';
import { type GeneratedScript } from '../contract/scripts';
import type { ScriptFindings, ScriptValues } from './context';
import type { Result } from '../contract/result';

/** setspn: the target SPN on exactly one account, and the service account's own SPN (delegation needs one). */
export function spnScript(v: ScriptValues, findings: ScriptFindings): Result<GeneratedScript> {
  const q = new Quoter();
  const meta = {
    title: 'Service principal names for cross-domain KCD',
    runBy: `a Domain Admin of ${v.realm}`,
    runOn: `a command prompt on any server of ${v.realm}`,
    guideStep: v.casArray
      ? 'Create Alternate Service Account (ASA), steps 3–4; Assign Delegation Rights, step 5'
      : 'Configure KCD for Cross Domain Authentication, step 2; Assign Delegation Rights, step 5',
  };
  const wrongHolders = (findings.targetSpnHolders ?? []).filter(
    (holder) => holder.replace(/\$$/, '').toLowerCase() !== v.spnHolder.replace(/\$$/, '').toLowerCase(),
  );
  const spns = v.delegationSpns;
  const body = [
    ...(wrongHolders.length > 0 ? ['rem The target SPN is also registered on other accounts (found by Verify): a duplicate SPN breaks Kerberos.'] : []),
    ...wrongHolders.flatMap((holder) => spns.map((spn) => `setspn -D ${q.cmd(spn)} ${q.cmd(holder)}`)),
    `rem -S refuses to add an SPN that another account already holds.`,
    ...spns.map((spn) => `setspn -S ${q.cmd(spn)} ${q.cmd(v.spnHolder)}`),
    `rem The service account needs an SPN of its own before delegation can be set on it (guide: HTTP/aw_KCDsvc).`,
    `setspn -S ${q.cmd(`HTTP/${v.serviceAccount}`)} ${q.cmd(v.serviceAccount)}`,
    `setspn -L ${q.cmd(v.spnHolder)}`,
    `setspn -L ${q.cmd(v.serviceAccount)}`,
  ];
  const head = q.header('cmd', meta);
  return q.finish(() => ({
    id: 'ad-spn',
    fileName: 'ad-spn.cmd',
    ...meta,
    shell: 'cmd',
    troubleshootingOnly: false,
    content: lines(CMD_PREAMBLE, head, body),
    encoding: 'utf8',
  }));
}

/** Constrained delegation with protocol transition on the service account. */
export function delegationScript(v: ScriptValues): Result<GeneratedScript> {
  const q = new Quoter();
  const meta = {
    title: 'Delegation rights for the SEG service account',
    runBy: `a Domain Admin of ${v.realm}`,
    runOn: `Windows PowerShell (ActiveDirectory module) on a domain controller of ${v.realm} or a machine with RSAT`,
    guideStep: 'Assign Delegation Rights to the Service Account, steps 5–8',
  };
  const spnList = v.delegationSpns.map((spn) => q.ps(spn)).join(', ');
  const body = [
    `$ErrorActionPreference = 'Stop'`,
    'Import-Module ActiveDirectory',
    `$server = ${q.ps(v.dcFqdn)}`,
    `$account = ${q.ps(v.serviceAccount)}`,
    `$spns = @(${spnList})`,
    '',
    '# "Trust this user for delegation to specified services only": add only the SPNs not there yet',
    '# (adding a value that exists fails).',
    `$current = @((Get-ADUser -Server $server -Identity $account -Properties 'msDS-AllowedToDelegateTo').'msDS-AllowedToDelegateTo')`,
    '$missing = @($spns | Where-Object { $current -notcontains $_ })',
    `if ($missing.Count -gt 0) { Set-ADUser -Server $server -Identity $account -Add @{'msDS-AllowedToDelegateTo' = $missing} }`,
    '',
    '# "Use any authentication protocol" (protocol transition, S4U2Self): the device presents a certificate, not a password.',
    'Set-ADAccountControl -Server $server -Identity $account -TrustedToAuthForDelegation $true',
    '',
    `Get-ADUser -Server $server -Identity $account -Properties 'msDS-AllowedToDelegateTo', 'userAccountControl', 'servicePrincipalName' |`,
    `  Format-List 'SamAccountName', 'servicePrincipalName', 'msDS-AllowedToDelegateTo', 'userAccountControl'`,
  ];
  const head = q.header('powershell', meta);
  return q.finish(() => ({
    id: 'ad-delegation',
    fileName: 'ad-delegation.ps1',
    ...meta,
    shell: 'powershell',
    troubleshootingOnly: false,
    content: lines(head, body),
    encoding: 'utf8-bom',
  }));
}

/** The ASA for a CAS array: computer account, its SPN, and the credential rolled out to every array member. */
export function asaScript(v: ScriptValues, asaAccount: string): Result<GeneratedScript> {
  const q = new Quoter();
  const meta = {
    title: 'Alternate service account (ASA) for the CAS array',
    runBy: `an Exchange Organization Management member who may create computer accounts in ${v.realm}`,
    runOn: 'the Exchange Management Shell on one Client Access server of the array',
    guideStep: 'Kerberos Authentication to Load Balance Servers: Create Alternate Service Account (ASA), steps 1–6',
  };
  const body = [
    `$ErrorActionPreference = 'Stop'`,
    'Import-Module ActiveDirectory',
    `$server = ${q.ps(v.dcFqdn)}`,
    `$asa = ${q.ps(asaAccount)}`,
    `$arrayFqdn = ${q.ps(v.casFqdn)}`,
    '',
    '# A computer account: no interactive logon. Its password is replaced by RollAlternateServiceAccountPassword.ps1 below.',
    '# The AD cmdlets resolve $asa inside the filter themselves, so the name is never spliced into it.',
    "if (-not (Get-ADComputer -Server $server -Filter 'Name -eq $asa')) {",
    "  New-ADComputer -Server $server -Name $asa -SamAccountName $asa -Enabled $true -Description 'Exchange CAS array alternate service account'",
    '}',
    '# Wait until the account has replicated to every domain controller before going on (guide, step 1).',
    '',
    `setspn -S ${q.psNative(`http/${v.casFqdn}`)} ${q.psNative(`${asaAccount}$`)}`,
    `setspn -L ${q.psNative(`${asaAccount}$`)}`,
    '',
    'Set-Location $exscripts',
    `.\\RollAlternateServiceAccountPassword.ps1 -ToArrayMembers $arrayFqdn -GenerateNewPasswordFor ${q.ps(`${v.netbios}\\${asaAccount}$`)} -Verbose`,
    "Get-ClientAccessServer -IncludeAlternateServiceAccountCredentialStatus | Format-List 'Name', '*alter*'",
  ];
  const head = q.header('powershell', meta);
  return q.finish(() => ({
    id: 'exchange-asa',
    fileName: 'exchange-asa.ps1',
    ...meta,
    shell: 'powershell',
    troubleshootingOnly: false,
    content: lines(head, body),
    encoding: 'utf8-bom',
  }));
}
