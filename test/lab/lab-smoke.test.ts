import 'reflect-metadata';
import { describe, expect, inject, it, beforeAll, afterAll } from 'vitest';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { ExtendedKeyUsageExtension, SubjectAlternativeNameExtension, X509Certificate, X509Crl } from '@peculiar/x509';
import forge from 'node-forge';
import { settingsSchema } from '../../app/contract/settings';
import { labSettings, labSecrets, isLabRunning, readLabInfo } from './lab';
import { processTree, run } from './proc';
import { kinit, kvnoS4U, klist, ldapsearch, http, headerValues, scratch, cleanupScratch } from './tools';

const lab = inject('lab');
const realm = lab.names.realm;
let tmp = '';

beforeAll(async () => {
  tmp = await scratch();
});
afterAll(async () => {
  await cleanupScratch(tmp);
});

describe('the running lab', () => {
  it('is running and its settings document is valid product.md settings', async () => {
    expect(isLabRunning((await readLabInfo(lab.dir)) ?? lab)).toBe(true);
    const settings = labSettings(lab);
    expect(settingsSchema.safeParse(settings).success).toBe(true);
    expect(settings.kcd.targetSpn).toBe(`HTTP/${lab.names.exchangeHost}`);
    expect(settings.network.hosts[lab.names.dcFqdn]).toBe(lab.dc.address);
    expect(String(labSecrets(lab).kcdPassword)).toBe('[redacted]');
  });

  it('binds over LDAPS and StartTLS and shows the delegation set-up of the service account', async () => {
    const svc = lab.accounts.service;
    for (const startTls of [false, true]) {
      const r = await ldapsearch(lab, {
        bindDn: svc.upn,
        password: svc.password,
        base: lab.dc.baseDn,
        filter: `(sAMAccountName=${svc.name})`,
        attrs: ['userAccountControl', 'msDS-AllowedToDelegateTo', 'servicePrincipalName'],
        startTls,
      });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('userAccountControl: 16843264');
      expect(r.stdout).toContain(`msDS-AllowedToDelegateTo: ${lab.kerberos.targetSpnFqdn}`);
      expect(r.stdout).toContain(`msDS-AllowedToDelegateTo: ${lab.kerberos.targetSpn}`);
      expect(r.stdout).toContain(`servicePrincipalName: ${svc.spn}`);
    }
  });

  it('refuses a wrong LDAP password with the Windows sub-code 52e', async () => {
    const r = await ldapsearch(lab, { bindDn: lab.accounts.service.upn, password: 'wrong', base: lab.dc.baseDn, scope: 'base' });
    expect(r.code).toBe(49);
    expect(r.stderr).toContain('data 52e');
  });

  it('publishes the lab CAs in NTAuth and puts dave in Protected Users through a nested group', async () => {
    const svc = lab.accounts.service;
    const nt = await ldapsearch(lab, {
      bindDn: svc.upn,
      password: svc.password,
      base: `CN=NTAuthCertificates,CN=Public Key Services,CN=Services,CN=Configuration,${lab.dc.baseDn}`,
      scope: 'base',
      attrs: ['cACertificate'],
    });
    expect(nt.code, nt.stderr).toBe(0);
    expect(nt.stdout.match(/^cACertificate::/gm)).toHaveLength(2);
    const pu = await ldapsearch(lab, {
      bindDn: svc.upn,
      password: svc.password,
      base: lab.dc.baseDn,
      filter: `(memberOf:1.2.840.113556.1.4.1941:=CN=Protected Users,CN=Users,${lab.dc.baseDn})`,
      attrs: ['sAMAccountName'],
    });
    expect(pu.stdout).toContain('sAMAccountName: dave');
    expect(pu.stdout).not.toContain('sAMAccountName: alice');
  });

  it('gives a forwardable S4U2Self + S4U2Proxy ticket for alice to the target SPN (MIT kvno)', async () => {
    const svcCc = join(tmp, 'svc.cc');
    const k = await kinit(lab, lab.accounts.service.name, lab.accounts.service.password, svcCc);
    expect(k.code, k.stderr).toBe(0);
    for (const spn of [lab.kerberos.targetSpnFqdn, lab.kerberos.targetSpn]) {
      const out = join(tmp, `alice-${spn.replace('/', '_')}.cc`);
      const r = await kvnoS4U(lab, 'alice', spn, svcCc, out);
      expect(r.code, r.stderr).toBe(0);
      const l = await klist(lab, out);
      expect(l.stdout).toContain(`Default principal: alice@${realm}`);
      expect(l.stdout).toMatch(/aes256-cts-hmac-sha1-96, aes256-cts-hmac-sha1-96/);
    }
  });

  it('refuses delegation for carol (NOT_DELEGATED) but not for dave (Samba does not enforce Protected Users)', async () => {
    const svcCc = join(tmp, 'svc2.cc');
    expect((await kinit(lab, lab.accounts.service.name, lab.accounts.service.password, svcCc)).code).toBe(0);
    const carol = await kvnoS4U(lab, 'carol', lab.kerberos.targetSpnFqdn, svcCc, join(tmp, 'carol.cc'));
    expect(carol.code).not.toBe(0);
    expect(carol.stderr).toMatch(/KDC can't fulfill requested option|constrained delegation/i);
    const dave = await kvnoS4U(lab, 'dave', lab.kerberos.targetSpnFqdn, svcCc, join(tmp, 'dave.cc'));
    expect(dave.code, dave.stderr).toBe(0);
  });

  it('accepts the proxied ticket at the EAS endpoint over HTTP and HTTPS (curl --negotiate)', async () => {
    const svcCc = join(tmp, 'svc3.cc');
    const aliceCc = join(tmp, 'alice3.cc');
    expect((await kinit(lab, lab.accounts.service.name, lab.accounts.service.password, svcCc)).code).toBe(0);
    expect((await kvnoS4U(lab, 'alice', lab.kerberos.targetSpnFqdn, svcCc, aliceCc)).code).toBe(0);
    for (const url of [lab.web.easHttpUrl, lab.web.easHttpsUrl]) {
      const r = await http(lab, url, { negotiateCcache: aliceCc });
      expect(r.status, r.curl.stderr).toBe(200);
      expect(r.body.toString()).toContain(`REMOTE_USER=alice@${realm}`);
      expect(r.body.toString()).toContain('AUTH_TYPE=Negotiate');
    }
    const access = await readFile(lab.web.accessLog, 'utf8');
    expect(access).toContain(`alice@${realm}`);
  });

  it('offers Negotiate and Basic to an anonymous request, answers OPTIONS like Exchange', async () => {
    const anon = await http(lab, lab.web.easHttpsUrl);
    expect(anon.status).toBe(401);
    const offers = headerValues(anon, 'www-authenticate');
    expect(offers).toContain('Negotiate');
    expect(offers.some((o) => o.startsWith('Basic'))).toBe(true);
    const alice = lab.accounts.users.alice;
    const options = await http(lab, lab.web.easHttpsUrl, { method: 'OPTIONS', basic: { user: alice.name, password: alice.password } });
    expect(options.status).toBe(200);
    expect(headerValues(options, 'ms-asprotocolversions')[0]).toContain('14.1');
  });

  it('checks Basic against the KDC: right password 200, wrong password 401', async () => {
    const alice = lab.accounts.users.alice;
    const good = await http(lab, lab.web.easHttpsUrl, { basic: { user: alice.name, password: alice.password } });
    expect(good.status).toBe(200);
    expect(good.body.toString()).toContain('AUTH_TYPE=Basic');
    const bad = await http(lab, lab.web.easHttpsUrl, { basic: { user: alice.name, password: 'not-her-password' } });
    expect(bad.status).toBe(401);
  });

  it('serves the CA certificates, the base CRL and the delta CRL (name with +) over HTTP', async () => {
    const { urls } = lab.pki;
    const base = await http(lab, urls.issuingCrl);
    expect(base.status).toBe(200);
    const delta = await http(lab, urls.issuingDeltaCrl);
    expect(delta.status).toBe(200);
    expect(urls.issuingDeltaCrl).toMatch(/\+\.crl$/);
    const baseCrl = new X509Crl(new Uint8Array(base.body));
    const deltaCrl = new X509Crl(new Uint8Array(delta.body));
    expect(baseCrl.getExtension('2.5.29.46')).toBeTruthy();
    expect(deltaCrl.getExtension('2.5.29.27')).toBeTruthy();
    const revoked = await readFile(lab.pki.devices.aliceRevoked.cert, 'utf8');
    const serial = new X509Certificate(revoked).serialNumber;
    expect(baseCrl.entries.map((e) => e.serialNumber)).toContain(serial);
    for (const url of [urls.rootCrl, urls.rootCrt, urls.issuingCrt]) expect((await http(lab, url)).status).toBe(200);
  });
});

describe('the device certificate files', () => {
  it('has a PFX (modern and legacy encryption) with the device certificate and its chain, password changeit', async () => {
    const alice = lab.pki.devices.alice;
    const certBag = '1.2.840.113549.1.12.10.1.3'; // PKCS#12 certBag, RFC 7292 4.2.3
    for (const file of [alice.p12, alice.p12Legacy]) {
      const der = (await readFile(file)).toString('binary');
      const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), lab.pki.pfxPassword);
      const bags = p12.getBags({ bagType: certBag })[certBag] ?? [];
      const names = bags.map((b: forge.pkcs12.Bag) => String(b.cert?.subject.getField('CN')?.value));
      expect(names.sort()).toEqual([lab.pki.issuing.name, lab.pki.root.name, 'alice'].sort());
      expect(() => forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(der), 'wrong-password')).toThrow();
    }
  });

  it('names alice by UPN (SAN otherName) and e-mail, with Client Authentication and Smart Card Logon', async () => {
    const cert = new X509Certificate(await readFile(lab.pki.deviceCert, 'utf8'));
    const san = cert.getExtension(SubjectAlternativeNameExtension);
    expect(san?.names.items.map((n) => n.value)).toContain(lab.accounts.users.alice.upn);
    expect(san?.names.items.some((n) => n.type === 'email' && n.value === lab.accounts.users.alice.mail)).toBe(true);
    expect(cert.getExtension(ExtendedKeyUsageExtension)?.usages).toEqual(['1.3.6.1.5.5.7.3.2', '1.3.6.1.4.1.311.20.2.2']);
  });
});

