/**
 * Two Samba domains with a two-way trust (second-domain.ts): the lab's domain A and a
 * domain B with a user bob, made in beforeAll for this file only and removed again after it
 * (A is left as it was). What Samba 4.17 proves across a trust, with MIT's tools as the
 * reference: cross-realm TGS works; cross-realm S4U2Self does not (Samba's KDC looks the
 * impersonated user up only in its own database), which the product must say in the KDC's words.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AD_CHECKS } from '../../app/checks/ad';
import { INPUT_CHECKS } from '../../app/checks/input';
import { KRB_CHECKS } from '../../app/checks/krb';
import { runChecks } from '../../app/checks/runner';
import type { CheckResult } from '../../app/contract/check-result';
import type { Settings } from '../../app/contract/settings';
import { openLdap } from '../../app/ldap/connect';
import { loadPkiInputs } from '../../app/pki/settings-certificates';
import { claimPair, releasePair, type AddressPair } from './addresses';
import { deviceCertFor } from './device-cert';
import { editDirectory } from './directory';
import { labSecrets, labSettings } from './lab';
import { run, type RunResult } from './proc';
import { startSecondDomain, stopSecondDomain, trust, type SecondDomain } from './second-domain';
import { cleanupScratch, scratch } from './tools';

const lab = inject('lab');
let b: SecondDomain;
let pair: AddressPair;
let dir = '';
let tmp = '';

beforeAll(async () => {
  pair = await claimPair();
  tmp = await scratch();
  dir = await mkdtemp('/var/tmp/seg-kcd-beta-');
  b = await startSecondDomain(lab, { dir, address: pair.dcAddress });
}, 180_000);

afterAll(async () => {
  if (b) await stopSecondDomain(lab, b);
  if (pair) await releasePair(pair);
  if (dir) await rm(dir, { recursive: true, force: true });
  await cleanupScratch(tmp);
}, 60_000);

function env(cc: string): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', KRB5_CONFIG: b.krb5Conf, KRB5CCNAME: `FILE:${join(tmp, cc)}` };
}

/** bob of B logs on in B and asks for A's target: a referral TGT krbtgt/A@B, then the ticket from A. */
async function bobCrossRealm(cc: string): Promise<{ kvno: RunResult; klist: RunResult }> {
  const kinit = await run('kinit', [b.user.principal], { env: env(cc), input: `${b.user.password}\n`, timeoutMs: 15_000 });
  expect(kinit.code, kinit.stderr).toBe(0);
  const kvno = await run('kvno', [`${lab.kerberos.targetSpnFqdn}@${lab.names.realm}`], { env: env(cc), timeoutMs: 15_000 });
  const klist = await run('klist', [], { env: env(cc), timeoutMs: 5_000 });
  return { kvno, klist };
}

describe('two Samba domains with a two-way trust', () => {
  it("a user of B gets a service ticket for A's target across the trust (cross-realm TGS)", async () => {
    const { kvno, klist } = await bobCrossRealm('bob.cc');
    expect(kvno.code, kvno.stderr).toBe(0);
    expect(klist.stdout).toContain(`krbtgt/${lab.names.realm}@${b.names.realm}`);
    expect(klist.stdout).toContain(`${lab.kerberos.targetSpnFqdn}@${lab.names.realm}`);
  });

  it("cross-realm S4U2Self is refused: MIT's kvno -U user@B -P target fails with the KDC's 'client not found'", async () => {
    const kinit = await run('kinit', [`${lab.accounts.service.name}@${lab.names.realm}`], {
      env: env('svc.cc'),
      input: `${lab.accounts.service.password}\n`,
      timeoutMs: 15_000,
    });
    expect(kinit.code, kinit.stderr).toBe(0);
    const kvno = await run(
      'kvno',
      ['-U', b.user.principal, '-P', `${lab.kerberos.targetSpnFqdn}@${lab.names.realm}`, '--out-cache', `FILE:${join(tmp, 'out.cc')}`],
      { env: env('svc.cc'), timeoutMs: 15_000 },
    );
    expect(kvno.code).not.toBe(0);
    expect(kvno.stderr).toMatch(/Client not found in Kerberos database/);
  });

  it('the trust removed: the same cross-realm request fails, and works again once it is back', async () => {
    await trust(lab, b, 'delete');
    try {
      const { kvno } = await bobCrossRealm('bob-notrust.cc');
      expect(kvno.code).not.toBe(0);
      expect(kvno.stderr).toMatch(/not found in Kerberos database/);
    } finally {
      await trust(lab, b, 'create');
    }
    expect((await bobCrossRealm('bob-again.cc')).kvno.code).toBe(0);
  });
});

