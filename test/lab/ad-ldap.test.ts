import { describe, expect, inject, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { openLdap } from '../../app/ldap/connect';
import { readRootDse } from '../../app/ldap/root-dse';
import { runChecks } from '../../app/checks/runner';
import { AD_CHECKS } from '../../app/checks/ad';
import { NET_CHECKS } from '../../app/checks/net';
import { TIME_CHECKS } from '../../app/checks/time';
import { Secret } from '../../app/config/secrets';
import { labSettings } from './lab';
import { editDirectory, readEntry } from './directory';

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
      expect(conn.value.transport).toBe('starttls');
      const dse = await readRootDse(conn.value.client);
      expect(dse.ok && dse.value.defaultNamingContext).toBe(lab.dc.baseDn);
    } finally {
      await conn.value.client.unbind();
    }
  });

  it('refuses a DC certificate that does not name the host dialled, and one from another CA', async () => {
    const wrongName = await openLdap({ host: `other.${lab.names.domain}`, address: lab.dc.address, tlsPort: 636, plainPort: 389 }, { ca: await labCas(), timeoutMs: 5000 });
    expect(wrongName).toMatchObject({ ok: false, error: { code: 'ldap.tls-name' } });
    const device = await readFile(lab.pki.devices.alice.cert, 'utf8');
    const wrongCa = await openLdap({ host: lab.names.dcFqdn, address: lab.dc.address, tlsPort: 636, plainPort: 389 }, { ca: [device], timeoutMs: 5000 });
    expect(wrongCa).toMatchObject({ ok: false, error: { code: 'ldap.tls-untrusted' } });
  });

  it('sends a wrong password once per run, however many checks need the directory', async () => {
    const account = { account: lab.accounts.service.name };
    const domain = { dn: lab.dc.baseDn };
    const count = async (): Promise<number> => Number((await readEntry(lab.dc.smbConf, account, ['badPwdCount'])).attrs.badPwdCount?.[0] ?? '0');
    // Samba counts bad passwords only while a lockout threshold is set (domain-wide: restored below).
    const threshold = (await readEntry(lab.dc.smbConf, domain, ['lockoutThreshold'])).attrs.lockoutThreshold ?? ['0'];
    await editDirectory(lab.dc.smbConf, [{ op: 'modify', ...domain, changes: [{ attr: 'lockoutThreshold', action: 'replace', values: ['50'] }] }]);
    try {
      const before = await count();
      const results = await runChecks([...NET_CHECKS, ...TIME_CHECKS, ...AD_CHECKS], { settings: labSettings(lab), secrets: { kcdPassword: new Secret('not-the-password') }, baseDir: lab.dir });
      expect(results.find((r) => r.id === 'ad.bind')?.status).toBe('fail');
      expect(await count()).toBe(before + 1);
    } finally {
      await editDirectory(lab.dc.smbConf, [
        { op: 'modify', ...account, changes: [{ attr: 'badPwdCount', action: 'replace', values: ['0'] }] },
        { op: 'modify', ...domain, changes: [{ attr: 'lockoutThreshold', action: 'replace', values: [...threshold] }] },
      ]);
    }
  });
});
