import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { INPUT_CHECKS } from '../../app/checks/input';
import { ensureRendererBuilt, eventually, launchChromium, makeCertificatePem, SCREENSHOT_DIR, startSite, type Site } from './harness';

let site: Site;
let browser: Browser;
let page: Page;
let dir: string;

beforeAll(async () => {
  ensureRendererBuilt();
  dir = mkdtempSync(join(tmpdir(), 'seg-e2e-files-'));
  site = await startSite(INPUT_CHECKS);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
  await page.goto(site.host.url);
  await page.locator('#step-title').waitFor();
  for (let i = 0; i < 4; i++) await page.locator('#wizard-next').click();
  await page.locator('#step-title', { hasText: 'Certificates' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
});

const subjects = () => page.locator('[data-subject]').allTextContents();

test('a DER file picked from disk becomes a certificate entry, described by the core', async () => {
  const pem = join(dir, 'root.pem');
  writeFileSync(pem, makeCertificatePem('/CN=Picked DER Root'));
  execFileSync('openssl', ['x509', '-in', pem, '-outform', 'der', '-out', join(dir, 'root.cer')]);
  await page.locator('input[type="file"]').first().setInputFiles(join(dir, 'root.cer'));
  await eventually(subjects).toEqual([expect.stringContaining('Picked DER Root')]);
});

test('a PEM file with two certificates adds two intermediates', async () => {
  const chain = makeCertificatePem('/CN=Issuing One') + makeCertificatePem('/CN=Issuing Two');
  writeFileSync(join(dir, 'chain.pem'), chain);
  await page.locator('input[type="file"]').nth(1).setInputFiles(join(dir, 'chain.pem'));
  await eventually(subjects).toEqual([
    expect.stringContaining('Picked DER Root'),
    expect.stringContaining('Issuing One'),
    expect.stringContaining('Issuing Two'),
  ]);
});

test('a file that is no certificate is refused with the reason, and nothing is added', async () => {
  writeFileSync(join(dir, 'notes.txt'), 'just some notes, no certificate here');
  await page.locator('input[type="file"]').nth(2).setInputFiles(join(dir, 'notes.txt'));
  await eventually(() => page.getByRole('alert').allTextContents()).toEqual([expect.stringContaining('not a certificate file')]);
  expect(await subjects()).toHaveLength(3);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'certificates-files.png'), fullPage: true });
});

test('a CA certificate given as the device certificate is named as such at once', async () => {
  await page.locator('#paste-certificates-deviceCertificate').click();
  await page.keyboard.insertText(makeCertificatePem('/CN=Not A Device'));
  await page.locator('#add-certificates-deviceCertificate').click();
  await eventually(() => page.locator('[data-certificate-hint]').allTextContents()).toEqual(
    expect.arrayContaining([expect.stringContaining('This is a CA certificate'), expect.stringContaining('no UPN')]),
  );
});

test('pasting a private key is refused with a warning not to hand it out', async () => {
  const key = execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']).toString();
  await page.locator('#paste-certificates-deviceCertificate').click();
  await page.keyboard.insertText(key);
  await page.locator('#add-certificates-deviceCertificate').click();
  await eventually(() => page.getByRole('alert').allTextContents()).toContainEqual(expect.stringContaining('This is a private key'));
});