/** The certificate a TLS server presents for a name, unverified: what is served, whoever vouches for it. */
function servedCertificate(address: string, port: number, servername: string): Promise<X509Certificate> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: address, port, servername, rejectUnauthorized: false, timeout: 10_000 }, () => {
      const raw = socket.getPeerX509Certificate();
      socket.destroy();
      if (raw === undefined) reject(new Error(`${address}:${port} presented no certificate`));
      else resolve(raw);
    });
    socket.on('error', reject);
    socket.on('timeout', () => socket.destroy(new Error(`${address}:${port}: TLS timeout`)));
  });
}

describe("domain B's LDAPS", () => {
  it("serves B's own certificate, issued by the lab PKI for B's DC name and address", async () => {
    const cert = await servedCertificate(b.names.dcAddress, 636, b.names.dcFqdn);
    expect(cert.subject).toBe(`CN=${b.names.dcFqdn}`);
    expect(cert.checkHost(b.names.dcFqdn)).toBe(b.names.dcFqdn);
    expect(cert.checkIP(b.names.dcAddress)).toBe(b.names.dcAddress);
    expect(cert.checkHost(lab.dc.fqdn)).toBeUndefined();
    expect(cert.issuer).toBe(`CN=${lab.pki.issuing.name}`);
  });

  it("the product's LDAPS to B verifies B's certificate against the roots of the lab's settings", async () => {
    const settings = labSettings(lab);
    const inputs = await loadPkiInputs(settings.certificates, lab.dir);
    expect(inputs.problems).toEqual([]);
    const opened = await openLdap(
      { host: b.names.dcFqdn, address: b.names.dcAddress, tlsPort: 636, plainPort: 389 },
      { ca: [...inputs.roots, ...inputs.intermediates].map((c) => c.summary.pem), timeoutMs: 10_000 },
    );
    if (!opened.ok) throw new Error(`${opened.error.code}: ${opened.error.message}`);
    try {
      expect(opened.value.connection.transport).toBe('ldaps');
      expect(opened.value.rootDse.ok && opened.value.rootDse.value.defaultNamingContext).toBe(b.names.baseDn);
    } finally {
      await opened.value.connection.client.unbind();
    }
  });
});

function text(r: CheckResult | undefined): string {
  return [...(r?.evidence ?? []), r?.remedy ?? '', r?.command ?? '', r?.reason ?? ''].join('\n');
}

/** The lab's settings for a device certificate of `upn`, with B as a second kcd.domains row (or without it). */
async function settingsFor(upn: string, withRowForB = true): Promise<Settings> {
  const base = labSettings(lab);
  return {
    ...base,
    kcd: { ...base.kcd, domains: [...base.kcd.domains, ...(withRowForB ? [{ realm: b.names.realm, dcHost: b.names.dcHost }] : [])] },
    certificates: { ...base.certificates, deviceCertificate: await deviceCertFor(tmp, upn) },
    network: { ...base.network, hosts: { ...base.network.hosts, [b.names.dcFqdn]: b.names.dcAddress } },
  };
}

const CHECKS = [...INPUT_CHECKS, ...AD_CHECKS, ...KRB_CHECKS];

async function runFor(ids: readonly string[], settings: Settings): Promise<Map<string, CheckResult>> {
  const results = await runChecks(
    CHECKS.filter((c) => ids.includes(c.id)),
    { settings, secrets: labSecrets(lab), baseDir: lab.dir },
  );
  return new Map(results.map((x) => [x.id, x]));
}

async function crossRealmChecks(): Promise<Map<string, CheckResult>> {
  return runFor(['krb.as', 'krb.s4u2self'], await settingsFor(b.user.upn));
}

