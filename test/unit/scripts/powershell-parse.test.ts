import { describe, expect, it } from 'vitest';
import { generateScripts } from '../../../app/configure/generate-scripts';
import type { ScriptOptions } from '../../../app/scripts/context';
import type { Settings } from '../../../app/contract/settings';
import { bindRemedy, parseBindReason, type BindSubCode } from '../../../app/checks/ad/bind-diagnostics';
import { ldapFilterArg, nativeArg, psLiteral } from '../../../app/scripts/quote';
import { readPowerShell } from '../../support/powershell-parser';
import { guideSettings } from '../../support/settings';

/**
 * Every generated .ps1 and every PowerShell remedy command, read by an independent parser
 * (tree-sitter-powershell) with hostile values in the settings: the text parses, each value
 * stays inside one string literal (or comment), and no command runs but ours.
 */

const PAYLOADS = [
  "'; calc; '",
  '"; calc; "',
  '`; calc',
  '$(calc)',
  '; calc',
  "a' + (calc) + 'b",
  '@(calc)',
  '<# x #> calc',
  '\r\ncalc.exe & rem ',
  '\ncalc',
  '\rcalc',
  '|calc',
];
const marked = (payload: string) => `ZQ<${payload}>QZ`;

type Field = { readonly name: string; readonly settings?: (s: Settings, v: string) => Settings; readonly options?: (v: string) => Partial<ScriptOptions> };

const FIELDS: readonly Field[] = [
  { name: 'realm', settings: (s, v) => ({ ...s, kcd: { ...s.kcd, domains: [{ realm: v, dcHost: 'sedc01' }] } }) },
  { name: 'dcHost', settings: (s, v) => ({ ...s, kcd: { ...s.kcd, domains: [{ realm: 'SE.AIRWLAB.COM', dcHost: v }] } }) },
  { name: 'serviceAccount', settings: (s, v) => ({ ...s, kcd: { ...s.kcd, serviceAccount: v } }) },
  { name: 'targetSpn', settings: (s, v) => ({ ...s, kcd: { ...s.kcd, targetSpn: v } }) },
  { name: 'email.host', settings: (s, v) => ({ ...s, email: { ...s.email, host: v } }) },
  { name: 'casArray.fqdn', settings: (s, v) => ({ ...s, email: { ...s.email, casArray: { enabled: true, fqdn: v } } }) },
  {
    name: 'asaAccount',
    settings: (s) => ({ ...s, email: { ...s.email, casArray: { enabled: true, fqdn: 'cas.se.airwlab.com' } } }),
    options: (v) => ({ asaAccount: v }),
  },
  {
    name: 'netbiosDomain',
    settings: (s) => ({ ...s, email: { ...s.email, casArray: { enabled: true, fqdn: 'cas.se.airwlab.com' } } }),
    options: (v) => ({ netbiosDomain: v }),
  },
  { name: 'caWebHost', options: (v) => ({ caWebHost: v }) },
  { name: 'certEnrollFolder', options: (v) => ({ certEnrollFolder: v }) },
  { name: 'segInstallRoot', options: (v) => ({ segInstallRoot: v }) },
];

const base = (): Settings => ({ ...guideSettings(), certificates: { roots: [], intermediates: [], deviceCertificate: '' } });

async function powershellScripts(settings: Settings, options: Partial<ScriptOptions> = {}) {
  const set = await generateScripts({ settings, baseDir: '.', options: { caWebHost: 'pki.se.airwlab.com', ...options } });
  return set.scripts.filter((s) => s.shell === 'powershell');
}

/** Each marked value in the text: the span from its opening to its closing marker. */
function spans(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (let at = text.indexOf('ZQ<'); at >= 0; at = text.indexOf('ZQ<', at + 1)) {
    const close = text.indexOf('>QZ', at);
    out.push([at, close < 0 ? text.length : close + 3]);
  }
  return out;
}

function expectContained(text: string, allowed: ReadonlySet<string>, what: string) {
  const reading = readPowerShell(text);
  expect(reading.errors, `${what}: parse errors`).toEqual([]);
  expect(
    reading.commandNames.filter((name) => !allowed.has(name.toLowerCase())),
    `${what}: commands not ours`,
  ).toEqual([]);
  for (const [start, end] of spans(text)) {
    expect(reading.enclosing(start, end), `${what}: ${JSON.stringify(text.slice(start, end))} is not inside one string or comment`).not.toBeNull();
  }
}

