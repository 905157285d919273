import { describe, expect, it } from 'vitest';
import { appcmdCommands } from '../../../app/scripts/appcmd';
import { DEFAULT_IIS_OPTIONS, type IisPlanOptions } from '../../../app/iis/iis-options';
import type { IisPlan, ServerRole } from '../../../app/contract/iis';
import { buildIisPlan, planHolds, renderPlannedText } from '../../../app/iis/iis-plan';
import { unifiedDiff } from '../../../app/iis/line-diff';
import { fixture, labSettings } from './helpers';

function plan(role: ServerRole, text: string, options: Partial<IisPlanOptions> = {}, settings = labSettings()): IisPlan {
  const result = buildIisPlan(role, text, settings, { ...DEFAULT_IIS_OPTIONS, ...options });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function render(text: string, p: IisPlan): string {
  const next = renderPlannedText(text, p);
  if (!next.ok) throw new Error(next.error.message);
  return next.value;
}

function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const diff = unifiedDiff(before, after, 'a', 'b').split('\n');
  return {
    removed: diff.filter((l) => l.startsWith('-') && !l.startsWith('---')),
    added: diff.filter((l) => l.startsWith('+') && !l.startsWith('+++')),
  };
}

describe('SEG plan', () => {
  it('plans every guide step on a freshly installed SEG and ties each to its step', () => {
    const p = plan('seg', fixture('seg-installed.config'));
    expect(p.items.map((i) => [i.id, i.state])).toEqual([
      ['seg.client-cert-mapping.server', 'change'],
      ['seg.client-cert-mapping.activesync', 'change'],
      ['seg.ssl-settings', 'change'],
      ['seg.upload-read-ahead.server', 'change'],
      ['seg.upload-read-ahead.site', 'change'],
      ['seg.app-pool.identity', 'change'],
      ['seg.app-pool.32-bit', 'change'],
    ]);
    expect(p.blocked).toEqual([]);
    for (const item of p.items) expect(item.guideStep).not.toBe('');
    expect(p.items.find((i) => i.id === 'seg.app-pool.identity')!.current).toBe('ApplicationPoolIdentity');
    expect(p.items.find((i) => i.id === 'seg.app-pool.identity')!.currentSource).toBe('applicationPoolDefaults/processModel');
  });

  it('writes only the needed lines, CRLF kept, the locked sections in <location> blocks', () => {
    const before = fixture('seg-installed.config');
    const after = render(before, plan('seg', before));
    const { removed, added } = changedLines(before, after);
    expect(removed.map((l) => l.replace(/^-\s*/, '-'))).toEqual([
      '-<add name="SecureEmailGateway" managedRuntimeVersion="v4.0" />',
      '-<clientCertificateMappingAuthentication />',
      '-<serverRuntime />',
    ]);
    expect(added.map((l) => l.replace(/^\+\s*/, ''))).toEqual([
      '<add name="SecureEmailGateway" managedRuntimeVersion="v4.0" enable32BitAppOnWin64="true">',
      '<processModel identityType="NetworkService" />',
      '</add>',
      '<clientCertificateMappingAuthentication enabled="true" />',
      '<serverRuntime uploadReadAheadSize="10485760" />',
      '<location path="Default Web Site/Microsoft-Server-ActiveSync">',
      '<system.webServer>',
      '<security>',
      '<authentication>',
      '<clientCertificateMappingAuthentication enabled="true" />',
      '</authentication>',
      '<access sslFlags="Ssl, SslNegotiateCert, SslRequireCert" />',
      '</security>',
      '</system.webServer>',
      '</location>',
      '<location path="Default Web Site">',
      '<system.webServer>',
      '<serverRuntime uploadReadAheadSize="10485760" />',
      '</system.webServer>',
      '</location>',
    ]);
    expect(after.replace(/\r\n/g, '')).not.toContain('\n');
    expect(after.endsWith('</configuration>\r\n')).toBe(true);
  });

  it('is idempotent: the plan made from the result has nothing left to do', () => {
    for (const name of ['seg-installed.config', 'seg-half-configured.config', 'seg-unusual-format.config']) {
      const before = fixture(name);
      const first = plan('seg', before);
      const after = render(before, first);
      expect(planHolds(after, first)).toEqual({ ok: true, value: true });
      const second = plan('seg', after);
      expect(second.items.every((i) => i.state === 'done')).toBe(true);
      expect(render(after, second)).toBe(after);
    }
  });

  it('on a half-configured SEG changes only what is missing and keeps what is set', () => {
    const before = fixture('seg-half-configured.config');
    const p = plan('seg', before);
    expect(p.items.filter((i) => i.state === 'change').map((i) => i.id)).toEqual(['seg.ssl-settings', 'seg.app-pool.32-bit']);
    const { removed, added } = changedLines(before, render(before, p));
    expect(removed.map((l) => l.replace(/^-\s*/, '-'))).toEqual([
      '-<add name="SecureEmailGateway" managedRuntimeVersion="v4.0">',
      '-<access sslFlags="Ssl" />',
    ]);
    expect(added.map((l) => l.replace(/^\+\s*/, '+'))).toEqual([
      '+<add name="SecureEmailGateway" managedRuntimeVersion="v4.0" enable32BitAppOnWin64="true">',
      '+<access sslFlags="Ssl, SslNegotiateCert, SslRequireCert" />',
    ]);
  });

  it('keeps tabs, single quotes, comments and CDATA of a hand-edited file', () => {
    const before = fixture('seg-unusual-format.config');
    const after = render(before, plan('seg', before));
    expect(after.startsWith('\ufeff')).toBe(true);
    expect(after).toContain("\t\t\t     enable32BitAppOnWin64='true'>");
    expect(after).toContain("\t\t\t\t<processModel identityType='NetworkService'/>");
    expect(after).toContain('<!-- <add name="Decoy" /> a commented-out pool must stay a comment -->');
    expect(after).toContain("\t\t\t\t\tenabled = 'true' />");
    expect(after).toContain("<serverRuntime uploadReadAheadSize='10485760'></serverRuntime>");
    expect(after).toContain("<location path='Default Web Site/Microsoft-Server-ActiveSync'><![CDATA[ </location> ]]>\r\n\t\t<system.webServer>");
    const { removed } = changedLines(before, after);
    expect(removed).toHaveLength(5);
  });

  it('accepts client certificates when other authentication is allowed, and keeps extra flags', () => {
    const before = fixture('seg-half-configured.config').replace('sslFlags="Ssl"', 'sslFlags="Ssl,Ssl128"');
    const item = plan('seg', before, { clientCertificates: 'accept' }).items.find((i) => i.id === 'seg.ssl-settings')!;
    expect(item.setting.kind === 'attribute' && item.setting.value).toBe('Ssl, SslNegotiateCert, Ssl128');
  });

  it('blocks the app pool item, with the reason, when the SEG is not installed', () => {
    const p = plan('seg', fixture('default-iis.config'));
    expect(p.blocked.map((b) => b.id)).toEqual(['seg.app-pool']);
    expect(p.blocked[0]!.reason).toMatch(/no application \/microsoft-server-activesync/i);
    expect(plan('seg', fixture('default-iis.config'), { segAppPool: 'DefaultAppPool' }).blocked).toEqual([]);
  });

  it('refuses a damaged file and a file that is not applicationHost.config', () => {
    const damaged = buildIisPlan('seg', fixture('damaged.config'), labSettings(), DEFAULT_IIS_OPTIONS);
    expect(!damaged.ok && damaged.error.code).toBe('iis.config-damaged');
    const other = buildIisPlan('seg', '<?xml version="1.0"?><settings/>', labSettings(), DEFAULT_IIS_OPTIONS);
    expect(!other.ok && other.error.code).toBe('iis.not-applicationhost');
  });

  it('reads the server role from the file and refuses a plan for another role, naming what it saw', () => {
    const onExchange = buildIisPlan('seg', fixture('exchange.config'), labSettings(), DEFAULT_IIS_OPTIONS);
    expect(!onExchange.ok && onExchange.error.code).toBe('iis.wrong-server');
    expect(!onExchange.ok && onExchange.error.message).toContain('an Exchange server (<add name="MSExchangeSyncAppPool">)');
    const onSeg = buildIisPlan('exchange', fixture('seg-installed.config'), labSettings(), DEFAULT_IIS_OPTIONS);
    expect(!onSeg.ok && onSeg.error.message).toContain('a SEG server');
    expect(buildIisPlan('ca', fixture('seg-unusual-format.config'), labSettings(), DEFAULT_IIS_OPTIONS).ok).toBe(false);
    // A bare IIS shows no role: every plan may be made for it.
    for (const role of ['seg', 'exchange', 'ca'] as const)
      expect(buildIisPlan(role, fixture('default-iis.config'), labSettings(), DEFAULT_IIS_OPTIONS).ok).toBe(true);
  });

  it('refuses to render a plan onto text it was not made from', () => {
    const p = plan('seg', fixture('seg-installed.config'));
    const result = renderPlannedText(fixture('seg-half-configured.config'), p);
    expect(!result.ok && result.error.code).toBe('iis.config-changed');
  });
});

