import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import { consoleChecklists } from '../../app/configure/console-checklists';
import { generateScripts } from '../../app/configure/generate-scripts';
import { scriptSetFiles } from '../../app/configure/write-scripts';
import { labSettings } from '../lab/lab';
import { eventually, SCREENSHOT_DIR, useSiteAndBrowser } from './harness';
import { goToStep, NARROW, openWithSettings, runAllChecks, WIDE } from './lab-site';

/**
 * Issue 20 item 9, Configure and Export as an admin lives them, against the lab: one "save all
 * scripts", checklists with tick boxes and copy buttons, no script input the wizard never
 * shows, the passphrase checked as typed, and the delta CRL drawn in the report's chain.
 */
const lab = inject('lab');
// Each test opens its own web host with the lab's settings (openWithSettings); only Chromium is shared.
const opened = useSiteAndBrowser();

/** Names and bytes of a zip, read by Python's zipfile (testzip() checks every CRC). */
function unzip(path: string): { bad: string | null; entries: Record<string, string> } {
  const script =
    'import base64, json, sys, zipfile\n' +
    'z = zipfile.ZipFile(sys.argv[1])\n' +
    'print(json.dumps({"bad": z.testzip(), "entries": {i.filename: base64.b64encode(z.read(i)).decode() for i in z.infolist()}}))\n';
  return JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' })) as { bad: string | null; entries: Record<string, string> };
}

const scriptText = (page: Page, id: string) => page.locator(`[data-script-id="${id}"]`);

describe('Configure', () => {
  test('no script asks for a value the wizard never shows: the CA web host is read from the device certificate’s CDP and shown', async () => {
    const w = await openWithSettings(opened.browser, labSettings(lab), WIDE);
    try {
      const { page } = w;
      await goToStep(page, 'Configure');
      const field = page.locator('#script-input-caWebHost');
      await eventually(() => field.inputValue()).toBe(lab.names.pkiFqdn);
      expect(await page.locator('#script-input-caWebHost-helper-text').textContent()).toContain(
        'Read from the CRL distribution point of the device certificate',
      );
      expect(await page.getByText(/is not generated/).count()).toBe(0);
      await scriptText(page, 'ca-cdp-aia').getByRole('button', { name: 'Show' }).click();
      expect(await scriptText(page, 'ca-cdp-aia').textContent()).toContain(`6:http://${lab.names.pkiFqdn}/CertEnroll/%3%8%9.crl`);

      // Typed, it wins over what the certificate says.
      const other = `ca02.${lab.names.realm.toLowerCase()}`;
      await field.fill(other);
      await eventually(() => scriptText(page, 'ca-cdp-aia').textContent()).toContain(`6:http://${other}/CertEnroll/%3%8%9.crl`);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'configure-script-inputs.png') });
    } finally {
      await w.close();
    }
  });

  test('"Save all scripts" beside the scripts’ own buttons downloads one zip (the web host has no folder dialog) with every file, byte for byte', async () => {
    const settings = labSettings(lab);
    const w = await openWithSettings(opened.browser, settings, NARROW);
    try {
      const { page } = w;
      await goToStep(page, 'Configure');
      await eventually(() => page.locator('[data-script-id]').count()).toBeGreaterThan(0);
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save all scripts' }).click()]);
      expect(download.suggestedFilename()).toMatch(/-scripts\.zip$/);
      const zip = unzip(await download.path());
      expect(zip.bad).toBeNull();
      const expected = scriptSetFiles(await generateScripts({ settings, baseDir: w.site.profileDir }), consoleChecklists(settings));
      expect(Object.keys(zip.entries)).toEqual(expected.map((f) => f.name));
      for (const f of expected) expect(Buffer.from(zip.entries[f.name]!, 'base64').equals(f.bytes), f.name).toBe(true);
      expect(Object.keys(zip.entries)).toEqual(expect.arrayContaining(['ca-cdp-aia.ps1', 'ad-spn.cmd', 'krb5.ini', 'README.txt']));
      expect(await page.locator('[data-save-all-outcome]').textContent()).toContain(download.suggestedFilename());
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'configure-save-all.png') });
    } finally {
      await w.close();
    }
  });

  test('the console checklists have a tick box per field, kept for the session, and a copy button on every value to paste', async () => {
    const w = await openWithSettings(opened.browser, labSettings(lab), NARROW);
    try {
      const { page } = w;
      await goToStep(page, 'Configure');
      const mem = page.locator('[data-checklist="mem-configuration"]');
      await mem.waitFor();
      const rows = await mem.locator('[data-checklist-entry]').count();
      expect(await mem.locator('[data-checklist-progress]').textContent()).toBe(`0 of ${rows} done`);

      await mem.getByRole('button', { name: 'Copy Target SPN' }).click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(lab.kerberos.targetSpn);
      await mem.getByRole('button', { name: 'Copy Service Account Username' }).click();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(lab.accounts.service.name);
      // A check box to set and an instruction in brackets have nothing to paste.
      expect(await mem.getByRole('button', { name: 'Copy Enable Cross-domain KCD Authentication' }).count()).toBe(0);
      expect(await mem.getByRole('button', { name: 'Copy Service Account Password' }).count()).toBe(0);

      await mem.getByRole('checkbox', { name: 'Done: Target SPN' }).check();
      await mem.getByRole('checkbox', { name: 'Done: Enable Cross-domain KCD Authentication' }).check();
      expect(await mem.locator('[data-checklist-progress]').textContent()).toBe(`2 of ${rows} done`);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'configure-checklist-ticks.png') });

      // Another step and back, then a reload: the ticks are still there for this session.
      await goToStep(page, 'Verify');
      await goToStep(page, 'Configure');
      expect(await page.getByRole('checkbox', { name: 'Done: Target SPN' }).isChecked()).toBe(true);
      await page.reload();
      await page.locator('#step-title').waitFor();
      await goToStep(page, 'Configure');
      expect(await page.getByRole('checkbox', { name: 'Done: Target SPN' }).isChecked()).toBe(true);
      expect(await page.locator('[data-checklist="mem-configuration"] [data-checklist-progress]').textContent()).toBe(`2 of ${rows} done`);
    } finally {
      await w.close();
    }
  });
});

