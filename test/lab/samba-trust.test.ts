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
import { KRB_CHECKS } from '../../app/checks/krb';
import { runChecks } from '../../app/checks/runner';
import type { CheckResult } from '../../app/contract/check-result';
import { openLdap } from '../../app/ldap/connect';
import { loadPkiInputs } from '../../app/pki/settings-certificates';
import { claimPair, releasePair, type AddressPair } from './addresses';
import { deviceCertFor } from './device-cert';
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

async function crossRealmChecks(): Promise<Map<string, CheckResult>> {
  const base = labSettings(lab);
  const settings = {
    ...base,
    kcd: { ...base.kcd, domains: [...base.kcd.domains, { realm: b.names.realm, dcHost: b.names.dcHost }] },
    certificates: { ...base.certificates, deviceCertificate: await deviceCertFor(tmp, b.user.upn) },
    network: { ...base.network, hosts: { ...base.network.hosts, [b.names.dcFqdn]: b.names.dcAddress } },
  };
  const results = await runChecks(
    KRB_CHECKS.filter((c) => c.id === 'krb.as' || c.id === 'krb.s4u2self'),
    { settings, secrets: labSecrets(lab), baseDir: lab.dir },
  );
  return new Map(results.map((x) => [x.id, x]));
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
