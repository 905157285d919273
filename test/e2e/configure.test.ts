import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { INPUT_CHECKS } from '../../app/checks/input';
import { emptySettings } from '../../app/contract/settings';
import { SETTINGS_FILE_NAME } from '../../app/config/settings-store';
import { ensureRendererBuilt, eventually, launchChromium, SCREENSHOT_DIR, startSite, type Site } from './harness';

const FIXTURES = join(import.meta.dirname, '../fixtures/iis');

let site: Site;
let browser: Browser;
let page: Page;
let original: string;

beforeAll(async () => {
  ensureRendererBuilt();
  site = await startSite(INPUT_CHECKS);
  copyFileSync(join(FIXTURES, 'seg-installed.config'), join(site.profileDir, 'applicationHost.config'));
  original = readFileSync(join(site.profileDir, 'applicationHost.config'), 'utf8');
  const s = emptySettings();
  writeFileSync(
    join(site.profileDir, SETTINGS_FILE_NAME),
    JSON.stringify({
      ...s,
      organizationGroup: { ...s.organizationGroup, name: 'SE Lab', memConfigName: 'SEG-KCD' },
      kcd: { ...s.kcd, targetSpn: 'HTTP/semail01', serviceAccount: 'aw_KCDsvc', domains: [{ realm: 'SE.AIRWLAB.COM', dcHost: 'sedc01' }] },
      email: { ...s.email, host: 'semail01.se.airwlab.com' },
      seg: { ...s.seg, iisConfigPath: 'applicationHost.config' },
    }),
  );
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1024, height: 700 }, acceptDownloads: true });
  await page.goto(site.host.launchUrl);
  await page.locator('#step-title').waitFor();
  await page.getByRole('tab', { name: /Verify/ }).click();
  await page.locator('#wizard-next').click();
  await page.locator('#step-title', { hasText: 'Configure' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

test('the SEG server IIS changes are previewed as a diff, written with a backup, and undone', async () => {
  // The path comes from the SEG host files setting.
  expect(await page.locator('#configure-config-path').inputValue()).toBe('applicationHost.config');
  await page.getByRole('button', { name: 'Preview changes' }).click();
  const preview = page.locator('[data-iis-preview]');
  await preview.waitFor();
  expect(await preview.locator('[data-item-state="change"]').count()).toBeGreaterThan(0);
  const diff = await page.getByLabel('Planned change to applicationHost.config').textContent();
  expect(diff).toMatch(/\n?\+.*clientCertificateMappingAuthentication|\+.*uploadReadAheadSize/);
  // Previewing writes nothing.
  expect(readFileSync(join(site.profileDir, 'applicationHost.config'), 'utf8')).toBe(original);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'configure-preview.png') });

  await preview.getByRole('button', { name: /^Write \d+ changes? to this file/ }).click();
  // Nothing is written before the admin confirms.
  expect(readFileSync(join(site.profileDir, 'applicationHost.config'), 'utf8')).toBe(original);
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^Write the changes?$/ })
    .click();
  const done = page.getByRole('alert').filter({ hasText: 'Written to' });
  await done.waitFor();
  const written = readFileSync(join(site.profileDir, 'applicationHost.config'), 'utf8');
  expect(written).not.toBe(original);
  const backups = readdirSync(site.profileDir).filter((f) => f.startsWith('applicationHost.config') && f !== 'applicationHost.config');
  expect(backups.length).toBeGreaterThan(0);

  await done.getByRole('button', { name: 'Undo' }).click();
  await page.getByText(/^Restored /).waitFor();
  expect(readFileSync(join(site.profileDir, 'applicationHost.config'), 'utf8')).toBe(original);
});

async function save(scriptId: string): Promise<Buffer> {
  const card = page.locator(`[data-script-id="${scriptId}"]`);
  const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('button', { name: 'Save' }).click()]);
  return readFileSync(await download.path());
}

test('scripts are listed with who runs them, and saved in the encoding their program reads', async () => {
  await eventually(() => page.locator('[data-script-id]').count()).toBeGreaterThan(0);
  const spn = page.locator('[data-script-id="ad-spn"]');
  expect(await spn.textContent()).toContain('ad-spn.cmd');
  expect(await spn.textContent()).toContain('Domain Admin');
  // regedit reads UTF-16LE with a BOM; Windows PowerShell 5.1 needs the UTF-8 BOM for non-ASCII.
  const reg = await save('seg-kerberos-maxpacketsize');
  expect([...reg.subarray(0, 2)]).toEqual([0xff, 0xfe]);
  expect(reg.subarray(2).toString('utf16le')).toContain('MaxPacketSize');
  const ps1 = await save('ad-delegation');
  expect([...ps1.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(ps1.subarray(3).toString('utf8')).toContain('aw_KCDsvc');
});

test('the UEM console checklist carries the values of the settings', async () => {
  const checklist = page.getByRole('region', { name: 'UEM console' });
  await checklist.waitFor();
  expect(await checklist.textContent()).toContain('HTTP/semail01');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'configure-scripts.png') });
});
