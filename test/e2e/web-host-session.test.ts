import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ensureRendererBuilt, eventually, launchChromium, startSite, type Site } from './harness';

let site: Site;
let browser: Browser;

beforeAll(async () => {
  ensureRendererBuilt();
  site = await startSite();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

test('the page trades the launch token for an HttpOnly cookie and drops it from the address; a browser with only the port gets nothing', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(site.host.launchUrl);
  await page.locator('#step-title', { hasText: 'UEM API' }).waitFor();
  expect(page.url()).toBe(site.host.url);
  expect(await page.content()).not.toContain(site.host.token);
  expect(await page.evaluate(() => document.cookie)).toBe('');
  const [cookie] = await context.cookies();
  expect(cookie).toMatchObject({ name: 'seg-session', httpOnly: true, sameSite: 'Strict' });
  await page.reload();
  await page.locator('#step-title', { hasText: 'UEM API' }).waitFor();

  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(site.host.url);
  expect(await stranger.content()).not.toContain(site.host.token);
  await eventually(() =>
    stranger.evaluate(async () => (await fetch('/api/getAppInfo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '' })).status),
  ).toBe(401);
});
