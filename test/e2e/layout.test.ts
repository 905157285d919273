import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { INPUT_CHECKS } from '../../app/checks/input';
import { ensureRendererBuilt, eventually, horizontalOverflow, launchChromium, SCREENSHOT_DIR, startSite, type Site } from './harness';

let site: Site;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ensureRendererBuilt();
  site = await startSite(INPUT_CHECKS);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
});

const NAMED_ROLES = new Set(['button', 'textbox', 'checkbox', 'switch', 'combobox', 'tab', 'link', 'radio', 'spinbutton']);

interface AxNode {
  readonly ignored: boolean;
  readonly role?: { readonly value: string };
  readonly name?: { readonly value: string };
  readonly properties?: readonly { readonly name: string; readonly value: { readonly value: unknown } }[];
}

/** The controls a screen reader announces, as role and name, from Chromium's own accessibility tree. */
async function controls(cdp: CDPSession): Promise<{ role: string; name: string }[]> {
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as unknown as { nodes: AxNode[] };
  return nodes
    .filter((n) => !n.ignored && NAMED_ROLES.has(String(n.role?.value)))
    .filter((n) => !n.properties?.some((p) => p.name === 'hidden' && p.value.value === true))
    .map((n) => ({ role: String(n.role?.value), name: String(n.name?.value ?? '').trim() }));
}

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

test('at 1024×700 no step needs a horizontal scrollbar, even with long values, errors and open results; every control has a name', async () => {
  const cdp = await page.context().newCDPSession(page);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  await page.goto(site.host.launchUrl);
  await page.locator('#step-title').waitFor();
  const long = 'x'.repeat(180);
  const titles = ['UEM API', 'Organization group', 'Kerberos Constrained Delegation', 'Email server', 'Certificates', 'Verify', 'Configure', 'Export'];
  for (const [index, title] of titles.entries()) {
    await eventually(() => page.locator('#step-title').textContent()).toBe(title);
    const first = page.locator('[data-field]:visible').first();
    if ((await first.count()) > 0) await first.fill(`${long}.${long}`);
    if (title === 'Verify') {
      await page.getByRole('button', { name: 'Run all checks' }).click();
      await eventually(() => page.locator('[data-verdict]').getAttribute('data-verdict')).toBe('blocked');
      await page.locator('[data-check-id="input.api-url"]').click();
    }
    await page.waitForTimeout(400);
    expect(await horizontalOverflow(page), title).toEqual({ page: 0, main: 0 });
    const announced = await controls(cdp);
    expect(
      announced.filter((c) => c.name === ''),
      title,
    ).toEqual([]);
    expect(announced, title).toContainEqual({ role: 'tab', name: expect.stringContaining(title === 'Kerberos Constrained Delegation' ? 'KCD' : title) });
    await page.screenshot({ path: join(SCREENSHOT_DIR, `layout-${index + 1}.png`) });
    if (index < titles.length - 1) await page.locator('#wizard-next').click();
  }
  // Under the host's CSP (script-src 'self', no inline script) the page runs without a violation or an error.
  expect(problems).toEqual([]);
});
