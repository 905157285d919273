import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../app/contract/check-result';
import type { CheckId } from '../../../app/contract/check-ids';
import { chainDiagram } from '../../../app/report/chain-diagram';
import { readCrls } from '../../../app/report/crl-status';
import { reportChain } from '../../../app/report/report-chain';
import { makeTestPki, type TestPki } from '../../fixtures/pki/openssl-pki';
import { guideSettings } from '../../support/settings';

const BASE = 'http://pki.se.airwlab.com/CertEnroll';

const check = (id: CheckId, status: CheckResult['status'], evidence: string[]): CheckResult => ({
  id,
  title: id,
  status,
  evidence,
  remedy: status === 'fail' ? 'fix it' : null,
  command: null,
  reason: null,
  durationMs: 1,
});

// Evidence as pki.crl-reachable and pki.crl-valid write it for the lab's chain: the delta CRL
// comes from the issuing CA's base CRL (Freshest CRL), not from the device certificate.
const reachable = check('pki.crl-reachable', 'fail', [
  'CN=Lab Root: no CDP, as usual for a root CA (a trust anchor needs no CRL)',
  `CRL ${BASE}/root.crl: 420 bytes, 0 entries, 3 ms from 127.0.0.1`,
  `CRL ${BASE}/issuing.crl: 610 bytes, 1 entry, 2 ms from 127.0.0.1`,
  `FAIL delta CRL ${BASE}/issuing+.crl: HTTP 404 for a name with "+": IIS request filtering refuses it (double escaping is off on CertEnroll)`,
]);
const valid = check('pki.crl-valid', 'warn', [
  `CRL #17 ${BASE}/root.crl: signed by CN=Lab Root, thisUpdate 2026-12-01, nextUpdate 2026-12-08`,
  `WARN CRL #3 ${BASE}/issuing.crl: thisUpdate 2026-12-01, nextUpdate 2026-12-03: expires soon`,
]);

let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki({ baseUrl: BASE, keyType: 'ec' });
}, 60_000);

describe('readCrls', () => {
  it('finds each delta CRL under the base CRL before it, and the worst word any CRL check said of each URL', () => {
    const { deltasOf, statusOf } = readCrls([reachable, valid]);
    expect(Object.fromEntries(deltasOf)).toEqual({ [`${BASE}/issuing.crl`]: [`${BASE}/issuing+.crl`] });
    expect(Object.fromEntries(statusOf)).toEqual({
      [`${BASE}/root.crl`]: 'pass',
      [`${BASE}/issuing.crl`]: 'warn',
      [`${BASE}/issuing+.crl`]: 'fail',
    });
  });
});

describe('chain diagram', () => {
  it('draws each CA’s base CRL and its delta CRL (Freshest CRL), each in the colour of its own result', async () => {
    const chain = await reportChain(
      { ...guideSettings(), certificates: { roots: [pki.rootPem], intermediates: [pki.issuingPem], deviceCertificate: pki.devicePem } },
      '/',
    );
    const html = chainDiagram(chain, [reachable, valid]);
    const crls = [
      ...html.matchAll(
        /<div class="crl" data-crl-kind="(\w+)" data-crl-status="(\w+)"[^>]*><b>([^<]*)(?:<span[^>]*>[^<]*<\/span>)?<\/b> (\S+) <span[^>]*>([^<]+)<\/span>/g,
      ),
    ].map(([, kind, status, , url, word]) => ({ kind, status, url, word }));
    expect(crls).toEqual([
      { kind: 'base', status: 'pass', url: `${BASE}/root.crl`, word: 'passed' },
      { kind: 'base', status: 'warn', url: `${BASE}/issuing.crl`, word: 'warning' },
      { kind: 'delta', status: 'fail', url: `${BASE}/issuing+.crl`, word: 'failed' },
    ]);
    expect(html).toContain('delta CRL <span class="muted">(Freshest CRL)</span>');
    // The delta sits with the device certificate, whose CDP names the base CRL it belongs to.
    const deviceRow = html.slice(html.lastIndexOf('<div class="cert-row">'));
    expect(deviceRow).toContain(`${BASE}/issuing+.crl`);
  });

  it('draws an LDAP CDP no check could fetch as not checked, never with the colour of the HTTP ones', async () => {
    const ldap = makeTestPki({ baseUrl: BASE, keyType: 'ec', cdp: 'http+ldap' });
    const chain = await reportChain(
      { ...guideSettings(), certificates: { roots: [ldap.rootPem], intermediates: [ldap.issuingPem], deviceCertificate: ldap.devicePem } },
      '/',
    );
    const html = chainDiagram(chain, [check('pki.crl-reachable', 'pass', [`CRL ${BASE}/issuing.crl: 610 bytes, 1 entry, 2 ms from 127.0.0.1`])]);
    expect(html).toMatch(/data-crl-status="none"[^>]*><b>CRL<\/b> ldap:/);
    expect(html).toContain(`data-crl-status="pass" style="border-color:#2e7d32"><b>CRL</b> ${BASE}/issuing.crl`);
  });
});