describe('Exchange and CA plans', () => {
  it('enables Windows authentication on the ActiveSync directory and restores Negotiate after <clear/>', () => {
    const before = fixture('exchange.config');
    const p = plan('exchange', before);
    expect(p.items.filter((i) => i.state === 'change').map((i) => i.id)).toEqual([
      'exchange.windows-auth',
      'exchange.anonymous-off',
      'exchange.use-app-pool-credentials',
      'exchange.provider-negotiate',
    ]);
    const after = render(before, p);
    expect(after).toContain('<windowsAuthentication enabled="true" useAppPoolCredentials="true">');
    expect(after).toContain('<clear />\r\n                            <add value="NTLM" />\r\n                            <add value="Negotiate" />\r\n');
    expect(plan('exchange', after).items.every((i) => i.state === 'done')).toBe(true);
  });

  it('on a default IIS the Exchange plan writes one location block and inherits the providers', () => {
    const p = plan('exchange', fixture('default-iis.config'));
    expect(p.items.find((i) => i.id === 'exchange.provider-negotiate')!.state).toBe('done');
    expect(p.items.find((i) => i.id === 'exchange.use-kernel-mode')!.state).toBe('done');
  });

  it('explains useAppPoolCredentials for the ASA and for the machine account', () => {
    const machine = plan('exchange', fixture('default-iis.config')).items.find((i) => i.id === 'exchange.use-app-pool-credentials')!;
    const asa = plan(
      'exchange',
      fixture('default-iis.config'),
      {},
      labSettings({ email: { host: 'semail01.se.airwlab.com', casArray: { enabled: true, fqdn: 'casarray.se.airwlab.com' } } }),
    ).items.find((i) => i.id === 'exchange.use-app-pool-credentials')!;
    expect(machine.why).toMatch(/computer account/);
    expect(asa.why).toMatch(/alternate service account/);
  });

  it('sets allowDoubleEscaping on the CertEnroll directory only', () => {
    const before = fixture('default-iis.config');
    const after = render(before, plan('ca', before));
    expect(after).toContain(
      '<location path="Default Web Site/CertEnroll">\r\n        <system.webServer>\r\n            <security>\r\n                <requestFiltering allowDoubleEscaping="true" />',
    );
    expect(after).toContain('<requestFiltering>\r\n                <fileExtensions');
  });
});

