import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../../app/contract/check-result';
import { APP_ICON_SVG } from '../../../app/report/app-icon-svg';
import { renderHtmlReport } from '../../../app/report/html-report';
import { inlineSvg } from '../../../scripts/make-icons';
import { buildReport } from '../../../app/report/json-report';
import { reportChain } from '../../../app/report/report-chain';
import { rollup } from '../../../app/report/status-rollup';
import { main } from '../../../app/cli/main';
import { makeTestPki, type TestPki } from '../../fixtures/pki/openssl-pki';
import { captureIo } from '../../support/cli-io';
import { guideSettings } from '../../support/settings';
import type { CheckId } from '../../../app/contract/check-ids';

const result = (id: CheckId, status: CheckResult['status'], extra: Partial<CheckResult> = {}): CheckResult => ({
  id,
  title: id,
  status,
  evidence: [],
  remedy: status === 'fail' ? 'do the fix' : null,
  command: null,
  reason: status === 'skip' ? 'why' : null,
  durationMs: 3,
  ...extra,
});

let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki({ baseUrl: 'http://pki.se.airwlab.com/CertEnroll', keyType: 'ec' });
}, 60_000);

describe('HTML report', () => {
  it('is self-contained: no script, no external resource, a CSP that forbids both', () => {
    const html = renderHtmlReport({ report: buildReport(guideSettings(), new Date(), [result('ad.bind', 'pass')]), chain: [] });
    expect(html).toContain("default-src 'none'");
    // url(#id) is a reference inside the page (the logo's gradients), not a resource.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|@import|url\((?!#)/i);
  });

  it('carries the application icon (assets/icon.svg) inline in its header', () => {
    const html = renderHtmlReport({ report: buildReport(guideSettings(), new Date(), [result('ad.bind', 'pass')]), chain: [] });
    expect(html).toContain(`<h1>${inlineSvg(readFileSync(join(import.meta.dirname, '../../../assets/icon.svg'), 'utf8'))}SEG KCD verify report</h1>`);
    expect(APP_ICON_SVG).toContain('aria-hidden="true"');
    expect(APP_ICON_SVG).not.toMatch(/id="(?!app-icon-)/);
  });

  it('escapes everything a server or a person typed', () => {
    const hostile = '<script>alert(1)</script>"\'&';
    const s = guideSettings();
    const html = renderHtmlReport({
      report: buildReport({ ...s, kcd: { ...s.kcd, serviceAccount: hostile } }, new Date(), [
        result('eas.tls', 'fail', { evidence: [hostile], command: hostile, remedy: hostile, title: hostile }),
      ]),
      chain: [],
    });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;');
  });

  it('names the shell each command is for; older reports without it read as PowerShell', () => {
    const html = renderHtmlReport({
      report: buildReport(guideSettings(), new Date(), [
        result('seg.app-pool', 'fail', { command: 'appcmd.exe add backup', commandShell: 'cmd' }),
        result('ad.enctypes', 'fail', { command: "Set-ADUser -Identity 'x'" }),
      ]),
      chain: [],
    });
    expect(html).toContain('<b>Command (cmd.exe)</b><pre>appcmd.exe add backup</pre>');
    expect(html).toContain('<b>Command (PowerShell)</b><pre>Set-ADUser -Identity &#39;x&#39;</pre>');
  });

  it('says in one line whether the gateway is blocked, and links the blocking checks', () => {
    const blocked = renderHtmlReport({
      report: buildReport(guideSettings(), new Date(), [result('krb.s4u2proxy', 'fail'), result('ad.enctypes', 'warn'), result('ad.bind', 'pass')]),
      chain: [],
    });
    expect(blocked).toContain('Not ready: 1 problem blocks the gateway');
    expect(blocked).toContain('href="#krb.s4u2proxy"');
    const ready = renderHtmlReport({
      report: buildReport(guideSettings(), new Date(), [result('ad.bind', 'pass'), result('eas.kcd-end-to-end', 'pass')]),
      chain: [],
    });
    expect(ready).toContain('Ready: a device certificate became a ticket that ActiveSync accepted');
  });

  it('names beside "Ready" the parts no check reached, in the warning colour', () => {
    const checks = [result('ad.bind', 'pass'), result('eas.kcd-end-to-end', 'pass'), result('seg.iis-config', 'skip'), result('seg.app-pool', 'skip')];
    const html = renderHtmlReport({ report: buildReport(guideSettings(), new Date(), checks), chain: [] });
    expect(html).toContain('Ready: a device certificate became a ticket that ActiveSync accepted. Not checked: SEG host');
    expect(html).toContain('class="verdict" style="background:#b26a00"');
  });

  it('draws a full pass as passed, though checks that do not apply were skipped, and the UEM path with its API port', () => {
    const s = guideSettings();
    const settings = { ...s, email: { ...s.email, casArray: { enabled: false, fqdn: '' } }, uem: { ...s.uem, apiUrl: 'https://uem.se.airwlab.com:8443' } };
    const checks = [
      result('ad.bind', 'pass'),
      result('ad.asa', 'skip', { reason: 'No CAS array is configured' }),
      result('krb.as', 'pass'),
      result('uem.api', 'pass'),
    ];
    const html = renderHtmlReport({ report: buildReport(settings, new Date(), checks), chain: [] });
    expect(html).toMatch(/>Kerberos 88[^<]*<\/text>\s*<text[^>]*>passed</);
    expect(html).toContain('>REST 8443<');
    expect(html).not.toContain('REST 443');
  });

  it('says "not proven" rather than "ready" when the end-to-end check did not run, and why', () => {
    const skipped = [result('ad.bind', 'pass'), result('eas.kcd-end-to-end', 'skip', { reason: 'krb.as was skipped (needs SEG_KCD_PASSWORD)' })];
    const unproven = renderHtmlReport({ report: buildReport(guideSettings(), new Date(), skipped), chain: [] });
    expect(unproven).toContain('Not proven: nothing failed, but the end-to-end check did not run');
    expect(unproven).toContain('needs SEG_KCD_PASSWORD');
    expect(unproven).not.toContain('Ready');
    const subset = renderHtmlReport({ report: buildReport(guideSettings(), new Date(), [result('ad.bind', 'pass')]), chain: [] });
    expect(subset).toContain('eas.kcd-end-to-end was not part of this run.');
  });

  it('colours each path of the diagram by the worst of its checks, and unchecked paths grey', () => {
    const checks = [result('ad.bind', 'pass'), result('krb.s4u2proxy', 'fail'), result('eas.tls', 'warn'), result('uem.api', 'skip')];
    expect(rollup(checks, ['ad', 'krb.s4u2proxy'])).toBe('fail');
    expect(rollup(checks, ['eas'])).toBe('warn');
    expect(rollup(checks, ['uem'])).toBe('skip');
    expect(rollup(checks, ['pki.crl-reachable'])).toBe('none');
    expect(rollup(checks, ['ad'])).toBe('pass');
    // Some passed, the rest skipped: not shown to work, and not drawn as a plain pass.
    expect(rollup([...checks, result('ad.ntauth', 'skip')], ['ad'])).toBe('partial');
    const html = renderHtmlReport({ report: buildReport(guideSettings(), new Date(), checks), chain: [] });
    // The DC's path (it ends at the DC's row, y 47) is red, and its label says so.
    expect(html).toMatch(/<polyline points="[^"]*,47" [^>]*stroke="#c62828"/);
    expect(html).toMatch(/>Kerberos 88[^<]*<\/text>\s*<text[^>]*fill="#c62828"[^>]*>failed</);
    // Every label comes after every line: no path is drawn across a label.
    expect(html.lastIndexOf('<polyline ')).toBeLessThan(html.indexOf('>Kerberos 88'));
    expect(html).toContain('not checked');
  });

  it('draws the chain from the root to the device with its CRLs', async () => {
    const s = { ...guideSettings(), certificates: { roots: [pki.rootPem], intermediates: [pki.issuingPem], deviceCertificate: pki.devicePem } };
    const chain = await reportChain(s, '/');
    expect(chain.map((c) => c.role)).toEqual(['root', 'intermediate', 'device']);
    const html = renderHtmlReport({ report: buildReport(s, new Date(), [result('pki.crl-reachable', 'pass')]), chain });
    expect(html).toContain('no CDP (normal for a root)');
    expect(html).toContain('http://pki.se.airwlab.com/CertEnroll');
  });
});

describe('seg-setup verify --report', () => {
  it('writes an HTML report without secrets, and refuses an unknown extension before running', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seg-report-'));
    await writeFile(join(dir, 'settings.json'), JSON.stringify(guideSettings()));
    const io = captureIo({ cwd: dir, env: { SEG_KCD_PASSWORD: 'Report!Secret1' } });
    expect(await main(['verify', '--config', 'settings.json', '--only', 'input.*', '--report', 'out.html'], io)).toBe(0);
    const html = await readFile(join(dir, 'out.html'), 'utf8');
    expect(html).toContain('input.realm');
    expect(html).not.toContain('Report!Secret1');
    expect(html).not.toContain('T3NANT');
    const bad = captureIo({ cwd: dir });
    expect(await main(['verify', '--config', 'settings.json', '--report', 'out.pdf'], bad)).toBe(2);
    expect(bad.err()).toContain('.html');
  });
});
