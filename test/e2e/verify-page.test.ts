import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CATALOGUE } from '../../app/checks/catalogue';
import { INPUT_CHECKS } from '../../app/checks/input';
import type { CheckDefinition } from '../../app/checks/types';
import { emptySettings, type Settings } from '../../app/contract/settings';
import { SETTINGS_FILE_NAME } from '../../app/config/settings-store';
import { ensureRendererBuilt, eventually, launchChromium, makeCertificatePem, SCREENSHOT_DIR, startSite, tabTo, type Site } from './harness';
import { standIn } from '../support/check-ids';

const STAGE_IDS = ['pki.device-cert', 'ad.user-delegable', 'krb.s4u2self', 'krb.s4u2proxy', 'eas.kcd-end-to-end'];

function labSettings(realm: string): Settings {
  const s = emptySettings();
  return {
    ...s,
    organizationGroup: { ...s.organizationGroup, name: 'SE Lab', memConfigName: 'SEG-KCD' },
    kcd: { ...s.kcd, targetSpn: 'HTTP/semail01', serviceAccount: 'aw_KCDsvc', domains: [{ realm, dcHost: 'sedc01' }] },
    email: { ...s.email, host: 'semail01.se.airwlab.com' },
    certificates: { ...s.certificates, roots: [makeCertificatePem('/CN=E2E Root CA')], deviceCertificate: makeCertificatePem('/CN=alice') },
    // Every name the network checks meet is pinned to loopback, and DNS is asked only on loopback:
    // this test sends nothing off the machine.
    network: { hosts: { 'semail01.se.airwlab.com': '127.0.0.1', 'sedc01.se.airwlab.com': '127.0.0.1' }, dnsServer: '127.0.0.1', timeoutMs: 1000 },
  };
}

let browser: Browser;

beforeAll(async () => {
  ensureRendererBuilt();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

const VIEWPORT = { width: 1024, height: 700 };

async function openVerify(site: Site, context?: BrowserContext): Promise<Page> {
  const page = context ? await context.newPage() : await browser.newPage({ viewport: VIEWPORT });
  await page.goto(site.host.launchUrl);
  await page.getByRole('tab', { name: /Verify/ }).click();
  await page.locator('#step-title', { hasText: /^Verify$/ }).waitFor();
  return page;
}

const row = (page: Page, id: string) => page.locator(`[data-check-id="${id}"]`);
const verdict = (page: Page) => page.locator('[data-verdict]').getAttribute('data-verdict');

describe('the Verify page against the real input checks', () => {
  let site: Site;
  let page: Page;

  beforeAll(async () => {
    site = await startSite();
    // Saved settings with one mistake: the realm in lower case.
    writeFileSync(join(site.profileDir, SETTINGS_FILE_NAME), JSON.stringify(labSettings('se.airwlab.com')));
    page = await openVerify(site);
  });

  afterAll(async () => {
    await page?.close();
    await site?.close();
  });

  test('runs every check of the catalogue, shows what blocks, and explains a failure when opened', async () => {
    expect(await verdict(page)).toBe('not-run');
    for (const check of CATALOGUE) expect(await row(page, check.id).getAttribute('data-status')).toBe('idle');
    for (const id of STAGE_IDS) {
      const expected = CATALOGUE.some((c) => c.id === id) ? 'idle' : 'unavailable';
      expect(await page.locator(`[data-stage="${id}"]`).getAttribute('data-status')).toBe(expected);
    }

    await page.getByRole('button', { name: 'Run all checks' }).click();
    await eventually(() => verdict(page), 45_000).toBe('blocked');
    await eventually(() => row(page, 'input.realm').getAttribute('data-status')).toBe('fail');
    expect(await row(page, 'input.target-spn').getAttribute('data-status')).toBe('pass');
    expect(await row(page, 'input.dc-host').getAttribute('data-status')).toBe('pass');
    // Offline: no API URL, so the UEM input checks are skipped rather than failed.
    expect(await row(page, 'input.api-url').getAttribute('data-status')).toBe('skip');
    for (const check of CATALOGUE) expect(['pass', 'warn', 'fail', 'skip']).toContain(await row(page, check.id).getAttribute('data-status'));

    await page.screenshot({ path: join(SCREENSHOT_DIR, 'verify-overview.png') });
    const blocks = page.locator('[data-verdict]').getByRole('button', { name: 'Domain name (realm)' });
    expect(await blocks.count()).toBe(1);
    await blocks.click();
    await eventually(() => row(page, 'input.realm').getAttribute('aria-expanded')).toBe('true');
    const details = page.locator('#check-input-realm-details');
    expect(await details.textContent()).toContain('How to fix it');
    expect(await details.textContent()).toContain('must be in upper case: "SE.AIRWLAB.COM"');
    expect(await details.textContent()).toContain('kcd.domains.0.realm');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'verify-blocked.png') });
  });

  test('after the realm is fixed, "Check again" reruns that one check and the rest keep their results', async () => {
    const apiUrlBefore = await row(page, 'input.api-url').getAttribute('data-status');
    await page.getByRole('tab', { name: /KCD/ }).click();
    const realm = page.locator('[data-field="kcd.domains.0.realm"]');
    await realm.fill('SE.AIRWLAB.COM');
    await page.getByRole('tab', { name: /Verify/ }).click();
    expect(await page.getByText('The settings have changed since the last full run').count()).toBe(1);
    // The row opened from the summary before is still open after a visit to another step.
    expect(await row(page, 'input.realm').getAttribute('aria-expanded')).toBe('true');
    await page.locator('#check-input-realm-details').getByRole('button', { name: 'Check again' }).click();
    await eventually(() => row(page, 'input.realm').getAttribute('data-status')).toBe('pass');
    expect(await row(page, 'input.api-url').getAttribute('data-status')).toBe(apiUrlBefore);
    await page.getByRole('button', { name: 'Check Settings entered again' }).click();
    await eventually(() => page.locator('section[aria-labelledby="family-input"] [data-status="fail"]').count()).toBe(0);
  });
});

