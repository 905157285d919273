import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { SETTINGS_FILE_NAME } from '../../app/config/settings-store';
import { ensureRendererBuilt, eventually, launchChromium, SCREENSHOT_DIR, startSite, type Site } from '../e2e/harness';
import { labSettings } from './lab';
import { scenarios } from './scenarios';

/**
 * Issue 8, as a person sees it: the wizard in Chromium, Verify run live against the real lab.
 * With protocol transition off on the service account, the stage row stops at S4U2Self, the
 * failing check explains itself and its command copies; after the fix "Check again" passes;
 * the HTML report saved from the wizard shows the diagram and the checks.
 */
const lab = inject('lab');
const VIEWPORT = { width: 1024, height: 700 };
const row = (page: Page, id: string) => page.locator(`[data-check-id="${id}"]`);
const stage = (page: Page, id: string) => page.locator(`[data-stage="${id}"]`).getAttribute('data-status');
const verdict = (page: Page) => page.locator('[data-verdict]').getAttribute('data-verdict');

let browser: Browser;
let context: BrowserContext;
let site: Site;
let page: Page;
let undo: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ensureRendererBuilt();
  browser = await launchChromium();
  site = await startSite();
  const s = labSettings(lab);
  const settings = {
    ...s,
    organizationGroup: { ...s.organizationGroup, name: 'SE Lab' },
    email: { ...s.email, testMailbox: `${lab.accounts.users.alice.name}@${lab.names.realm}` },
  };
  await writeFile(join(site.profileDir, SETTINGS_FILE_NAME), JSON.stringify(settings));
  context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(site.host.url).origin });
  page = await context.newPage();
  await page.goto(site.host.launchUrl);
}, 120_000);

afterAll(async () => {
  await undo?.();
  await context?.close();
  await browser?.close();
  await site?.close();
});

describe('Verify in the wizard against the lab', () => {
  test('without the service account password nothing is called ready: the end-to-end check says what it needs', { timeout: 120_000 }, async () => {
    await page.getByRole('tab', { name: /Verify/ }).click();
    await page.locator('#step-title', { hasText: /^Verify$/ }).waitFor();
    await page.getByRole('button', { name: 'Run all checks' }).click();
    await eventually(() => verdict(page), 90_000).toBe('unproven');
    expect(await page.locator('#verify-headline').textContent()).toMatch(/^Not proven: nothing failed, but the end-to-end check did not run/);
    expect(await stage(page, 'eas.kcd-end-to-end')).toBe('skip');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'lab-verify-unproven.png') });
    await page
      .locator('[data-verdict]')
      .getByRole('button', { name: /S4U2Proxy ticket/ })
      .click();
    await expect.poll(() => page.locator('#check-eas-kcd-end-to-end-details').textContent()).toContain('SEG_KCD_PASSWORD');
  });

  test('a broken delegation lights the stages up to S4U2Self, explains itself, and passes after the fix', { timeout: 180_000 }, async () => {
    await page.getByRole('tab', { name: /KCD/ }).click();
    await page.getByRole('textbox', { name: 'Service account password' }).fill(lab.accounts.service.password);
    await page.getByRole('tab', { name: /Email server/ }).click();
    await page.getByRole('textbox', { name: 'Test mailbox password' }).fill(lab.accounts.users.alice.password);
    await page.getByRole('tab', { name: /Verify/ }).click();
    await page.locator('#step-title', { hasText: /^Verify$/ }).waitFor();

    undo = await scenarios.protocolTransitionOff.apply(lab);
    await page.getByRole('button', { name: 'Run all again' }).click();
    await eventually(() => verdict(page), 90_000).toBe('blocked');
    expect(await stage(page, 'pki.device-cert')).toBe('pass');
    expect(await stage(page, 'krb.s4u2self')).toBe('fail');
    expect(await stage(page, 'krb.s4u2proxy')).not.toBe('pass');
    expect(await row(page, 'ad.svc-protocol-transition').getAttribute('data-status')).toBe('fail');
    expect(await row(page, 'eas.tls').getAttribute('data-status')).toBe('pass');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'lab-verify-blocked.png'), fullPage: true });

    await row(page, 'ad.svc-protocol-transition').click();
    const details = page.locator('#check-ad-svc-protocol-transition-details');
    await details.waitFor();
    const command = (await details.locator('pre').first().textContent()) ?? '';
    expect(command).toContain('Set-ADAccountControl');
    expect(command).toContain(lab.accounts.service.name);
    await details.getByRole('button', { name: 'Copy' }).first().click();
    await eventually(() => page.evaluate(() => navigator.clipboard.readText())).toBe(command);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'lab-verify-fix.png') });

    await undo();
    undo = undefined;
    await details.getByRole('button', { name: 'Check again' }).click();
    await eventually(() => row(page, 'ad.svc-protocol-transition').getAttribute('data-status'), 60_000).toBe('pass');
    await page.getByRole('button', { name: /Check Kerberos again/ }).click();
    await eventually(() => row(page, 'krb.s4u2self').getAttribute('data-status'), 60_000).toBe('pass');
    await eventually(() => row(page, 'krb.s4u2proxy').getAttribute('data-status'), 60_000).toBe('pass');
    expect(await stage(page, 'krb.s4u2self')).toBe('pass');
  });

  test('the HTML report saved from the wizard shows the verdict, the diagram and every check', { timeout: 120_000 }, async () => {
    await page.getByRole('button', { name: 'Run all again' }).click();
    await eventually(async () => ['passed', 'warnings'].includes((await verdict(page)) ?? ''), 90_000).toBe(true);
    // The stepper is linear: Export opens from Verify through Configure.
    await page.locator('#wizard-next').click();
    await page.locator('#wizard-next').click();
    await page.locator('#step-title', { hasText: 'Export' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save report (HTML)' }).click()]);
    const file = join(await mkdtemp(join(tmpdir(), 'seg-report-')), download.suggestedFilename());
    await download.saveAs(file);
    const html = await readFile(file, 'utf8');
    expect(html).not.toContain(lab.accounts.service.password);
    expect(html).not.toContain(lab.accounts.users.alice.password);

    const report = await context.newPage();
    await report.goto(`file://${file}`);
    expect(await report.locator('svg[aria-label^="Deployment diagram"]').isVisible()).toBe(true);
    expect(await report.locator('details#eas\\.kcd-end-to-end').count()).toBe(1);
    expect(await report.locator('.verdict h2').textContent()).toMatch(/^Ready/);
    await report.screenshot({ path: join(SCREENSHOT_DIR, 'lab-report.png'), fullPage: true });
    await report.close();
  });
});
