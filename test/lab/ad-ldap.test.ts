import { describe, expect, inject, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { openLdap } from '../../app/ldap/connect';
import { readRootDse } from '../../app/ldap/root-dse';
import { runChecks } from '../../app/checks/runner';
import { CATALOGUE } from '../../app/checks/catalogue';
import { selectChecks } from '../../app/checks/selection';
import { AD_CHECKS } from '../../app/checks/ad';
import { NET_CHECKS } from '../../app/checks/net';
import { TIME_CHECKS } from '../../app/checks/time';
import { Secret } from '../../app/config/secrets';
import { labSecrets, labSettings } from './lab';
import { editDirectory, readEntry, UAC, type DirOp } from './directory';
import { fileTime, scenarios, withScenario } from './scenarios';
import { deviceCertFor } from './device-cert';
import { cleanupScratch, scratch } from './tools';

const lab = inject('lab');

async function labCas(): Promise<string[]> {
  return [await readFile(lab.pki.root.cert, 'utf8'), await readFile(lab.pki.issuing.cert, 'utf8')];
}

describe('LDAP connection to the lab DC', () => {
  it('falls back to StartTLS on 389 when the LDAPS port is closed, still verifying the certificate', async () => {
    const conn = await openLdap({ host: lab.names.dcFqdn, address: lab.dc.address, tlsPort: 1, plainPort: 389 }, { ca: await labCas(), timeoutMs: 5000 });
    expect(conn.ok, JSON.stringify(conn)).toBe(true);
    if (!conn.ok) return;
    try {
      expect(conn.value.connection.transport).toBe('starttls');
      const dse = conn.value.rootDse;
      expect(dse.ok && dse.value.defaultNamingContext).toBe(lab.dc.baseDn);
      const again = await readRootDse(conn.value.connection.client);
      expect(again.ok && again.value.defaultNamingContext).toBe(lab.dc.baseDn);
    } finally {
      await conn.value.connection.client.unbind();
    }
  });

  it('refuses a DC certificate that does not name the host dialled, and one from another CA', async () => {
    const wrongName = await openLdap(
      { host: `other.${lab.names.domain}`, address: lab.dc.address, tlsPort: 636, plainPort: 389 },
      { ca: await labCas(), timeoutMs: 5000 },
    );
    expect(wrongName).toMatchObject({ ok: false, error: { code: 'ldap.tls-name' } });
    const device = await readFile(lab.pki.devices.alice.cert, 'utf8');
    const wrongCa = await openLdap({ host: lab.names.dcFqdn, address: lab.dc.address, tlsPort: 636, plainPort: 389 }, { ca: [device], timeoutMs: 5000 });
    expect(wrongCa).toMatchObject({ ok: false, error: { code: 'ldap.tls-untrusted' } });
  });

  it('sends a wrong password once per run, however many checks need the directory', async () => {
    const account = { account: lab.accounts.service.name };
    const domain = { dn: lab.dc.baseDn };
    const count = async (): Promise<number> => Number((await readEntry(lab.dc.smbConf, account, ['badPwdCount'])).attrs.badPwdCount?.[0] ?? '0');
    const wrong = { settings: labSettings(lab), secrets: { kcdPassword: new Secret('not-the-password') }, baseDir: lab.dir };
    const tmp = await scratch();
    // Samba counts bad passwords only while a lockout threshold is set (domain-wide: restored below).
    const threshold = (await readEntry(lab.dc.smbConf, domain, ['lockoutThreshold'])).attrs.lockoutThreshold ?? ['0'];
    await editDirectory(lab.dc.smbConf, [{ op: 'modify', ...domain, changes: [{ attr: 'lockoutThreshold', action: 'replace', values: ['50'] }] }]);
    try {
      const before = await count();
      const results = await runChecks([...NET_CHECKS, ...TIME_CHECKS, ...AD_CHECKS], wrong);
      expect(results.find((r) => r.id === 'ad.bind')?.status).toBe('fail');
      expect(await count()).toBe(before + 1);

      // --only eas.kcd-end-to-end for a UPN whose suffix only the directory can map: krb.s4u2self
      // opens the directory's connections beside the AS exchange (its prefetch), but binds only
      // after krb.as has shown the password is right.
      const only = selectChecks(CATALOGUE, ['eas.kcd-end-to-end']);
      if (!only.ok) throw new Error('eas.kcd-end-to-end is not in the catalogue');
      const device = await deviceCertFor(tmp, `${lab.accounts.users.alice.name}@alt-suffix.test`);
      const chain = await runChecks(only.checks, {
        ...wrong,
        settings: { ...wrong.settings, certificates: { ...wrong.settings.certificates, deviceCertificate: device } },
      });
      expect(chain.find((r) => r.id === 'krb.as')?.status).toBe('fail');
      expect(await count()).toBe(before + 2);
    } finally {
      await editDirectory(lab.dc.smbConf, [
        { op: 'modify', ...account, changes: [{ attr: 'badPwdCount', action: 'replace', values: ['0'] }] },
        { op: 'modify', ...domain, changes: [{ attr: 'lockoutThreshold', action: 'replace', values: [...threshold] }] },
      ]);
      await cleanupScratch(tmp);
    }
  });
  it('ad.bind explains "must change password" (773) and "password expired" (532) with the reset command', async () => {
    const svc = lab.accounts.service.name;
    const account = { account: svc };
    const saved = (await readEntry(lab.dc.smbConf, account, ['pwdLastSet', 'userAccountControl'])).attrs;
    const bind = async () =>
      (
        await runChecks(
          AD_CHECKS.filter((c) => c.id === 'ad.bind'),
          { settings: labSettings(lab), secrets: labSecrets(lab), baseDir: lab.dir },
        )
      )[0];
    const restore: DirOp[] = [
      { op: 'raw', ...account, changes: [{ attr: 'pwdLastSet', action: 'replace', values: [...(saved.pwdLastSet ?? [])] }] },
      { op: 'modify', ...account, changes: [{ attr: 'userAccountControl', action: 'replace', values: [...(saved.userAccountControl ?? [])] }] },
    ];
    try {
      // "Password never expires" overrides "must change at next logon" (as in AD): clear it first.
      await editDirectory(lab.dc.smbConf, [
        { op: 'uac', ...account, clear: UAC.DONT_EXPIRE_PASSWORD },
        { op: 'modify', ...account, changes: [{ attr: 'pwdLastSet', action: 'replace', values: ['0'] }] },
      ]);
      const mustChange = await bind();
      expect(mustChange?.status).toBe('fail');
      expect(mustChange?.evidence.join('\n')).toContain('data 773');
      expect(mustChange?.command).toContain(`Set-ADAccountPassword -Identity '${svc}' -Reset`);
      await editDirectory(lab.dc.smbConf, restore);
      // Older than the domain's maximum password age (42 days), on an account whose password may expire.
      await editDirectory(lab.dc.smbConf, [
        { op: 'uac', ...account, clear: UAC.DONT_EXPIRE_PASSWORD },
        { op: 'raw', ...account, changes: [{ attr: 'pwdLastSet', action: 'replace', values: [fileTime(new Date(Date.now() - 50 * 86_400_000))] }] },
      ]);
      const expired = await bind();
      expect(expired?.status).toBe('fail');
      expect(expired?.evidence.join('\n')).toContain('data 532');
      expect(expired?.remedy).toMatch(/should not expire/);
    } finally {
      await editDirectory(lab.dc.smbConf, restore);
    }
    expect((await bind())?.status).toBe('pass');
  });
  it('ad.target-spn lists SPNs that name the host but do not match, when the target has no owner', async () => {
    const asa = { account: lab.accounts.asa.name };
    const typo = `HTTP/${lab.names.exchangeHost}.other.example`;
    await withScenario(lab, scenarios.targetSpnMissing, async () => {
      await editDirectory(lab.dc.smbConf, [{ op: 'modify', ...asa, changes: [{ attr: 'servicePrincipalName', action: 'add', values: [typo] }] }]);
      try {
        const results = await runChecks(
          AD_CHECKS.filter((c) => c.id === 'ad.bind' || c.id === 'ad.target-spn'),
          { settings: labSettings(lab), secrets: labSecrets(lab), baseDir: lab.dir },
        );
        const r = results.find((x) => x.id === 'ad.target-spn');
        expect(r?.status).toBe('fail');
        expect(r?.evidence.join('\n')).toContain(`${typo} on ${lab.accounts.asa.name}`);
      } finally {
        await editDirectory(lab.dc.smbConf, [{ op: 'modify', ...asa, changes: [{ attr: 'servicePrincipalName', action: 'delete', values: [typo] }] }]);
      }
    });
  });
  it("ad.enctypes says when a password reset is needed to create AES keys (password older than the domain's 2008 level)", async () => {
    const exchange = { account: lab.accounts.exchange.name };
    const saved = (await readEntry(lab.dc.smbConf, exchange, ['pwdLastSet'])).attrs.pwdLastSet ?? [];
    await withScenario(lab, scenarios.rc4OnlyTarget, async () => {
      await editDirectory(lab.dc.smbConf, [
        { op: 'raw', ...exchange, changes: [{ attr: 'pwdLastSet', action: 'replace', values: [fileTime(new Date('2005-06-01T00:00:00Z'))] }] },
      ]);
      try {
        const results = await runChecks(
          AD_CHECKS.filter((c) => c.id === 'ad.bind' || c.id === 'ad.enctypes'),
          { settings: labSettings(lab), secrets: labSecrets(lab), baseDir: lab.dir },
        );
        const r = results.find((x) => x.id === 'ad.enctypes');
        expect(r?.status).toBe('fail');
        expect(r?.remedy).toContain(`Reset-ComputerMachinePassword on ${lab.accounts.exchange.name.replace(/\$$/, '')}`);
      } finally {
        await editDirectory(lab.dc.smbConf, [{ op: 'raw', ...exchange, changes: [{ attr: 'pwdLastSet', action: 'replace', values: [...saved] }] }]);
      }
    });
    const healthy = await runChecks(
      AD_CHECKS.filter((c) => c.id === 'ad.bind' || c.id === 'ad.enctypes'),
      { settings: labSettings(lab), secrets: labSecrets(lab), baseDir: lab.dir },
    );
    expect(healthy.find((x) => x.id === 'ad.enctypes')?.status).toBe('pass');
  });
});
