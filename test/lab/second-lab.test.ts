import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFile, stat } from 'node:fs/promises';
import { markOwned, testLabDir } from './global-setup';
import { join } from 'node:path';
import { X509Certificate } from '@peculiar/x509';
import { claimPair, pairInUse, releasePair, type AddressPair } from './addresses';
import { destroyLab, isLabRunning, labSettings, readLabInfo, startLab, type LabInfo } from './lab';
import { isRunning } from './proc';
import { cleanupScratch, http, kinit, kvnoS4U, ldapsearch, scratch } from './tools';

/**
 * Names and realm are parameters: a second lab with other names, on other loopback
 * addresses, running side by side with the suite's lab. Nothing in it says airwlab.
 */
const main = inject('lab');
let pair: AddressPair | undefined;
let lab: LabInfo | undefined;
let tmp = '';

function second(): LabInfo {
  if (!lab) throw new Error('the second lab did not start');
  return lab;
}

beforeAll(async () => {
  tmp = await scratch();
  pair = await claimPair();
  const dir = await testLabDir();
  lab = await startLab({
    realm: 'LAB2.EXAMPLE.TEST',
    netbiosDomain: 'LABTWO',
    dcHost: 'dc7',
    exchangeHost: 'mbx3',
    casHost: 'owa',
    serviceAccount: 'svc_deleg',
    dir,
    ...pair,
  });
  await markOwned(lab);
}, 180_000);

afterAll(async () => {
  if (lab) await destroyLab(lab);
  if (pair) await releasePair(pair);
  await cleanupScratch(tmp);
}, 60_000);

describe('a second lab with other names', () => {
  it('runs next to the suite lab on its own addresses', async () => {
    const l = second();
    expect(isLabRunning(l)).toBe(true);
    expect(isLabRunning((await readLabInfo(main.dir)) ?? main)).toBe(true);
    expect(l.dc.address).not.toBe(main.dc.address);
    expect(l.web.address).not.toBe(main.web.address);
    expect(JSON.stringify(labSettings(l)).toLowerCase()).not.toContain('airwlab');
    expect(labSettings(l).kcd).toEqual({ targetSpn: 'HTTP/mbx3', serviceAccount: 'svc_deleg', domains: [{ realm: 'LAB2.EXAMPLE.TEST', dcHost: 'dc7' }] });
  });

  it('binds over LDAPS with its own base DN and CA', async () => {
    const l = second();
    const r = await ldapsearch(l, {
      bindDn: 'svc_deleg@lab2.example.test',
      password: l.accounts.service.password,
      base: 'DC=lab2,DC=example,DC=test',
      filter: '(sAMAccountName=svc_deleg)',
      attrs: ['msDS-AllowedToDelegateTo'],
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('msDS-AllowedToDelegateTo: HTTP/mbx3.lab2.example.test');
    // The suite lab's CA does not vouch for this DC.
    const cross = await ldapsearch(
      { ...l, pki: { ...l.pki, chain: main.pki.chain } },
      { bindDn: 'svc_deleg@lab2.example.test', password: l.accounts.service.password, base: 'DC=lab2,DC=example,DC=test', scope: 'base' },
    );
    expect(cross.code).not.toBe(0);
  });

  it('delegates alice to HTTP/mbx3 and the EAS endpoint accepts her as alice@LAB2.EXAMPLE.TEST', async () => {
    const l = second();
    const svcCc = join(tmp, 'svc.cc');
    const aliceCc = join(tmp, 'alice.cc');
    expect((await kinit(l, 'svc_deleg', l.accounts.service.password, svcCc)).code).toBe(0);
    const s4u = await kvnoS4U(l, 'alice', 'HTTP/mbx3.lab2.example.test', svcCc, aliceCc);
    expect(s4u.code, s4u.stderr).toBe(0);
    const r = await http(l, 'https://mbx3.lab2.example.test/Microsoft-Server-ActiveSync', { negotiateCcache: aliceCc });
    expect(r.status, r.curl.stderr).toBe(200);
    expect(r.body.toString()).toContain('REMOTE_USER=alice@LAB2.EXAMPLE.TEST');
  });

  it('issues device certificates and CRLs under its own names', async () => {
    const l = second();
    const cert = new X509Certificate(await readFile(l.pki.deviceCert, 'utf8'));
    expect(cert.issuer).toBe('CN=LABTWO-DC7-CA');
    expect(l.pki.urls.issuingDeltaCrl).toBe('http://pki.lab2.example.test/CertEnroll/LABTWO-DC7-CA+.crl');
    expect((await http(l, l.pki.urls.issuingDeltaCrl)).status).toBe(200);
  });

  it('stops by PID and leaves nothing running or listening', async () => {
    const l = second();
    await destroyLab(l);
    lab = undefined;
    expect(isRunning(l.pids.samba)).toBe(false);
    expect(isRunning(l.pids.apache)).toBe(false);
    expect(await pairInUse(l.names)).toBe(false);
    expect(await stat(l.dir).catch(() => undefined)).toBeUndefined();
    expect(isLabRunning((await readLabInfo(main.dir)) ?? main)).toBe(true);
  });
});
