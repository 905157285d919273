import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { INPUT_CHECKS } from '../../app/checks/input';
import { SETTINGS_FILE_NAME } from '../../app/config/settings-store';
import { ensureRendererBuilt, eventually, launchChromium, startSite, type Site } from './harness';

let site: Site;
let browser: Browser;

beforeAll(async () => {
  ensureRendererBuilt();
  site = await startSite(INPUT_CHECKS);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

test('a damaged settings file does not lock the person out: the wizard starts blank, says why, and Save replaces it', async () => {
  const file = join(site.profileDir, SETTINGS_FILE_NAME);
  writeFileSync(file, '{ "version": 1, "kcd": ');
  const page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
  await page.goto(site.host.launchUrl);
  await page.locator('#step-title', { hasText: 'UEM API' }).waitFor();
  expect(await page.getByText('The saved settings could not be read').textContent()).toContain('not valid JSON');

  await page.locator('#wizard-next').click();
  await page.locator('[data-field="organizationGroup.name"]').fill('Recovered');
  await page.getByRole('button', { name: 'Save' }).click();
  await eventually(() => page.locator('header [role="status"]').textContent()).toMatch(/^Saved /);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1, organizationGroup: { name: 'Recovered' } });
});
