import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { INPUT_CHECKS } from '../../app/checks/input';
import { emptySettings } from '../../app/contract/settings';
import { SETTINGS_FILE_NAME } from '../../app/config/settings-store';
import { ensureRendererBuilt, eventually, launchChromium, SCREENSHOT_DIR, startSite, type Site } from './harness';

const KCD_PASSWORD = 'sealed-Kcd-pw-1';
const PASSPHRASE = 'correct horse battery staple';

let browser: Browser;
let from: Site;
let to: Site;
let bundlePath: string;

beforeAll(async () => {
  ensureRendererBuilt();
  browser = await launchChromium();
  from = await startSite(INPUT_CHECKS);
  to = await startSite(INPUT_CHECKS);
  const s = emptySettings();
  writeFileSync(
    join(from.profileDir, SETTINGS_FILE_NAME),
    JSON.stringify({
      ...s,
      organizationGroup: { ...s.organizationGroup, name: 'Bundle Lab', memConfigName: 'SEG-KCD' },
      kcd: { ...s.kcd, targetSpn: 'HTTP/semail01', serviceAccount: 'aw_KCDsvc', domains: [{ realm: 'SE.AIRWLAB.COM', dcHost: 'sedc01' }] },
    }),
  );
});

afterAll(async () => {
  await browser?.close();
  await from?.close();
  await to?.close();
});

async function open(site: Site, tab: RegExp, title: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1024, height: 700 }, acceptDownloads: true });
  await page.goto(site.host.launchUrl);
  await page.locator('#step-title').waitFor();
  await page.getByRole('tab', { name: tab }).click();
  await page.locator('#step-title', { hasText: title }).waitFor();
  return page;
}

test('the report of a finished run and a bundle with sealed passwords are saved as files', async () => {
  const page = await open(from, /KCD/, 'Kerberos Constrained Delegation');
  await page.locator('#secret-kcd-password').fill(KCD_PASSWORD);
  await page.getByRole('tab', { name: /Verify/ }).click();
  await page.getByRole('button', { name: 'Run all checks' }).click();
  await eventually(() => page.locator('[data-verdict]').getAttribute('data-verdict')).toBe('blocked');
  await page.locator('#wizard-next').click();
  await page.locator('#wizard-next').click();
  await page.locator('#step-title', { hasText: 'Export' }).waitFor();

  const [reportDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save report (JSON)' }).click()]);
  const report = JSON.parse(readFileSync(await reportDownload.path(), 'utf8')) as { checks: { id: string; status: string }[] };
  expect(report.checks.find((c) => c.id === 'input.realm')?.status).toBe('pass');
  expect(report.checks.find((c) => c.id === 'input.email-host')?.status).toBe('fail');

  await page.locator('#bundle-passphrase').fill(PASSPHRASE);
  await page.locator('#bundle-passphrase-repeat').fill(PASSPHRASE);
  const [bundleDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export bundle' }).click()]);
  expect(bundleDownload.suggestedFilename()).toMatch(/^Bundle-Lab-.*\.segkcd$/);
  bundlePath = join(from.profileDir, bundleDownload.suggestedFilename());
  await bundleDownload.saveAs(bundlePath);
  const text = readFileSync(bundlePath, 'utf8');
  expect(text).toContain('HTTP/semail01');
  expect(text).not.toContain(KCD_PASSWORD);
  expect(await page.getByRole('status').filter({ hasText: 'Exported' }).textContent()).toContain('with the passwords sealed');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'export.png') });
  await page.close();
});

test('another engineer imports the bundle: a preview first, then the settings and the sealed password', async () => {
  // A fresh profile opens only the first step: walk to Export with Next.
  const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
  await page.goto(to.host.launchUrl);
  await page.locator('#step-title').waitFor();
  for (let i = 0; i < 7; i++) await page.locator('#wizard-next').click();
  await page.locator('#step-title', { hasText: 'Export' }).waitFor();

  // Altered content is refused and nothing changes.
  const tampered = join(to.profileDir, 'tampered.segkcd');
  writeFileSync(tampered, readFileSync(bundlePath, 'utf8').replace('HTTP/semail01', 'HTTP/evil0001'));
  await page.locator('input[aria-label="Bundle file"]').setInputFiles(tampered);
  await eventually(() => page.getByRole('alert').count()).toBe(1);
  expect(await page.locator('[data-bundle-preview]').count()).toBe(0);

  await page.locator('#bundle-import-passphrase').fill(PASSPHRASE);
  await page.locator('input[aria-label="Bundle file"]').setInputFiles(bundlePath);
  const preview = page.locator('[data-bundle-preview]');
  await preview.waitFor();
  expect(await preview.textContent()).toContain('authenticated with the passphrase');
  expect(await preview.textContent()).toContain('HTTP/semail01 as aw_KCDsvc in SE.AIRWLAB.COM');
  expect(await preview.textContent()).toContain('1 password');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'import-preview.png') });
  await preview.getByRole('button', { name: 'Replace my settings with these' }).click();

  await page.getByRole('tab', { name: /KCD/ }).click();
  expect(await page.locator('[data-field="kcd.targetSpn"]').inputValue()).toBe('HTTP/semail01');
  expect(await page.locator('#secret-kcd-password').inputValue()).toBe(KCD_PASSWORD);
  await page.close();
});