describe('krb.s4u2self for a user of B against two Samba domains', () => {
  it("fails at the S4U2Self hop of the service's realm, in the KDC's words: Samba refuses cross-realm protocol transition", async () => {
    const r = await crossRealmChecks();
    expect(r.get('krb.as')?.status, text(r.get('krb.as'))).toBe('pass');
    const self = r.get('krb.s4u2self');
    expect(self?.status, text(self)).toBe('fail');
    expect(text(self)).toContain(`hop 1: cross-realm TGT from ${lab.names.realm}`);
    // B looks bob up and refers back home; A then refuses him (its own database only).
    expect(text(self)).toMatch(new RegExp(`hop 2: S4U2Self from ${b.names.realm} .*-> krbtgt/${lab.names.realm}@${b.names.realm}`));
    expect(text(self)).toMatch(new RegExp(`hop 3: S4U2Self from ${lab.names.realm} .*: failed`));
    expect(text(self)).toContain('KDC_ERR_C_PRINCIPAL_UNKNOWN');
    expect(text(self)).toContain('error: KRB_XREALM_S4U_REFUSED');
    expect(self?.remedy).toMatch(/looks the impersonated user up only in its own database/);
  });

  it('the trust keys differ between the two sides: cross-realm TGS fails, and krb.s4u2self fails at hop 2, in B', async () => {
    await trust(lab, b, 'delete');
    await trust(lab, b, 'create-wrong-key');
    try {
      const { kvno } = await bobCrossRealm('bob-wrongkey.cc');
      expect(kvno.code).not.toBe(0);
      const self = (await crossRealmChecks()).get('krb.s4u2self');
      expect(self?.status, text(self)).toBe('fail');
      expect(text(self)).toMatch(new RegExp(`Hop 2 \\(S4U2Self from ${b.names.realm}`));
    } finally {
      await trust(lab, b, 'delete');
      await trust(lab, b, 'create');
    }
  });
});

/**
 * The user of B in the directory. Samba 4.17's DC (winbindd off, no DNS) does not pass a
 * trusted domain's simple bind on as a Windows DC does (measured: 52e for the service account of
 * A at B's DC), so B gets an account answering to the service account's bind name with its
 * password: a stand-in for that pass-through, removed again with its attributes afterwards.
 */
