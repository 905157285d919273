import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SETTINGS_FILE_NAME } from '../../app/config/settings-store';
import type { Settings } from '../../app/contract/settings';
import type { LabInfo } from '../lab/lab';
import { eventually, startSite, type Site } from './harness';

export const WIDE = { width: 1280, height: 800 };
export const NARROW = { width: 1024, height: 700 };

export interface LabPage {
  readonly site: Site;
  readonly context: BrowserContext;
  readonly page: Page;
  close(): Promise<void>;
}

/** The web host with these settings saved, and a page on it at the first step. */
export async function openWithSettings(browser: Browser, settings: Settings, viewport = NARROW): Promise<LabPage> {
  const site = await startSite();
  await writeFile(join(site.profileDir, SETTINGS_FILE_NAME), JSON.stringify(settings));
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(site.host.url).origin });
  const page = await context.newPage();
  await page.goto(site.host.launchUrl);
  await page.locator('#step-title').waitFor();
  return {
    site,
    context,
    page,
    close: async () => {
      await context.close();
      await site.close();
    },
  };
}

/** Opens a step from the stepper; steps not yet reached open by Next, as a person would. */
export async function goToStep(page: Page, label: string, title: string | RegExp = label): Promise<void> {
  const tab = page.getByRole('tab', { name: new RegExp(label) });
  if (await tab.isEnabled()) await tab.click();
  for (let i = 0; i < 8; i++) {
    // A step whose code is still being fetched shows a spinner first: wait for its title before judging it.
    await page.locator('#step-title').waitFor();
    if (await page.locator('#step-title', { hasText: title }).isVisible()) break;
    await page.locator('#wizard-next').click();
  }
  await page.locator('#step-title', { hasText: title }).waitFor();
}

export const verdictOf = (page: Page) => page.locator('[data-verdict]').getAttribute('data-verdict');
export const statusOf = (page: Page, id: string) => page.locator(`[data-check-id="${id}"]`).getAttribute('data-status');

/** Opens a check's result on Verify, first listing its family if the page shows it as one line (nothing to review). */
export async function openCheck(page: Page, id: string): Promise<void> {
  const family = page.locator(`#family-${id.slice(0, id.indexOf('.'))}`);
  if ((await family.getAttribute('aria-expanded')) === 'false') await family.click();
  const row = page.locator(`[data-check-id="${id}"]`);
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
}

/** Runs every check from the Verify step and waits until the run has finished. */
export async function runAllChecks(page: Page): Promise<void> {
  await goToStep(page, 'Verify');
  const summary = page.locator('[data-verdict]');
  const before = await summary.getAttribute('data-last-full-run');
  await page.getByRole('button', { name: /^Run all (checks|again)$/ }).click();
  await eventually(
    async () => (await summary.getAttribute('data-last-full-run')) !== before && (await summary.getAttribute('data-run-phase')) === 'finished',
    150_000,
  ).toBe(true);
}

/** The lab's passwords typed where the wizard asks for them. */
export async function typeLabPasswords(page: Page, lab: LabInfo): Promise<void> {
  await goToStep(page, 'UEM API');
  await page.locator('#secret-uem-password').fill(lab.uem.password);
  await goToStep(page, 'KCD', 'Kerberos Constrained Delegation');
  await page.locator('#secret-kcd-password').fill(lab.accounts.service.password);
  await goToStep(page, 'Email server');
  await page.getByRole('textbox', { name: 'Test mailbox password' }).fill(lab.accounts.users.alice.password);
}