/** Stand-ins with a known behaviour, to watch the page's live states and cancel: the real checks finish too fast to see. */
const waitsForCancel: CheckDefinition = {
  id: standIn('test.waits-for-cancel'),
  title: 'Waits until the run is cancelled',
  run: (ctx) => new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve({ status: 'pass', evidence: ['aborted'] }))),
};
const failsWithCommand: CheckDefinition = {
  id: standIn('test.fails-with-command'),
  title: 'Fails with a command to run',
  run: async () => ({
    status: 'fail',
    evidence: ['servicePrincipalName: (none)'],
    remedy: 'Register the SPN on the service account.',
    command: 'setspn -S HTTP/semail01 SE\\aw_KCDsvc',
  }),
};

describe('the Verify page while a run is live', () => {
  let site: Site;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    site = await startSite([...INPUT_CHECKS, failsWithCommand, waitsForCancel]);
    writeFileSync(join(site.profileDir, SETTINGS_FILE_NAME), JSON.stringify(labSettings('SE.AIRWLAB.COM')));
    context = await browser.newContext({ viewport: VIEWPORT });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(site.host.url).origin });
    page = await openVerify(site, context);
  });

  afterAll(async () => {
    await context?.close();
    await site?.close();
  });

  test('shows a check running with its time, and Cancel ends the run', async () => {
    await page.getByRole('button', { name: 'Run all checks' }).click();
    // "running" comes only from the check-started event: the stream reached the page.
    await eventually(() => row(page, 'test.waits-for-cancel').getAttribute('data-status')).toBe('running');
    expect(await verdict(page)).toBe('running');
    await eventually(() => row(page, 'test.waits-for-cancel').textContent()).toMatch(/\d+ ms|\d+\.\d s/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'verify-running.png') });

    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await eventually(() => row(page, 'test.waits-for-cancel').getAttribute('data-status')).toBe('skip');
    expect(await verdict(page)).toBe('blocked');
    expect(await page.locator('[data-verdict]').textContent()).toContain('Cancelled at');
    await row(page, 'test.waits-for-cancel').click();
    expect(await page.locator('#check-test-waits-for-cancel-details').textContent()).toContain('the run was cancelled');
  });

  test('a failed check shows its remedy and the exact command, which the Copy button copies', async () => {
    await row(page, 'test.fails-with-command').click();
    const details = page.locator('#check-test-fails-with-command-details');
    expect(await details.textContent()).toContain('Register the SPN on the service account.');
    expect(await details.locator('pre').textContent()).toBe('setspn -S HTTP/semail01 SE\\aw_KCDsvc');
    await details.getByRole('button', { name: 'Copy' }).click();
    await eventually(() => details.getByRole('button', { name: 'Copied' }).count()).toBe(1);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('setspn -S HTTP/semail01 SE\\aw_KCDsvc');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'verify-command.png') });
  });

  test('with the keyboard: Enter closes and opens a result, Space on Copy copies the command', async () => {
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await page.locator('#step-title').focus();
    await tabTo(page, '[data-check-id="test.fails-with-command"]');
    expect(await row(page, 'test.fails-with-command').getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Enter');
    await eventually(() => row(page, 'test.fails-with-command').getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Enter');
    await eventually(() => row(page, 'test.fails-with-command').getAttribute('aria-expanded')).toBe('true');
    await tabTo(page, '#check-test-fails-with-command-details button', 5);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Cop(y|ied)$/);
    await page.keyboard.press('Space');
    await eventually(() => page.evaluate(() => navigator.clipboard.readText())).toBe('setspn -S HTTP/semail01 SE\\aw_KCDsvc');
  });
});