describe("ad.user-delegable and the user's realm for a user of B", () => {
  const svc = () => lab.accounts.service;
  const bindName = () => `${svc().name}@${lab.names.realm}`;
  const partitionsB = () => `CN=Partitions,CN=Configuration,${b.names.baseDn}`;

  beforeAll(async () => {
    await editDirectory(b.smbConf, [
      { op: 'user', name: svc().name, password: svc().password },
      { op: 'modify', account: svc().name, changes: [{ attr: 'userPrincipalName', action: 'replace', values: [bindName()] }] },
    ]);
  }, 60_000);

  afterAll(async () => {
    // Not a second user name, only a second UPN: the stand-in keeps its sAMAccountName and loses the bind name.
    await editDirectory(b.smbConf, [
      { op: 'modify', account: svc().name, changes: [{ attr: 'userPrincipalName', action: 'replace', values: [`${svc().name}-standin@${b.names.domain}`] }] },
    ]);
  }, 60_000);

  it("with a row for B, finds bob at B's DC and reads him and Protected Users there", async () => {
    const r = (await runFor(['input.certificates', 'ad.bind', 'ad.user-delegable'], await settingsFor(b.user.upn))).get('ad.user-delegable');
    expect(r?.status, text(r)).toBe('pass');
    const bob = `CN=bob,CN=Users,${b.names.baseDn}`;
    expect(r?.evidence).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^searched: global catalogue .*; ${b.names.dcFqdn} \\(${b.names.realm}\\)$`)),
        `accounts found: bob (${bob}) in ${b.names.domain}, found at ${b.names.dcFqdn}`,
        `realm of the user: ${b.names.realm}, the domain of the account ${bob}; ${b.names.domain} is a domain's DNS name (CN=${b.names.netbios},${partitionsB()})`,
        `read at ${b.names.dcFqdn}, a DC of ${b.names.domain}`,
        `not a member of CN=Protected Users,CN=Users,${b.names.baseDn}, directly or nested`,
      ]),
    );
  });

  it("bob in B's Protected Users: the membership is read in B and the check fails naming B's group", async () => {
    const group = `CN=Protected Users,CN=Users,${b.names.baseDn}`;
    const bob = `CN=bob,CN=Users,${b.names.baseDn}`;
    await editDirectory(b.smbConf, [{ op: 'modify', dn: group, changes: [{ attr: 'member', action: 'add', values: [bob] }] }]);
    try {
      const r = (await runFor(['input.certificates', 'ad.bind', 'ad.user-delegable'], await settingsFor(b.user.upn))).get('ad.user-delegable');
      expect(r?.status, text(r)).toBe('fail');
      expect(r?.evidence.at(-1)).toBe(`member of ${group} through: ${group}`);
      expect(r?.command).toBe(`Remove-ADGroupMember -Identity '${group}' -Members '${bob}' -Server '${b.names.domain}' -Confirm:$false`);
    } finally {
      await editDirectory(b.smbConf, [{ op: 'modify', dn: group, changes: [{ attr: 'member', action: 'delete', values: [bob] }] }]);
    }
  });

  it("without a row for B, the forest's global catalogue alone does not hold bob, and the check says to add B's row", async () => {
    const r = (await runFor(['input.certificates', 'ad.bind', 'ad.user-delegable'], await settingsFor(b.user.upn, false))).get('ad.user-delegable');
    expect(r?.status, text(r)).toBe('fail');
    expect(r?.evidence).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^searched: global catalogue [^;]*$/),
        'accounts found: none',
        `realm of the user: ${lab.names.realm}, no directory entry or kcd.domains row maps ${b.names.domain}: the service account's realm`,
      ]),
    );
    expect(r?.remedy).toMatch(/If the user lives in a trusted forest, add one of its domains under KCD/);
  });

  it("B's DC refusing the service account's bind: B is named as not searched, with the DC's reason", async () => {
    await editDirectory(b.smbConf, [{ op: 'setpassword', account: svc().name, password: 'Passw0rd!Other1' }]);
    try {
      const r = (await runFor(['input.certificates', 'ad.bind', 'ad.user-delegable'], await settingsFor(b.user.upn))).get('ad.user-delegable');
      expect(r?.status, text(r)).toBe('fail');
      expect(text(r)).toContain(`not searched: ${b.names.realm}: ${b.names.dcFqdn} refused the bind as ${bindName()}`);
    } finally {
      await editDirectory(b.smbConf, [{ op: 'setpassword', account: svc().name, password: svc().password }]);
    }
  });

  it("an alternative UPN suffix on B's Partitions container: bob@<suffix> maps to B's realm, in ad.user-delegable and krb.s4u2self", async () => {
    const suffix = 'beta-alt.test';
    const upn = `${b.user.name}@${suffix}`;
    await editDirectory(b.smbConf, [
      { op: 'modify', dn: partitionsB(), changes: [{ attr: 'uPNSuffixes', action: 'add', values: [suffix] }] },
      { op: 'modify', account: b.user.name, changes: [{ attr: 'userPrincipalName', action: 'replace', values: [upn] }] },
    ]);
    try {
      const r = await runFor(['input.certificates', 'ad.bind', 'ad.user-delegable', 'krb.as', 'krb.s4u2self'], await settingsFor(upn));
      const mapping = `realm of the user: ${b.names.realm}, the domain of the account CN=bob,CN=Users,${b.names.baseDn}; ${suffix} is an alternative UPN suffix (uPNSuffixes on ${partitionsB()})`;
      const delegable = r.get('ad.user-delegable');
      expect(delegable?.status, text(delegable)).toBe('pass');
      expect(delegable?.evidence).toContain(mapping);
      const self = r.get('krb.s4u2self');
      expect(self?.evidence).toContain(mapping);
      // Sent as an enterprise name to B's realm: the first hop is the cross-realm TGT towards B.
      expect(text(self)).toContain(`requested as: ${upn}@${b.names.realm} (PA-FOR-USER, name-type 10)`);
      expect(text(self)).toContain(`hop 1: cross-realm TGT from ${lab.names.realm}`);
    } finally {
      await editDirectory(b.smbConf, [
        { op: 'modify', account: b.user.name, changes: [{ attr: 'userPrincipalName', action: 'replace', values: [b.user.upn] }] },
        { op: 'modify', dn: partitionsB(), changes: [{ attr: 'uPNSuffixes', action: 'delete', values: [suffix] }] },
      ]);
    }
  });

  it("bob of B under A's suffix: A's KDC is asked first and refuses, the directory finds him in B, and S4U2Self goes on across the trust", async () => {
    const upn = `${b.user.name}@${lab.names.domain}`;
    await editDirectory(b.smbConf, [{ op: 'modify', account: b.user.name, changes: [{ attr: 'userPrincipalName', action: 'replace', values: [upn] }] }]);
    try {
      const self = (await runFor(['input.certificates', 'krb.as', 'krb.s4u2self'], await settingsFor(upn))).get('krb.s4u2self');
      expect(self?.evidence).toEqual(
        expect.arrayContaining([
          expect.stringMatching(new RegExp(`^realm of the user: ${b.names.realm}, the domain of the account CN=bob,CN=Users,${b.names.baseDn}`)),
          `asked first of ${lab.names.realm}, the realm of the UPN's suffix (kcd.domains[0]), as ${b.user.name}@${lab.names.realm}: KRB_KDC_ERR_C_PRINCIPAL_UNKNOWN`,
          `requested as: ${upn}@${b.names.realm} (PA-FOR-USER, name-type 10)`,
        ]),
      );
      // Then across the trust, as for bob@B: the first hop is the cross-realm TGT towards B.
      expect(text(self)).toContain(`hop 1: cross-realm TGT from ${lab.names.realm}`);
    } finally {
      await editDirectory(b.smbConf, [
        { op: 'modify', account: b.user.name, changes: [{ attr: 'userPrincipalName', action: 'replace', values: [b.user.upn] }] },
      ]);
    }
  });

  it("an alternative UPN suffix of A's own forest: alice@<suffix> maps to A's realm from her account, and S4U2Self for her passes", async () => {
    const suffix = 'contoso-alt.test';
    const alice = lab.accounts.users.alice;
    const upn = `${alice.name}@${suffix}`;
    const partitionsA = `CN=Partitions,CN=Configuration,${lab.names.baseDn}`;
    await editDirectory(lab.dc.smbConf, [
      { op: 'modify', dn: partitionsA, changes: [{ attr: 'uPNSuffixes', action: 'add', values: [suffix] }] },
      { op: 'modify', account: alice.name, changes: [{ attr: 'userPrincipalName', action: 'replace', values: [upn] }] },
    ]);
    try {
      const r = await runFor(['input.certificates', 'ad.bind', 'ad.user-delegable', 'krb.as', 'krb.s4u2self'], await settingsFor(upn));
      const mapping = `realm of the user: ${lab.names.realm}, the domain of the account CN=${alice.name},CN=Users,${lab.names.baseDn}; ${suffix} is an alternative UPN suffix (uPNSuffixes on ${partitionsA})`;
      expect(r.get('ad.user-delegable')?.status, text(r.get('ad.user-delegable'))).toBe('pass');
      expect(r.get('ad.user-delegable')?.evidence).toContain(mapping);
      const self = r.get('krb.s4u2self');
      expect(self?.status, text(self)).toBe('pass');
      expect(self?.evidence).toContain(mapping);
      expect(self?.evidence).toContain(`requested as: ${upn}@${lab.names.realm} (PA-FOR-USER, name-type 10)`);
    } finally {
      await editDirectory(lab.dc.smbConf, [
        { op: 'modify', account: alice.name, changes: [{ attr: 'userPrincipalName', action: 'replace', values: [alice.upn] }] },
        { op: 'modify', dn: partitionsA, changes: [{ attr: 'uPNSuffixes', action: 'delete', values: [suffix] }] },
      ]);
    }
  });
});
