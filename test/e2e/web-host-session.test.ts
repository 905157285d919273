import { expect, test } from 'vitest';
import { eventually, useSiteAndBrowser } from './harness';

const opened = useSiteAndBrowser();

test('the page trades the launch token for an HttpOnly cookie and drops it from the address; a browser with only the port gets nothing', async () => {
  const context = await opened.browser.newContext();
  const page = await context.newPage();
  await page.goto(opened.site.host.launchUrl);
  await page.locator('#step-title', { hasText: 'UEM API' }).waitFor();
  expect(page.url()).toBe(opened.site.host.url);
  expect(await page.content()).not.toContain(opened.site.host.token);
  expect(await page.evaluate(() => document.cookie)).toBe('');
  const [cookie] = await context.cookies();
  expect(cookie).toMatchObject({ name: 'seg-session', httpOnly: true, sameSite: 'Strict' });
  await page.reload();
  await page.locator('#step-title', { hasText: 'UEM API' }).waitFor();

  const stranger = await (await opened.browser.newContext()).newPage();
  await stranger.goto(opened.site.host.url);
  expect(await stranger.content()).not.toContain(opened.site.host.token);
  await eventually(() =>
    stranger.evaluate(async () => (await fetch('/api/getAppInfo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '' })).status),
  ).toBe(401);
});
