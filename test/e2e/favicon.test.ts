import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { useSiteAndBrowser } from './harness';

const ROOT = resolve(import.meta.dirname, '../..');
const opened = useSiteAndBrowser();

test("the web host's favicon is the application icon, assets/icon.svg", async () => {
  const page = await opened.browser.newPage();
  await page.goto(opened.site.host.url);
  const href = await page.locator('link[rel="icon"]').evaluate((link) => (link as HTMLLinkElement).href);
  const res = await fetch(href, { signal: AbortSignal.timeout(5_000) });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/svg+xml');
  expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(join(ROOT, 'assets/icon.svg')))).toBe(true);
  await page.close();
});
