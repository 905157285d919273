import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateScripts } from '../../../app/configure/generate-scripts';
import { consoleChecklists } from '../../../app/configure/console-checklists';
import { encode } from '../../../app/scripts/script';
import { DEFAULT_SCRIPT_OPTIONS, SCRIPT_OPTION_SOURCES } from '../../../app/scripts/context';
import { makeTestPki } from '../../fixtures/pki/openssl-pki';
import { FIXTURES, labSettings } from './helpers';
import { join } from 'node:path';

const withCerts = (overrides: Record<string, unknown> = {}) =>
  labSettings({ certificates: { roots: ['root.cer'], intermediates: [readFileSync(join(FIXTURES, 'issuing.pem'), 'utf8')] }, ...overrides });

function byId(set: Awaited<ReturnType<typeof generateScripts>>, id: string) {
  const script = set.scripts.find((s) => s.id === id);
  if (!script) throw new Error(`no script ${id}; refused: ${JSON.stringify(set.refused)}`);
  return script;
}

describe('generateScripts (lab settings)', () => {
  it('produces every script, each saying who runs it, where, and which guide step', async () => {
    const set = await generateScripts({ settings: withCerts(), baseDir: FIXTURES, options: { caWebHost: 'ca01.se.airwlab.com' } });
    expect(set.refused).toEqual([]);
    expect(set.scripts.map((s) => s.id)).toEqual([
      'ad-spn',
      'ad-delegation',
      'ca-ntauth',
      'ca-cdp-aia',
      'ca-certenroll-iis',
      'exchange-iis-iusrs',
      'exchange-iis',
      'seg-iis',
      'seg-trust-ca',
      'krb5-ini',
      'seg-kerberos-path',
      'seg-kerberos-maxpacketsize',
      'seg-kerberos-logging',
      'seg-kerberos-logging-remove',
      'seg-collect',
    ]);
    for (const s of set.scripts) {
      expect(s.content).toContain(`Run by: ${s.runBy}`);
      expect(s.content).toContain(`Run on: ${s.runOn}`);
      expect(s.content).toContain(`Guide: ${s.guideStep}`);
      expect(s.content.replace(/\r\n/g, '')).not.toContain('\n');
    }
    expect(set.certificates.map((c) => c.fileName)).toEqual(['intermediate-1.cer']);
  });

  it('never generates a fix that turns CRL checking off', async () => {
    const set = await generateScripts({
      settings: withCerts({ email: { host: 'semail01.se.airwlab.com', casArray: { enabled: true, fqdn: 'casarray.se.airwlab.com' } } }),
      baseDir: FIXTURES,
      options: { caWebHost: 'ca01.se.airwlab.com' },
    });
    for (const s of set.scripts)
      expect(s.content).not.toMatch(/DefaultSslCertCheckMode|CertCheckMode|-nocrl|CRLF_REVCHECK_IGNORE_OFFLINE|revocation.*(off|disable)/i);
  });

  it("writes the guide's AD commands with the settings' values", async () => {
    const set = await generateScripts({ settings: withCerts(), baseDir: FIXTURES, findings: { targetSpnHolders: ['SEMAIL01$', 'OLDEXCH$'] } });
    const spn = byId(set, 'ad-spn').content;
    expect(spn).toContain('setspn -D HTTP/semail01 OLDEXCH$\r\n');
    expect(spn).not.toContain('setspn -D HTTP/semail01 SEMAIL01$');
    expect(spn).toContain('setspn -S HTTP/semail01 SEMAIL01\r\n');
    expect(spn).toContain('setspn -S HTTP/semail01.se.airwlab.com SEMAIL01\r\n');
    expect(spn).toContain('setspn -S HTTP/aw_KCDsvc aw_KCDsvc\r\n');
    const delegation = byId(set, 'ad-delegation').content;
    expect(delegation).toContain("$spns = @('HTTP/semail01', 'HTTP/semail01.se.airwlab.com')");
    expect(delegation).toContain("Set-ADUser -Server $server -Identity $account -Add @{'msDS-AllowedToDelegateTo' = $missing}");
    expect(delegation).toContain('Set-ADAccountControl -Server $server -Identity $account -TrustedToAuthForDelegation $true');
    expect(delegation).toContain("$server = 'sedc01.se.airwlab.com'");
    expect(byId(set, 'exchange-iis-iusrs').content).toContain('net localgroup IIS_IUSRS SE\\aw_KCDsvc /add');
    expect(byId(set, 'ca-ntauth').content).toContain('certutil -dspublish -f root.cer NTAuthCA\r\n');
    expect(byId(set, 'ca-ntauth').content).toContain('certutil -dspublish -f intermediate-1.cer NTAuthCA\r\n');
    expect(byId(set, 'seg-trust-ca').content).toContain('certutil -addstore -f Root root.cer\r\ncertutil -addstore -f CA intermediate-1.cer\r\n');
  });

  it('with a CAS array: the SPN on the ASA, the ASA script, and delegation to the array', async () => {
    const set = await generateScripts({
      settings: withCerts({ email: { host: 'semail01.se.airwlab.com', casArray: { enabled: true, fqdn: 'casarray.se.airwlab.com' } } }),
      baseDir: FIXTURES,
    });
    expect(byId(set, 'ad-spn').content).toContain('setspn -S HTTP/casarray.se.airwlab.com CASARRAY-ASA$\r\n');
    const asa = byId(set, 'exchange-asa').content;
    expect(asa).toContain(".\\RollAlternateServiceAccountPassword.ps1 -ToArrayMembers $arrayFqdn -GenerateNewPasswordFor 'SE\\CASARRAY-ASA$' -Verbose");
    expect(asa).toContain("$arrayFqdn = 'casarray.se.airwlab.com'");
    expect(asa).toContain('New-ADComputer');
  });

  it('quotes hostile values for each shell, and refuses what cmd cannot carry', async () => {
    const hostile = "aw_'KCD $x`y ü";
    const set = await generateScripts({
      settings: withCerts({ kcd: { targetSpn: 'HTTP/semail01', serviceAccount: hostile, domains: [{ realm: 'SE.AIRWLAB.COM', dcHost: 'sedc01' }] } }),
      baseDir: FIXTURES,
    });
    expect(byId(set, 'ad-delegation').content).toContain("$account = 'aw_''KCD $x`y ü'");
    expect(byId(set, 'ad-spn').content).toContain(`setspn -S "HTTP/${hostile}" "${hostile}"`);
    const percent = await generateScripts({
      settings: withCerts({ kcd: { targetSpn: 'HTTP/semail01', serviceAccount: 'svc%PATH%', domains: [{ realm: 'SE.AIRWLAB.COM', dcHost: 'sedc01' }] } }),
      baseDir: FIXTURES,
    });
    expect(percent.refused.map((r) => r.id)).toEqual(['ad-spn', 'ca-cdp-aia', 'exchange-iis-iusrs']);
    expect(percent.refused[0]!.reason).toMatch(/cmd\.exe cannot carry "%"/);
    expect(percent.scripts.find((s) => s.id === 'ad-delegation')!.content).toContain("$account = 'svc%PATH%'");
  });

  it('asks for the CA web host instead of guessing it, and refuses one that is not a host name', async () => {
    const without = await generateScripts({ settings: withCerts(), baseDir: FIXTURES });
    expect(without.refused.find((r) => r.id === 'ca-cdp-aia')!.reason).toMatch(/CA web host/);
    const bad = await generateScripts({ settings: withCerts(), baseDir: FIXTURES, options: { caWebHost: "ca01'; rm -rf /" } });
    expect(bad.refused.find((r) => r.id === 'ca-cdp-aia')!.reason).toMatch(/not a host name/);
    const good = byId(await generateScripts({ settings: withCerts(), baseDir: FIXTURES, options: { caWebHost: 'ca01.se.airwlab.com' } }), 'ca-cdp-aia').content;
    expect(good).toContain(
      "certutil -setreg CA\\CRLPublicationURLs '65:C:\\Windows\\System32\\CertSrv\\CertEnroll\\%3%8%9.crl\\n65:ldap:///CN=%7%8,CN=%2,CN=CDP,CN=Public Key Services,CN=Services,%6%10\\n6:http://ca01.se.airwlab.com/CertEnroll/%3%8%9.crl'",
    );
    expect(good).toContain(
      "certutil -setreg CA\\CACertPublicationURLs '1:C:\\Windows\\System32\\CertSrv\\CertEnroll\\%1_%3%4.crt\\n2:http://ca01.se.airwlab.com/CertEnroll/%1_%3%4.crt'",
    );
  });

  it('marks Kerberos logging as troubleshooting only, with its removal, and encodes .reg as UTF-16', async () => {
    const set = await generateScripts({ settings: withCerts(), baseDir: FIXTURES });
    const logging = byId(set, 'seg-kerberos-logging');
    expect(logging.troubleshootingOnly).toBe(true);
    expect(logging.fileName).toMatch(/TROUBLESHOOTING-ONLY/);
    expect(logging.content).toMatch(/; .*TROUBLESHOOTING ONLY.*remove/i);
    expect(logging.content).toContain('"LogLevel"=dword:00000001');
    expect(byId(set, 'seg-kerberos-logging-remove').content).toContain('"LogLevel"=-');
    expect(byId(set, 'seg-kerberos-maxpacketsize').content).toContain(
      '[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\Kerberos\\Parameters]\r\n"MaxPacketSize"=dword:00000001',
    );
    expect(byId(set, 'seg-kerberos-maxpacketsize').troubleshootingOnly).toBe(false);
    expect([...encode(logging).subarray(0, 4)]).toEqual([0xff, 0xfe, 0x57, 0x00]);
    expect([...encode(byId(set, 'ad-delegation')).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it("builds the IIS scripts from the servers' plans, noting what it could not include", async () => {
    const set = await generateScripts({ settings: withCerts(), baseDir: FIXTURES });
    const seg = byId(set, 'seg-iis').content;
    expect(seg).toContain('/uploadReadAheadSize:10485760 /commit:apphost');
    expect(seg).toMatch(/rem Not included: SEG application pool/);
    const withPool = byId(
      await generateScripts({ settings: withCerts(), baseDir: FIXTURES, iisOptions: { segAppPool: 'SecureEmailGateway' } }),
      'seg-iis',
    ).content;
    expect(withPool).toContain("/[name='SecureEmailGateway'].enable32BitAppOnWin64:true");
    expect(byId(set, 'ca-certenroll-iis').content).toContain('-section:system.webServer/security/requestFiltering /allowDoubleEscaping:true /commit:apphost');
    expect(byId(set, 'exchange-iis').content).toContain('/useAppPoolCredentials:true');
  });

  it('names an unreadable certificate instead of writing a script without it', async () => {
    const set = await generateScripts({ settings: labSettings({ certificates: { roots: ['missing.cer'] } }), baseDir: FIXTURES });
    expect(set.refused.find((r) => r.id === 'ca-ntauth')!.reason).toMatch(/missing\.cer cannot be read/);
  });
});

describe('consoleChecklists', () => {
  it('fills the MEM configuration fields from the settings and never shows the password', () => {
    const [mem, eas] = consoleChecklists(labSettings({ organizationGroup: { memConfigName: 'SEG-KCD' } }), 'seg.airwlab.com');
    expect(mem!.entries.map((e) => [e.field, e.value])).toEqual(
      expect.arrayContaining([
        ['Target SPN', 'HTTP/semail01'],
        ['Service Account Username', 'aw_KCDsvc'],
        ['Domain Controller Hostname', 'sedc01'],
        ['Domain Name', 'SE.AIRWLAB.COM'],
        ['Friendly Name', 'SEG-KCD'],
      ]),
    );
    expect(mem!.entries.find((e) => e.field === 'Service Account Password')!.value).not.toMatch(/\w{3,}\d/);
    expect(eas!.entries.find((e) => e.field.includes('Exchange ActiveSync Host'))!.value).toBe('seg.airwlab.com');
  });
});

describe('values passed from PowerShell to native programs', () => {
  it('refuses a double quote, which Windows PowerShell 5.1 would hand to setspn unescaped', async () => {
    const set = await generateScripts({
      settings: labSettings({ email: { host: 'semail01.se.airwlab.com', casArray: { enabled: true, fqdn: 'cas"array.se.airwlab.com' } } }),
      baseDir: FIXTURES,
    });
    expect(set.refused.find((r) => r.id === 'exchange-asa')!.reason).toMatch(/cannot pass .* intact/);
  });
});

describe('certificate entries holding several certificates', () => {
  it('splits a chain file into one written .cer per certificate, each published', async () => {
    const chain = readFileSync(join(FIXTURES, 'issuing.pem'), 'utf8') + pemOfFile(join(FIXTURES, 'root.cer'));
    const set = await generateScripts({
      settings: labSettings({ certificates: { roots: [join(FIXTURES, 'root.cer')], intermediates: [chain] } }),
      baseDir: FIXTURES,
    });
    expect(set.certificates.map((c) => c.fileName)).toEqual(['intermediate-1-1.cer', 'intermediate-1-2.cer']);
    const ntauth = byId(set, 'ca-ntauth').content;
    expect(ntauth).toContain('certutil -dspublish -f root.cer NTAuthCA');
    expect(ntauth).toContain('certutil -dspublish -f intermediate-1-1.cer NTAuthCA');
    expect(ntauth).toContain('SE-ISSUING-CA');
  });
});

function pemOfFile(path: string): string {
  const body = readFileSync(path)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

describe('script inputs the wizard never shows (issue 20)', () => {
  it('every script option has a source: a guide default that is set, a value derived from the settings, or a Configure field', async () => {
    const set = await generateScripts({ settings: withCerts(), baseDir: FIXTURES });
    for (const [key, source] of Object.entries(SCRIPT_OPTION_SOURCES)) {
      if (source.kind === 'default') expect(DEFAULT_SCRIPT_OPTIONS[key as keyof typeof DEFAULT_SCRIPT_OPTIONS], key).toBeTruthy();
      if (source.kind === 'configure-field')
        expect(
          set.inputs.map((i) => i.key),
          key,
        ).toContain(source.key);
    }
  });

  it('derives the CA web host from the http:// CDP of the device certificate, so the CDP/AIA script needs nothing typed', async () => {
    const pki = makeTestPki({ baseUrl: 'http://pki.se.airwlab.com/CertEnroll' });
    const settings = labSettings({ certificates: { roots: [pki.rootPem], intermediates: [pki.issuingPem], deviceCertificate: pki.devicePem } });
    const set = await generateScripts({ settings, baseDir: FIXTURES });
    expect(set.refused).toEqual([]);
    expect(set.inputs).toEqual([
      expect.objectContaining({ key: 'caWebHost', value: 'pki.se.airwlab.com', derivedFrom: 'the CRL distribution point of the device certificate' }),
    ]);
    expect(byId(set, 'ca-cdp-aia').content).toContain('6:http://pki.se.airwlab.com/CertEnroll/%3%8%9.crl');
    // What the admin types wins over what the certificates say.
    const typed = await generateScripts({ settings, baseDir: FIXTURES, options: { caWebHost: 'ca02.se.airwlab.com' } });
    expect(typed.inputs[0]).toMatchObject({ value: 'ca02.se.airwlab.com', derivedFrom: null });
    expect(byId(typed, 'ca-cdp-aia').content).toContain('http://ca02.se.airwlab.com/CertEnroll/');
  });

  it('with LDAP-only CDPs there is nothing to derive: the field stays empty and the script says where to type it', async () => {
    const pki = makeTestPki({ baseUrl: 'http://pki.se.airwlab.com/CertEnroll', cdp: 'ldap-only' });
    const settings = labSettings({ certificates: { roots: [pki.rootPem], intermediates: [], deviceCertificate: pki.devicePem } });
    const set = await generateScripts({ settings, baseDir: FIXTURES });
    expect(set.inputs[0]).toMatchObject({ key: 'caWebHost', value: '', derivedFrom: null });
    expect(set.refused.find((r) => r.id === 'ca-cdp-aia')!.reason).toMatch(/Configure step/);
  });
});
