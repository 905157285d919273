import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { INPUT_CHECKS } from '../../app/checks/input';
import { ensureRendererBuilt, eventually, launchChromium, makeCertificatePem, SCREENSHOT_DIR, startSite, type Site } from './harness';
import { makeChainFiles, type ChainFiles } from './pki-files';

let site: Site;
let browser: Browser;
let page: Page;
let dir: string;
let chain: ChainFiles;
let otherChain: ChainFiles;

beforeAll(async () => {
  ensureRendererBuilt();
  dir = mkdtempSync(join(tmpdir(), 'seg-e2e-files-'));
  chain = makeChainFiles();
  otherChain = makeChainFiles();
  site = await startSite(INPUT_CHECKS);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1024, height: 700 } });
  await page.goto(site.host.launchUrl);
  await page.locator('#step-title').waitFor();
  for (let i = 0; i < 4; i++) await page.locator('#wizard-next').click();
  await page.locator('#step-title', { hasText: 'Certificates' }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  rmSync(dir, { recursive: true, force: true });
  chain?.close();
  otherChain?.close();
});

const subjects = () => page.locator('[data-subject]').allTextContents();
const subjectsIn = (area: string) => page.getByRole('region', { name: area, exact: true }).locator('[data-subject]').allTextContents();
const ROOT = 'DC=com, DC=airwlab, CN=SE Lab Root CA';
const ISSUING = 'DC=com, DC=airwlab, CN=SE Lab Issuing CA';

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

test('a PFX asks for its password in a dialog; a wrong one is named and changes nothing, Escape cancels', async () => {
  await page.getByRole('region', { name: 'Sample device certificate', exact: true }).getByRole('button', { name: 'Cancel' }).click();
  const before = await subjects();
  await page.locator('input[type="file"]').nth(2).setInputFiles(chain.pfx);
  const dialog = page.getByRole('dialog', { name: 'PFX password' });
  await dialog.waitFor();
  await page.locator('#pfx-password').waitFor();
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'certificates-pfx-password.png'), animations: 'disabled' });
  expect(await dialog.textContent()).toContain('the private key is never needed');
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('pfx-password');
  await page.keyboard.insertText('not the password');
  await page.keyboard.press('Enter');
  await eventually(() => dialog.locator('#pfx-password-helper-text').textContent()).toContain('The PFX password is wrong.');
  expect(await page.locator('#pfx-password').inputValue()).toBe('');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await eventually(() => page.getByRole('status').allTextContents()).toContainEqual(expect.stringContaining('Nothing was imported from alice.pfx'));
  expect(await subjects()).toEqual(before);
});

test('with the right password the PFX fills the device certificate and puts its chain where it belongs', async () => {
  await page.locator('input[type="file"]').nth(2).setInputFiles(chain.pfx);
  await page.getByRole('dialog', { name: 'PFX password' }).waitFor();
  await page.locator('#pfx-password').fill(chain.pfxPassword);
  await page.locator('#pfx-password-ok').click();
  await eventually(() => subjectsIn('Sample device certificate')).toEqual(['CN=alice']);
  expect(await subjectsIn('Root CA')).toEqual([expect.stringContaining('Picked DER Root'), ROOT]);
  expect(await subjectsIn('Intermediate CAs')).toEqual([expect.stringContaining('Issuing One'), expect.stringContaining('Issuing Two'), ISSUING]);
  expect(await page.getByRole('status').allTextContents()).toContainEqual(
    expect.stringMatching(/From alice\.pfx: Sample device certificate: CN=alice\. Intermediate CAs: .*Issuing CA\. Root CA: .*Root CA\./),
  );
  expect(await page.locator('[data-certificate-hint]').allTextContents()).not.toContainEqual(expect.stringContaining('This is a CA certificate'));
  expect(await page.content()).not.toContain(chain.pfxPassword);
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'certificates-pfx.png'), fullPage: true });
});

test('a .p7b adds its CA certificates without a password, each to its place', async () => {
  await page.locator('input[type="file"]').nth(0).setInputFiles(otherChain.p7b);
  await eventually(() => subjectsIn('Root CA')).toHaveLength(3);
  expect(await subjectsIn('Intermediate CAs')).toHaveLength(4);
  expect(await subjectsIn('Sample device certificate')).toEqual(['CN=alice']);
  expect(await page.getByRole('dialog').count()).toBe(0);
});

test('a file dropped on a certificate area is imported like a picked one, with a visible drop target', async () => {
  const pem = makeCertificatePem('/CN=Dropped Root');
  const area = page.getByRole('region', { name: 'Root CA', exact: true });
  const drag = (type: string) =>
    area.evaluate(
      (element, { type, pem }) => {
        const data = new DataTransfer();
        data.items.add(new File([pem], 'dropped.pem', { type: 'application/x-pem-file' }));
        element.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
      },
      { type, pem },
    );
  await drag('dragover');
  await eventually(() => area.getAttribute('data-drop-target')).toBe('active');
  expect(await area.textContent()).toContain('Drop the file to add it to Root CA');
  await area.screenshot({ path: join(SCREENSHOT_DIR, 'certificates-drop-target.png') });
  await drag('drop');
  await eventually(() => subjectsIn('Root CA')).toContainEqual(expect.stringContaining('Dropped Root'));
  expect(await area.getAttribute('data-drop-target')).toBeNull();
  expect(await subjectsIn('Root CA')).toHaveLength(4);
});

test('a file dropped outside the certificate areas is refused, and the wizard stays', async () => {
  const opened = await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(['x'], 'stray.pem'));
    const drop = new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true });
    document.querySelector('#step-title')?.dispatchEvent(drop);
    return !drop.defaultPrevented;
  });
  expect(opened).toBe(false);
  expect(await page.locator('#step-title').textContent()).toBe('Certificates');
});
