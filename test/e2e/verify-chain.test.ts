import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { labSettings } from '../lab/lab';
import { eventually, SCREENSHOT_DIR, useBrowser } from './harness';
import { goToStep, openCheck, openWithSettings, runAllChecks, typeLabPasswords, WIDE, type LabPage } from './lab-site';

/**
 * Issue 20, item 8: Verify reads along the chain. The families follow the device's request, a
 * family with nothing to look at is one line, the panels sit where they are needed, the end-to-end
 * check names the user the server saw, and remedies send the admin to the wizard's fields.
 */
const lab = inject('lab');
const chromium = useBrowser();

const familyHeading = (page: Page, family: string) => page.locator(`#family-${family}`);
const rowsOf = (page: Page, family: string) => page.locator(`section[data-family="${family}"] [data-check-id]:visible`);
/** The element right after a family's section: where the panel that feeds it sits. */
const nextToFamily = (page: Page, family: string) =>
  page.locator(`section[data-family="${family}"]`).evaluate((section) => section.nextElementSibling?.querySelector('[id$="-panel-header"]')?.id ?? null);
const focused = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-field') ?? document.activeElement?.id ?? null);
/** The focused element lies wholly inside the window: the admin sees where the link took them. */
const focusInView = (page: Page) =>
  page.evaluate(() => {
    const r = document.activeElement?.getBoundingClientRect();
    return r !== undefined && r.top >= 0 && r.bottom <= window.innerHeight;
  });

describe('the healthy lab', () => {
  let w: LabPage;

  beforeAll(async () => {
    w = await openWithSettings(chromium.browser, labSettings(lab), WIDE);
    await typeLabPasswords(w.page, lab);
  }, 120_000);

  afterAll(async () => {
    await w?.close();
  });

  test('families follow the chain; one that all passed is one line with its count, opened by a click and closed by Enter', { timeout: 240_000 }, async () => {
    const { page } = w;
    await runAllChecks(page);
    const order = await page.locator('section[data-family]').evaluateAll((sections) => sections.map((s) => s.getAttribute('data-family')));
    expect(order).toEqual(['input', 'net', 'time', 'uem', 'pki', 'ad', 'krb', 'eas', 'seg']);

    const input = familyHeading(page, 'input');
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    expect(await rowsOf(page, 'input').count()).toBe(0);
    const inputLine = (await page.locator('section[data-family="input"]').textContent()) ?? '';
    const inputCount = Number(/(\d+) checks/.exec(inputLine)?.[1]);
    // The one line counts what it hides: the passes, and the checks that did not apply (no CAS array, no client certificate).
    const passed = Number(/(\d+) passed/.exec(inputLine)?.[1]);
    const skipped = Number(/(\d+) skipped/.exec(inputLine)?.[1] ?? 0);
    expect(passed).toBeGreaterThan(0);
    expect(passed + skipped).toBe(inputCount);
    // Every check of the SEG host was skipped (no copies given): nothing passed, so it stays open, its panel right after it.
    expect(await familyHeading(page, 'seg').getAttribute('aria-expanded')).toBe('true');
    expect(await nextToFamily(page, 'seg')).toBe('seg-host-panel-header');
    // Its skip names the setting as the wizard does, not by the settings file's key.
    const segRow = (await page.locator('[data-check-id="seg.iis-config"]').textContent()) ?? '';
    expect(segRow).toContain('(SEG host files › applicationHost.config)');
    expect(segRow).not.toContain('seg.iisConfigPath');
    expect(await nextToFamily(page, 'net')).toBe('network-panel-header');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'verify-chain-collapsed.png'), fullPage: true });

    await input.click();
    await eventually(() => rowsOf(page, 'input').count()).toBe(inputCount);
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    await input.focus();
    await page.keyboard.press('Enter');
    await eventually(() => rowsOf(page, 'input').count()).toBe(0);
    expect(await input.getAttribute('aria-expanded')).toBe('false');
  });

  test('the end-to-end check names the user ActiveSync authenticated, in its row and in the last stage', async () => {
    const { page } = w;
    const user = `${lab.accounts.users.alice.name}@${lab.names.realm}`;
    expect(await page.locator('[data-stage="eas.kcd-end-to-end"]').textContent()).toContain(`accepted as ${user}`);
    // ActiveSync's family all passed: the stage opens it and the check's row.
    await page.locator('[data-stage="eas.kcd-end-to-end"]').click();
    const row = page.locator('[data-check-id="eas.kcd-end-to-end"]');
    await eventually(() => row.getAttribute('aria-expanded')).toBe('true');
    expect(await row.textContent()).toContain(`ActiveSync authenticated ${user}`);
    expect(await page.locator('#check-eas-kcd-end-to-end-details').textContent()).toContain(`server reports the user as: ${user}`);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'verify-chain-server-user.png') });
  });
});

describe('a site where a name does not resolve and the test mailbox is mistyped', () => {
  let w: LabPage;

  beforeAll(async () => {
    const s = labSettings(lab);
    const hosts = { ...s.network.hosts };
    delete hosts[lab.names.exchangeFqdn];
    // A DNS server on this run's own loopback pair where nothing listens: the unpinned name fails here, never off the machine.
    const silentDns = lab.dc.address.replace(/\.\d+$/, '.4');
    w = await openWithSettings(chromium.browser, {
      ...s,
      email: { ...s.email, testMailbox: 'alice smith' },
      network: { ...s.network, hosts, dnsServer: silentDns, timeoutMs: 1500 },
    });
    await typeLabPasswords(w.page, lab);
  }, 120_000);

  afterAll(async () => {
    await w?.close();
  });

  test(
    'a family with a failure is open; the remedy names the Network panel, not network.hosts, and its link opens the panel at the pins',
    { timeout: 240_000 },
    async () => {
      const { page } = w;
      await runAllChecks(page);
      expect(await familyHeading(page, 'net').getAttribute('aria-expanded')).toBe('true');
      expect(await page.locator('[data-check-id="net.dns"]').getAttribute('data-status')).toBe('fail');
      await page.locator('[data-check-id="net.dns"]').click();
      const details = page.locator('#check-net-dns-details');
      const link = details.getByRole('button', { name: 'Network settings › Pinned addresses' });
      await link.waitFor();
      const fix = (await details.locator('p', { hasText: 'Network settings › Pinned addresses' }).textContent()) ?? '';
      expect(fix).toContain(lab.names.exchangeFqdn);
      expect(fix).not.toContain('network.hosts');
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'verify-chain-remedy-link.png') });

      expect(await page.locator('#network-panel-header').getAttribute('aria-expanded')).toBe('false');
      await link.click();
      await eventually(() => page.locator('#network-panel-header').getAttribute('aria-expanded')).toBe('true');
      await eventually(() => focused(page)).toBe('network-pins-paste');
      await eventually(() => focusInView(page)).toBe(true);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'verify-chain-network-panel.png') });
    },
  );

  test('an input check’s remedy links to its field on another step, which opens with the field focused', async () => {
    const { page } = w;
    await goToStep(page, 'Verify');
    const row = page.locator('[data-check-id="input.test-mailbox"]');
    expect(await row.getAttribute('data-status')).toBe('fail');
    await openCheck(page, 'input.test-mailbox');
    const link = page.locator('#check-input-test-mailbox-details').getByRole('button', { name: 'Email server › Test mailbox user' });
    await link.click();
    await page.locator('#step-title', { hasText: 'Email server' }).waitFor();
    await eventually(() => focused(page)).toBe('email.testMailbox');
    expect(await focusInView(page)).toBe(true);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'verify-chain-field-focused.png') });
  });
});
