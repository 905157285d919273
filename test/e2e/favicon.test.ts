import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ensureRendererBuilt, launchChromium, startSite, type Site } from './harness';

const ROOT = resolve(import.meta.dirname, '../..');
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

test("the web host's favicon is the application icon, assets/icon.svg", async () => {
  const page = await browser.newPage();
  await page.goto(site.host.url);
  const href = await page.locator('link[rel="icon"]').evaluate((link) => (link as HTMLLinkElement).href);
  const res = await fetch(href, { signal: AbortSignal.timeout(5_000) });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('image/svg+xml');
  expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(join(ROOT, 'assets/icon.svg')))).toBe(true);
  await page.close();
});