describe('generated PowerShell scripts under an independent parser', () => {
  it('the guide settings give scripts that parse, with the commands we expect', async () => {
    const scripts = await powershellScripts({ ...base(), email: { ...base().email, casArray: { enabled: true, fqdn: 'cas.se.airwlab.com' } } });
    expect(scripts.map((s) => s.fileName)).toEqual(
      expect.arrayContaining(['ad-delegation.ps1', 'exchange-asa.ps1', 'ca-cdp-aia.ps1', 'seg-kerberos-path.ps1']),
    );
    for (const s of scripts) expect(readPowerShell(s.content).errors, s.fileName).toEqual([]);
  });

  it('a hostile value in any field lands inside one string node and runs nothing', async () => {
    const allowed = new Set<string>();
    for (const field of FIELDS) {
      const settings = field.settings?.(base(), 'benign') ?? base();
      for (const s of await powershellScripts(settings, field.options?.('benign')))
        for (const name of readPowerShell(s.content).commandNames) allowed.add(name.toLowerCase());
    }
    expect(allowed).toContain('set-adaccountcontrol');
    let checked = 0;
    for (const field of FIELDS) {
      for (const payload of PAYLOADS) {
        const value = marked(payload);
        const settings = field.settings?.(base(), value) ?? base();
        for (const script of await powershellScripts(settings, field.options?.(value))) {
          expectContained(script.content, allowed, `${script.fileName} with ${field.name}=${JSON.stringify(payload)}`);
          checked += spans(script.content).length;
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  }, 60_000);

  it('a line break in a value that reaches a header refuses the script instead of writing a line of its own', async () => {
    const settings = { ...base(), kcd: { ...base().kcd, domains: [{ realm: 'EX.TEST\r\ncalc.exe & rem', dcHost: 'sedc01' }] } };
    const set = await generateScripts({ settings, baseDir: '.' });
    for (const script of set.scripts) expect(script.content, script.fileName).not.toMatch(/^calc\.exe/m);
    expect(set.refused.map((r) => r.id)).toEqual(expect.arrayContaining(['ad-spn', 'ad-delegation']));
    expect(set.refused.find((r) => r.id === 'ad-spn')?.reason).toMatch(/control character U\+000D/);
  });
});

describe('PowerShell remedy commands under an independent parser', () => {
  const ours = new Set([
    'set-aduser',
    'get-aduser',
    'new-aduser',
    'setspn',
    'unlock-adaccount',
    'enable-adaccount',
    'set-adaccountpassword',
    'test-netconnection',
    'resolve-dnsname',
    'certutil',
    'remove-adgroupmember',
    'clear-adaccountexpiration',
    'read-host',
    'get-adgroupmember',
    'w32tm',
  ]);

  it('hostile account, realm, SPN and host values stay inside one string node', () => {
    const codes: BindSubCode[] = ['525', '52e', '530', '531', '532', '533', '701', '773', '775'];
    for (const payload of [...PAYLOADS, 'plain', 'SEMAIL01$']) {
      const v = marked(payload);
      const commands = [
        ...codes.map((code) => bindRemedy(parseBindReason(`AcceptSecurityContext error, data ${code}, v1db1`)!, v, `${v}.TEST`).command),
        `Set-ADUser -Identity ${psLiteral(v)} -PasswordNeverExpires $true`,
        `setspn -S ${nativeArg(v)} ${nativeArg(`${v}$`)}`,
        `setspn -Q ${nativeArg(`HTTP/${v}`)}`,
        `Get-ADUser -LDAPFilter ${ldapFilterArg('userPrincipalName', v)}`,
        `Test-NetConnection -ComputerName ${nativeArg(v)} -Port 88`,
        `Resolve-DnsName -Name ${nativeArg(v)} -Server ${nativeArg(v)}`,
        `w32tm /stripchart ${nativeArg(`/computer:${v}`)} /samples:3 /dataonly`,
        `certutil -verify -urlfetch ${nativeArg(v)}`,
        `Remove-ADGroupMember -Identity ${psLiteral(v)} -Members ${psLiteral(v)} -Confirm:$false`,
      ];
      for (const command of commands) expectContained(command, ours, `${command}`);
    }
  });
});