describe('Export', () => {
  test('the passphrase is checked as it is typed, Export waits until it holds, and old messages clear when anything changes', async () => {
    const w = await openWithSettings(opened.browser, labSettings(lab), NARROW);
    try {
      const { page, site } = w;
      await goToStep(page, 'Export');
      const exportButton = page.getByRole('button', { name: 'Export bundle' });
      expect(await exportButton.isEnabled()).toBe(true);

      await page.locator('#bundle-passphrase').fill('too short');
      expect(await exportButton.isEnabled()).toBe(false);
      const rules = page.locator('[data-passphrase-rules]');
      expect(await rules.locator('[data-rule="length"]').getAttribute('data-met')).toBe('false');
      expect(await rules.locator('[data-rule="length"]').textContent()).toContain('(9 so far)');
      expect(await rules.locator('[data-passphrase-strength]').textContent()).toBe('weak');

      await page.locator('#bundle-passphrase').fill('correct horse battery staple');
      expect(await rules.locator('[data-rule="length"]').getAttribute('data-met')).toBe('true');
      expect(await rules.locator('[data-rule="repeated"]').getAttribute('data-met')).toBe('false');
      expect(await exportButton.isEnabled()).toBe(false);
      await page.locator('#bundle-passphrase-repeat').fill('correct horse battery staple');
      expect(await rules.locator('[data-passphrase-strength]').textContent()).toBe('strong');
      expect(await exportButton.isEnabled()).toBe(true);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'export-passphrase-rules.png') });

      await Promise.all([page.waitForEvent('download'), exportButton.click()]);
      const exported = page.getByRole('status').filter({ hasText: 'Exported' });
      await exported.waitFor();
      // Another passphrase: the line about the last export no longer describes what the button would do.
      await page.locator('#bundle-passphrase').fill('correct horse battery staplf');
      expect(await exported.count()).toBe(0);

      // A damaged bundle's error goes once the admin changes the passphrase to try again.
      const damaged = join(site.profileDir, 'damaged.segkcd');
      await writeFile(damaged, '{"format":"seg-kcd-bundle","damaged":');
      await page.locator('input[aria-label="Bundle file"]').setInputFiles(damaged);
      await eventually(() => page.getByRole('alert').count()).toBe(1);
      await page.locator('#bundle-import-passphrase').fill('x');
      expect(await page.getByRole('alert').count()).toBe(0);
    } finally {
      await w.close();
    }
  });

  test('the HTML report draws the issuing CA’s delta CRL (Freshest CRL) beside its base CRL, each with its status', { timeout: 240_000 }, async () => {
    const w = await openWithSettings(opened.browser, labSettings(lab), WIDE);
    try {
      const { page, context } = w;
      await runAllChecks(page);
      expect(await page.locator('[data-check-id="pki.crl-reachable"]').getAttribute('data-status')).toBe('pass');
      await goToStep(page, 'Export');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save report (HTML)' }).click()]);
      const file = join(w.site.profileDir, download.suggestedFilename());
      await download.saveAs(file);
      expect(await readFile(file, 'utf8')).toContain(lab.pki.urls.issuingDeltaCrl);
      const report = await context.newPage();
      await report.goto(`file://${file}`);
      const base = report.locator('[data-crl-kind="base"]', { hasText: lab.pki.urls.issuingCrl });
      const delta = report.locator('[data-crl-kind="delta"]', { hasText: lab.pki.urls.issuingDeltaCrl });
      expect(await delta.count()).toBe(1);
      expect(await base.getAttribute('data-crl-status')).toBe('pass');
      expect(await delta.getAttribute('data-crl-status')).toBe('pass');
      expect(await delta.textContent()).toMatch(/delta CRL \(Freshest CRL\).*passed$/);
      await report.locator('.chain').screenshot({ path: join(SCREENSHOT_DIR, 'report-delta-crl.png') });
    } finally {
      await w.close();
    }
  });
});