describe('the UEM API fixture of the lab', () => {
  const uem = lab.uem;
  const get = (path: string, user = uem.user, password = uem.password, tenant = uem.tenantCode) =>
    http(lab, `${uem.url}${path}`, { basic: { user, password }, headers: { 'aw-tenant-code': tenant, accept: 'application/json' } });

  it('answers /api/system/info over HTTPS with a lab-CA certificate for the pinned name', async () => {
    const r = await get('/api/system/info');
    expect(r.status, r.curl.stderr).toBe(200);
    expect(JSON.parse(r.body.toString())).toHaveProperty('ProductVersion');
  });

  it("finds the settings' organization group and refuses a wrong password or tenant code", async () => {
    const settings = labSettings(lab);
    const search = await get(`/api/system/groups/search?name=${encodeURIComponent(settings.organizationGroup.name)}`);
    expect(search.status).toBe(200);
    expect(search.body.toString()).toContain(`"Id":{"Value":${settings.organizationGroup.id}}`);
    expect((await get('/api/system/info', uem.user, 'wrong')).status).toBe(401);
    const tenant = await get('/api/system/info', uem.user, uem.password, 'not-the-tenant-code');
    expect([401, 403]).toContain(tenant.status);
  });
});

describe('hygiene', () => {
  it('listens only on the lab loopback addresses', async () => {
    const info = (await readLabInfo(lab.dir)) ?? lab;
    const mine = processTree([info.pids.samba.pid, info.pids.apache.pid, info.pids.uem.pid]);
    const ss = await run('ss', ['-H', '-lntup']);
    const bound = ss.stdout
      .split('\n')
      .filter((line) => [...line.matchAll(/pid=(\d+)/g)].some((m) => mine.has(Number(m[1]))))
      .map((line) => line.trim().split(/\s+/)[4] ?? '');
    expect(bound.length).toBeGreaterThan(10);
    const addresses = new Set(bound.map((a) => a.slice(0, a.lastIndexOf(':'))));
    expect([...addresses].sort()).toEqual([info.dc.address, info.web.address].sort());
  });

  it('gives no server a reason to ask DNS: no forwarder, no DNS/NBT services, a ServerName in every VirtualHost', async () => {
    const smb = await readFile(lab.dc.smbConf, 'utf8');
    expect(smb).not.toMatch(/dns forwarder/);
    expect(smb).toMatch(/server services = -dns -dnsupdate -nbt/);
    const conf = await readFile(lab.web.config, 'utf8');
    const vhosts = conf.split('<VirtualHost').slice(1);
    expect(vhosts.length).toBeGreaterThanOrEqual(3);
    for (const v of vhosts) expect(v).toMatch(/^\s*ServerName \S+/m);
    const krb5 = await readFile(lab.kerberos.krb5Conf, 'utf8');
    expect(krb5).toMatch(/dns_lookup_kdc = false/);
    expect(krb5).toMatch(/dns_canonicalize_hostname = false/);
  });
});
