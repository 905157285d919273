import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { SETTINGS_FILE_NAME } from '../../app/config/settings-store';
import { eventually, useSiteAndBrowser } from './harness';

const opened = useSiteAndBrowser();
let page: Page;

beforeAll(async () => {
  page = await opened.browser.newPage({ viewport: { width: 1024, height: 700 } });
});

test('choosing OAuth asks for the token URL and client id instead of the admin user, validated as typed, and is saved', async () => {
  await page.goto(opened.site.host.launchUrl);
  await page.locator('#step-title', { hasText: 'UEM API' }).waitFor();
  await page.locator('[data-field="uem.apiUrl"]').fill('https://as1506.awmdm.com');
  expect(await page.locator('[data-field="uem.user"]').count()).toBe(1);
  await page.getByRole('combobox', { name: 'Sign in with' }).click();
  await page.getByRole('option', { name: /OAuth client credentials/ }).click();
  expect(await page.locator('[data-field="uem.user"]').count()).toBe(0);
  expect(await page.getByRole('textbox', { name: 'Client secret' }).count()).toBe(1);
  await page.locator('[data-field="uem.oauthTokenUrl"]').fill('https://na.uemauth.workspaceone.com/');
  await eventually(() => page.getByText('The token URL ends in /connect/token').count()).toBe(1);
  await page.locator('[data-field="uem.oauthTokenUrl"]').fill('https://na.uemauth.workspaceone.com/connect/token');
  await page.locator('[data-field="uem.oauthClientId"]').fill('seg-setup');
  await eventually(() => page.getByText('The token URL ends in /connect/token').count()).toBe(0);
  await page.keyboard.press('Control+s');
  await eventually(() => page.locator('header [role="status"]').textContent()).toMatch(/^Saved /);
  const saved = JSON.parse(readFileSync(join(opened.site.profileDir, SETTINGS_FILE_NAME), 'utf8')) as { uem: Record<string, unknown> };
  expect(saved.uem).toMatchObject({ authMethod: 'oauth', oauthTokenUrl: 'https://na.uemauth.workspaceone.com/connect/token', oauthClientId: 'seg-setup' });
});
