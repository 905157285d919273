import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { INPUT_CHECKS } from '../../app/checks/input';
import { UEM_CHECKS } from '../../app/checks/uem';
import { guideTenant, makeFixtureCertificates, startUemFixture, type UemFixture } from '../lab/uem-fixture';
import { ensureRendererBuilt, eventually, launchChromium, SCREENSHOT_DIR, startSite, tabTo, type Site } from './harness';

const PASSWORD = 'Uem-Api-pw-9';

let site: Site;
let uem: UemFixture;
let browser: Browser;
let page: Page;
let tenantCode: string;
let fingerprint: string;

beforeAll(async () => {
  ensureRendererBuilt();
  const certs = makeFixtureCertificates(['127.0.0.1']);
  fingerprint = new X509Certificate(certs.serverCertPem).fingerprint256;
  const tenant = guideTenant({ targetSpn: 'HTTP/semail01', serviceAccount: 'aw_KCDsvc', dcHost: 'sedc01', realm: 'SE.AIRWLAB.COM' }, PASSWORD);
  tenantCode = tenant.tenantCode;
  uem = await startUemFixture({ ...tenant, address: '127.0.0.1', tls: { cert: certs.serverCertPem, key: certs.serverKeyPem } });
  site = await startSite([...INPUT_CHECKS, ...UEM_CHECKS]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await uem?.close();
});

test('with the UEM API reachable, the group is picked from it by typing part of its name', async () => {
  await page.goto(site.host.launchUrl);
  await page.locator('#step-title', { hasText: 'UEM API' }).waitFor();
  await page.locator('[data-field="uem.apiUrl"]').fill(uem.url.replace(/\/$/, ''));
  await page.locator('[data-field="uem.tenantCode"]').fill(tenantCode);
  await page.locator('[data-field="uem.user"]').fill('api-admin');
  await page.locator('#secret-uem-password').fill(PASSWORD);
  // The web host has no secret store: asked to remember the password, it says so and keeps it in memory.
  await page.getByRole('button', { name: 'Remember the password on this computer' }).click();
  await eventually(() => page.getByText('no secret store to remember the password in').count()).toBe(1);
  // The fixture's certificate is from a test CA: the person has to accept the warning.
  await page.getByLabel('Ignore TLS errors for the UEM API').check();
  expect(await page.getByRole('alert').filter({ hasText: 'will not be checked' }).count()).toBe(1);
  // Turned on, it asks the server at once and shows the certificate to pin (trust on first use).
  const presented = page.locator('[data-presented-certificate]');
  await eventually(() => presented.getAttribute('data-presented-certificate')).toBe(fingerprint);
  await page.getByRole('button', { name: 'Pin this certificate' }).click();
  await eventually(() => page.locator('[data-field="uem.pinnedCertificateSha256"]').inputValue()).toBe(fingerprint);
  // The connection is proved from this step by the catalogue's uem.api check.
  await page.getByRole('button', { name: 'Check the connection' }).click();
  // It answers, with a warning: its certificate was not checked.
  const inline = page.locator('[data-inline-check="uem.api"]');
  await eventually(() => inline.getAttribute('data-status')).toBe('warn');
  expect(await inline.textContent()).toMatch(/TLS|certificate/i);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'uem-connection.png') });
  await page.locator('#wizard-next').click();
  await page.locator('#step-title', { hasText: 'Organization group' }).waitFor();

  await tabTo(page, '[data-field="organizationGroup.name"]');
  await page.keyboard.type('SE La');
  const option = page.getByRole('option', { name: /SE Lab/ });
  await option.waitFor();
  expect(await option.textContent()).toContain('ID 570');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'group-picker.png') });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await eventually(() => page.locator('[data-field="organizationGroup.id"]').inputValue()).toBe('570');
  expect(await page.locator('[data-field="organizationGroup.name"]').inputValue()).toBe('SE Lab');
});

test('a wrong password is explained under the field, and the group can still be typed', async () => {
  await page.getByRole('tab', { name: /UEM API/ }).click();
  await page.locator('#secret-uem-password').fill('wrong');
  await page.locator('#wizard-next').click();
  const name = page.locator('[data-field="organizationGroup.name"]');
  await name.fill('');
  await name.pressSequentially('Typed Group');
  await eventually(() => page.locator('#field-organizationGroup-name-helper-text').textContent()).toContain('You can type the group instead');
  expect(await name.inputValue()).toBe('Typed Group');
  expect(await page.locator('[data-field="organizationGroup.id"]').inputValue()).toBe('');
});
