import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runChecks } from '../../../app/checks/runner';
import { SEG_CHECKS } from '../../../app/checks/seg';
import { CATALOGUE } from '../../../app/checks/catalogue';
import { applyIis } from '../../../app/configure/iis-configure';
import { krb5IniScript } from '../../../app/scripts/krb5-script';
import { FIXTURES, labSettings } from './helpers';

let folder: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'seg-host-'));
  mkdirSync(join(folder, 'seg-files'));
  copyFileSync(join(FIXTURES, 'seg-installed.config'), join(folder, 'applicationHost.config'));
});

afterEach(() => rmSync(folder, { recursive: true, force: true }));

const settings = (seg: Record<string, string> = { iisConfigPath: 'applicationHost.config', registryExport: 'seg-registry.reg', folder: 'seg-files' }) =>
  labSettings({ seg, certificates: { roots: [join(FIXTURES, 'root.cer')], intermediates: [join(FIXTURES, 'issuing.pem')] } });

async function statuses(s = settings()) {
  const results = await runChecks(SEG_CHECKS, { settings: s, secrets: {}, baseDir: folder });
  return Object.fromEntries(results.map((r) => [r.id, r]));
}

describe('seg.* checks', () => {
  it('are in the catalogue', () => {
    expect(CATALOGUE.filter((c) => c.id.startsWith('seg.')).map((c) => c.id)).toEqual(SEG_CHECKS.map((c) => c.id));
  });

  it('fail on the SEG as installed, each with the fix', async () => {
    copyFileSync(join(FIXTURES, 'seg-registry-original.reg'), join(folder, 'seg-registry.reg'));
    writeFileSync(
      join(folder, 'seg-files', 'krb5.ini'),
      '[libdefaults]\n  default_realm = OTHER.REALM\n[realms]\n  OTHER.REALM = {\n    kdc = otherdc.other.realm\n  }\n',
    );
    const r = await statuses();
    expect(Object.fromEntries(Object.entries(r).map(([id, x]) => [id, x.status]))).toEqual({
      'seg.iis-config': 'pass',
      'seg.client-cert-mapping': 'fail',
      'seg.ssl-settings': 'fail',
      'seg.upload-read-ahead': 'fail',
      'seg.app-pool': 'fail',
      'seg.kerberos-files-path': 'fail',
      'seg.krb5-ini': 'fail',
      'seg.root-trusted': 'fail',
    });
    expect(r['seg.upload-read-ahead']!.evidence).toEqual([
      'system.webServer/serverRuntime@uploadReadAheadSize at server level: 49152 (IIS default)',
      'system.webServer/serverRuntime@uploadReadAheadSize at "Default Web Site": 49152 (IIS default)',
    ]);
    expect(r['seg.upload-read-ahead']!.command).toContain(
      'appcmd.exe set config "Default Web Site" -section:system.webServer/serverRuntime /uploadReadAheadSize:10485760 /commit:apphost',
    );
    expect(r['seg.app-pool']!.remedy).toMatch(/NetworkService.*Install SEG, step 11c/);
    expect(r['seg.krb5-ini']!.remedy).toMatch(/realm SE\.AIRWLAB\.COM is missing/);
    expect(r['seg.krb5-ini']!.command).toContain('kdc = sedc01.se.airwlab.com');
    expect(r['seg.root-trusted']!.evidence[0]).toMatch(/SE-ROOT-CA.*9A9F013A5D48DD01ADFCBB23D7A1C37D1002A54D.*not in the Local Computer Trusted Root store/);
    expect(r['seg.root-trusted']!.command).toBe('certutil -addstore -f Root root.cer\ncertutil -addstore -f CA issuing.pem');
    expect(r['seg.kerberos-files-path']!.remedy).toMatch(/Error A/);
  });

  it('pass once the plan is applied, the registry fixed and krb5.ini written', async () => {
    const applied = await applyIis({ role: 'seg', configPath: join(folder, 'applicationHost.config'), settings: settings() });
    expect(applied.ok).toBe(true);
    copyFileSync(join(FIXTURES, 'seg-registry-configured.reg'), join(folder, 'seg-registry.reg'));
    const krb5 = krb5IniScript(settings());
    if (!krb5.ok) throw new Error(krb5.error.message);
    writeFileSync(join(folder, 'seg-files', 'krb5.ini'), krb5.value.content);
    const r = await statuses();
    for (const [id, result] of Object.entries(r)) expect([id, result.status, result.remedy]).toEqual([id, 'pass', null]);
    expect(r['seg.ssl-settings']!.evidence).toContain('client certificates: required');
    expect(r['seg.kerberos-files-path']!.evidence).toEqual(['PATH entry: C:\\AirWatch\\SecureEmailGateway\\KerberosFiles']);
  });

  it('accept client certificates only beside other authentication, else warn', async () => {
    const text = (await import('node:fs')).readFileSync(join(FIXTURES, 'seg-half-configured.config'), 'utf8');
    writeFileSync(join(folder, 'applicationHost.config'), text.replace('sslFlags="Ssl"', 'sslFlags="Ssl, SslNegotiateCert"'));
    expect((await statuses())['seg.ssl-settings']!.status).toBe('pass');
    writeFileSync(
      join(folder, 'applicationHost.config'),
      text
        .replace('sslFlags="Ssl"', 'sslFlags="Ssl, SslNegotiateCert"')
        .replace('<anonymousAuthentication enabled="true" userName="IUSR" />', '<anonymousAuthentication enabled="false" />'),
    );
    const r = await statuses();
    expect(r['seg.ssl-settings']!.status).toBe('warn');
    expect(r['seg.ssl-settings']!.remedy).toMatch(/Required/);
  });

  it('skip with the reason when no copy is given, and fail clearly on a damaged one', async () => {
    const skipped = await statuses(settings({ iisConfigPath: '', registryExport: '' }));
    expect(skipped['seg.client-cert-mapping']!.status).toBe('skip');
    expect(skipped['seg.iis-config']!.reason).toMatch(/seg\.iisConfigPath/);
    expect(skipped['seg.root-trusted']!.reason).toMatch(/seg\.registryExport/);
    expect(skipped['seg.krb5-ini']!.reason).toMatch(/seg\.folder/);
    copyFileSync(join(FIXTURES, 'damaged.config'), join(folder, 'applicationHost.config'));
    const damaged = await statuses();
    expect(damaged['seg.iis-config']!.status).toBe('fail');
    expect(damaged['seg.iis-config']!.evidence[0]).toMatch(/not well-formed XML/);
    expect(damaged['seg.app-pool']!.status).toBe('skip');
    expect(damaged['seg.kerberos-files-path']!.status).toBe('fail');
    expect(damaged['seg.kerberos-files-path']!.evidence[0]).toMatch(/seg-registry\.reg cannot be read/);
    expect(damaged['seg.kerberos-files-path']!.remedy).toMatch(/seg-collect\.cmd/);
  });
});
