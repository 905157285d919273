import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { eventually, makeCertificatePem, SCREENSHOT_DIR, tabTo, useSiteAndBrowser } from './harness';

const PASSWORD = 'Kcd-Passw0rd-never-saved';

const opened = useSiteAndBrowser();
let page: Page;

beforeAll(async () => {
  page = await opened.browser.newPage({ viewport: { width: 1024, height: 700 } });
});

const heading = () => page.locator('#step-title');
const field = (path: string) => page.locator(`[data-field="${path}"]`);
const helper = (path: string) => page.locator(`#field-${path.replaceAll('.', '-')}-helper-text`);

async function typeInto(path: string, text: string): Promise<void> {
  await tabTo(page, `[data-field="${path}"]`);
  await page.keyboard.type(text);
}

async function next(expectedTitle: string): Promise<void> {
  await tabTo(page, '#wizard-next');
  await page.keyboard.press('Enter');
  await eventually(() => heading().textContent()).toBe(expectedTitle);
  // The new step's heading has the focus, so the next Tab reaches its first field.
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('step-title');
}

describe('a person fills the wizard with the keyboard only', () => {
  test('enters every step, sees a wrong realm explained, fixes it, saves, and finds it all after a reload', async () => {
    await page.goto(opened.site.host.launchUrl);
    await eventually(() => heading().textContent()).toBe('UEM API');

    // UEM API: left empty, as at a site without the API (offline).
    expect(await page.getByText('Working offline').count()).toBe(1);
    await page.locator('#step-title').focus();
    await next('Organization group');

    await typeInto('organizationGroup.name', 'SE Lab');
    await typeInto('organizationGroup.id', '570');
    await typeInto('organizationGroup.memConfigName', 'SEG-KCD');
    await next('Kerberos Constrained Delegation');

    await typeInto('kcd.targetSpn', 'HTTP/semail01');
    await typeInto('kcd.serviceAccount', 'aw_KCDsvc');
    await tabTo(page, '#secret-kcd-password');
    await page.keyboard.type(PASSWORD);
    // The console's order: the DC's host name, then the domain name.
    await typeInto('kcd.domains.0.dcHost', 'sedc01');
    await typeInto('kcd.domains.0.realm', 'se.airwlab.com');
    await eventually(() => helper('kcd.domains.0.realm').textContent()).toContain('must be in upper case: "SE.AIRWLAB.COM"');
    expect(await field('kcd.domains.0.realm').getAttribute('aria-invalid')).toBe('true');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'kcd-realm-error.png') });

    // The answer is known: one key press on the offered fix puts it in, and the focus returns to the field.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Use SE.AIRWLAB.COM');
    await page.keyboard.press('Enter');
    await eventually(() => field('kcd.domains.0.realm').getAttribute('aria-invalid')).toBe('false');
    expect(await field('kcd.domains.0.realm').inputValue()).toBe('SE.AIRWLAB.COM');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('kcd.domains.0.realm');
    expect(await helper('kcd.domains.0.realm').textContent()).toBe('The domain in upper case, such as SE.AIRWLAB.COM for sedc01.se.airwlab.com.');

    // A second domain: the new row takes the focus.
    await tabTo(page, '#add-domain');
    await page.keyboard.press('Enter');
    await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('kcd.domains.1.dcHost');
    await page.keyboard.type('corpdc01');
    await page.keyboard.press('Tab');
    await page.keyboard.type('CORP.AIRWLAB.COM');
    await next('Email server');

    await typeInto('email.host', 'semail01.se.airwlab.com');
    await next('Certificates');

    await tabTo(page, '#paste-certificates-roots');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText(makeCertificatePem('/CN=E2E Root CA'));
    await tabTo(page, '#add-certificates-roots');
    await page.keyboard.press('Enter');
    await eventually(() => page.locator('[data-subject]').allTextContents()).toEqual([expect.stringContaining('E2E Root CA')]);
    await tabTo(page, '#paste-certificates-deviceCertificate');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText(makeCertificatePem('/CN=alice'));
    await tabTo(page, '#add-certificates-deviceCertificate');
    await page.keyboard.press('Enter');
    await eventually(() => page.locator('[data-subject]').allTextContents()).toEqual([
      expect.stringContaining('E2E Root CA'),
      expect.stringContaining('alice'),
    ]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'certificates.png') });

    // No step is marked as needing attention any more: every field the person was shown is valid.
    await next('Verify');
    await eventually(() => page.locator('nav .Mui-error').count()).toBe(0);

    await page.keyboard.press('ControlOrMeta+S');
    await eventually(() => page.locator('header [role="status"]').textContent()).toMatch(/^Saved /);

    const saved = readFileSync(join(opened.site.profileDir, 'settings.json'), 'utf8');
    const savedDocument = JSON.parse(saved) as { kcd: { domains: { realm: string; dcHost: string }[]; serviceAccount: string } };
    expect(savedDocument.kcd.domains).toEqual([
      { realm: 'SE.AIRWLAB.COM', dcHost: 'sedc01' },
      { realm: 'CORP.AIRWLAB.COM', dcHost: 'corpdc01' },
    ]);
    expect(savedDocument.kcd.serviceAccount).toBe('aw_KCDsvc');
    expect(saved).not.toContain(PASSWORD);

    await page.reload();
    await eventually(() => heading().textContent()).toBe('UEM API');
    // Saved settings open every step up to Verify.
    await page.getByRole('tab', { name: /KCD/ }).click();
    await eventually(() => heading().textContent()).toBe('Kerberos Constrained Delegation');
    expect(await field('kcd.targetSpn').inputValue()).toBe('HTTP/semail01');
    expect(await field('kcd.domains.0.realm').inputValue()).toBe('SE.AIRWLAB.COM');
    expect(await field('kcd.domains.1.dcHost').inputValue()).toBe('corpdc01');
    // Passwords live in the page's memory only: a reload forgets them.
    expect(await page.locator('#secret-kcd-password').inputValue()).toBe('');
    await page.getByRole('tab', { name: /Organization group/ }).click();
    expect(await field('organizationGroup.memConfigName').inputValue()).toBe('SEG-KCD');
  });
});
