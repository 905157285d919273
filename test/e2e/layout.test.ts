import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { INPUT_CHECKS } from '../../app/checks/input';
import { ensureRendererBuilt, horizontalOverflow, launchChromium, SCREENSHOT_DIR, startSite, type Site } from './harness';

let site: Site;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ensureRendererBuilt();
  site = await startSite(INPUT_CHECKS);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

test('at 1024×700 no step needs a horizontal scrollbar, even with long values, errors and open results', async () => {
  await page.goto(site.host.url);
  await page.locator('#step-title').waitFor();
  const long = 'x'.repeat(180);
  const titles = ['UEM API', 'Organization group', 'Kerberos Constrained Delegation', 'Email server', 'Certificates', 'Verify', 'Configure', 'Export'];
  for (const [index, title] of titles.entries()) {
    await expect.poll(() => page.locator('#step-title').textContent()).toBe(title);
    const first = page.locator('[data-field]:visible').first();
    if ((await first.count()) > 0) await first.fill(`${long}.${long}`);
    if (title === 'Verify') {
      await page.getByRole('button', { name: 'Run all checks' }).click();
      await expect.poll(() => page.locator('[data-verdict]').getAttribute('data-verdict')).toBe('blocked');
      await page.locator('[data-check-id="input.api-url"]').click();
    }
    await page.waitForTimeout(400);
    expect(await horizontalOverflow(page), title).toEqual({ page: 0, main: 0 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `layout-${index + 1}.png`) });
    if (index < titles.length - 1) await page.locator('#wizard-next').click();
  }
});