describe('appcmd form of a plan', () => {
  it("gives the guide's commands with /commit:apphost, quoted for cmd", () => {
    const commands = appcmdCommands(plan('seg', fixture('seg-installed.config')));
    expect(commands.ok && commands.value).toEqual([
      '%windir%\\system32\\inetsrv\\appcmd.exe add backup',
      '%windir%\\system32\\inetsrv\\appcmd.exe set config -section:system.webServer/security/authentication/clientCertificateMappingAuthentication /enabled:true /commit:apphost',
      '%windir%\\system32\\inetsrv\\appcmd.exe set config "Default Web Site/Microsoft-Server-ActiveSync" -section:system.webServer/security/authentication/clientCertificateMappingAuthentication /enabled:true /commit:apphost',
      '%windir%\\system32\\inetsrv\\appcmd.exe set config "Default Web Site/Microsoft-Server-ActiveSync" -section:system.webServer/security/access /sslFlags:"Ssl, SslNegotiateCert, SslRequireCert" /commit:apphost',
      '%windir%\\system32\\inetsrv\\appcmd.exe set config -section:system.webServer/serverRuntime /uploadReadAheadSize:10485760 /commit:apphost',
      '%windir%\\system32\\inetsrv\\appcmd.exe set config "Default Web Site" -section:system.webServer/serverRuntime /uploadReadAheadSize:10485760 /commit:apphost',
      `%windir%\\system32\\inetsrv\\appcmd.exe set config -section:system.applicationHost/applicationPools "/[name='SecureEmailGateway'].processModel.identityType:NetworkService" /commit:apphost`,
      `%windir%\\system32\\inetsrv\\appcmd.exe set config -section:system.applicationHost/applicationPools "/[name='SecureEmailGateway'].enable32BitAppOnWin64:true" /commit:apphost`,
      'iisreset',
    ]);
  });

  it('adds a provider with the /+ form and refuses names appcmd cannot address', () => {
    const exchange = appcmdCommands(plan('exchange', fixture('exchange.config')));
    expect(exchange.ok && exchange.value).toContain(
      '%windir%\\system32\\inetsrv\\appcmd.exe set config "Default Web Site/Microsoft-Server-ActiveSync" -section:system.webServer/security/authentication/windowsAuthentication /+"providers.[value=\'Negotiate\']" /commit:apphost',
    );
    const hostile = appcmdCommands(plan('seg', fixture('seg-installed.config'), { segAppPool: "SEG'] /x" }));
    expect(!hostile.ok && hostile.error.code).toBe('script.value-unquotable');
    const percent = appcmdCommands(plan('seg', fixture('seg-installed.config'), { siteName: '100% Site' }));
    expect(percent.ok).toBe(false);
  });

  it('an application-pool name read from the file never runs in cmd: quoted, or refused when cmd cannot carry it', () => {
    // cmd's reading of a line: outside double quotes & | < > ^ start commands or escape; % expands everywhere.
    const bareMetacharacters = (line: string) =>
      line
        .split('"')
        .filter((_, i) => i % 2 === 0)
        .join(' ')
        .replace('%windir%', '')
        .match(/[&|<>^%]/g) ?? [];
    const quoted = appcmdCommands(plan('seg', fixture('seg-installed.config'), { segAppPool: 'My Pool&calc' }));
    expect(quoted.ok).toBe(true);
    const lines = quoted.ok ? quoted.value.filter((line) => line.includes('calc')) : [];
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(bareMetacharacters(line), line).toEqual([]);
    const percent = appcmdCommands(plan('seg', fixture('seg-installed.config'), { segAppPool: 'P&calc&%PATH%' }));
    expect(!percent.ok && percent.error.message).toMatch(/cmd\.exe cannot carry "%"/);
  });

  it('is empty when nothing is pending', () => {
    const before = fixture('seg-installed.config');
    const after = render(before, plan('seg', before));
    const commands = appcmdCommands(plan('seg', after));
    expect(commands.ok && commands.value).toEqual([]);
  });
});
