import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { CATALOGUE } from '../../app/checks/catalogue';
import { emptySettings } from '../../app/contract/settings';
import { labSettings } from '../lab/lab';
import { ensureRendererBuilt, eventually, launchChromium, SCREENSHOT_DIR } from './harness';
import { startSilentServer } from './silent-server';
import { goToStep, NARROW, openCheck, openWithSettings, runAllChecks, statusOf, typeLabPasswords, verdictOf } from './lab-site';

/**
 * Issue 20: the wizard walked in order against the lab, as a Windows admin setting up the SEG
 * would. Each test is one finding of that walkthrough, seen in Chromium.
 */
const lab = inject('lab');
const FIXTURES = join(import.meta.dirname, '../fixtures/iis');
let browser: Browser;

beforeAll(async () => {
  ensureRendererBuilt();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

describe('wrong results', () => {
  test(
    '1. a check run from the UEM step does not replace the last full run: Export saves the full run and says the settings changed since',
    { timeout: 240_000 },
    async () => {
      const w = await openWithSettings(browser, labSettings(lab));
      try {
        const { page } = w;
        await typeLabPasswords(page, lab);
        await runAllChecks(page);
        const fullLine = await page.locator('[data-verdict]').textContent();
        expect(fullLine).toMatch(/Last full run at/);

        // Half-way through typing a new group name, the admin checks the UEM connection.
        await goToStep(page, 'Organization group');
        await page.locator('[data-field="organizationGroup.name"]').fill('SE La');
        await goToStep(page, 'UEM API');
        await page.getByRole('button', { name: 'Check the connection' }).click();
        await eventually(() => page.locator('[data-inline-check="uem.api"]').getAttribute('data-status'), 60_000).toMatch(/^(pass|warn|fail|skip)$/);

        await goToStep(page, 'Verify');
        const line = (await page.locator('[data-verdict]').textContent()) ?? '';
        expect(line).toMatch(/Last full run at/);
        expect(line).toMatch(/\d+ checks? run again at/);
        await page.screenshot({ path: join(SCREENSHOT_DIR, 'walkthrough-1-verify-after-inline.png') });

        await goToStep(page, 'Export');
        expect(await page.locator('[data-export-run]').textContent()).toContain(`${CATALOGUE.length} checks`);
        expect(await page.getByText('The settings have changed since this run').count()).toBe(1);
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save report (JSON)' }).click()]);
        const report = JSON.parse(await readFile(await download.path(), 'utf8')) as { checks: unknown[]; settings: { organizationGroup: { name: string } } };
        expect(report.checks).toHaveLength(CATALOGUE.length);
        expect(report.settings.organizationGroup.name).toBe(lab.uem.groupName);
        await page.screenshot({ path: join(SCREENSHOT_DIR, 'walkthrough-1-export.png') });
      } finally {
        await w.close();
      }
    },
  );

  test('2. over HTTP (TLS off, port 80) the ActiveSync checks still run: only eas.tls does not apply', { timeout: 240_000 }, async () => {
    const s = labSettings(lab);
    const w = await openWithSettings(browser, { ...s, email: { ...s.email, tls: false, port: 80 } });
    try {
      const { page } = w;
      await typeLabPasswords(page, lab);
      await runAllChecks(page);
      expect(await statusOf(page, 'eas.tls')).toBe('skip');
      expect(await statusOf(page, 'eas.negotiate-offered')).toBe('pass');
      await openCheck(page, 'eas.basic');
      const basic = (await page.locator('#check-eas-basic-details').textContent()) ?? '';
      expect(basic).not.toContain('eas.tls was skipped');
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'walkthrough-2-http.png'), fullPage: true });
    } finally {
      await w.close();
    }
  });
  test(
    '3. the IIS planner refuses an Exchange file as the SEG, keeps server and path per server, confirms before writing and shows the result in view',
    { timeout: 120_000 },
    async () => {
      const w = await openWithSettings(browser, labSettings(lab));
      try {
        const { page, site } = w;
        const exchangeCopy = join(site.profileDir, 'exchange-applicationHost.config');
        await copyFile(join(FIXTURES, 'exchange.config'), exchangeCopy);
        const original = await readFile(exchangeCopy, 'utf8');
        await goToStep(page, 'Configure');
        await page.locator('#configure-config-path').fill(exchangeCopy);
        await page.getByRole('button', { name: 'Preview changes' }).click();
        const refused = page.getByRole('alert').filter({ hasText: 'belongs to an Exchange server' });
        await refused.waitFor();
        expect(await refused.textContent()).toContain('MSExchangeSyncAppPool');
        expect(await page.locator('[data-iis-preview]').count()).toBe(0);
        await page.screenshot({ path: join(SCREENSHOT_DIR, 'walkthrough-3-refused.png') });

        await page.getByRole('button', { name: 'Exchange server' }).click();
        await page.locator('#configure-config-path').fill(exchangeCopy);
        await goToStep(page, 'Verify');
        await goToStep(page, 'Configure');
        expect(await page.getByRole('button', { name: 'Exchange server' }).getAttribute('aria-pressed')).toBe('true');
        expect(await page.locator('#configure-config-path').inputValue()).toBe(exchangeCopy);

        await page.getByRole('button', { name: 'Preview changes' }).click();
        await page.locator('[data-iis-preview]').waitFor();
        await page.getByRole('button', { name: /^Write \d+ changes? to this file/ }).click();
        const dialog = page.getByRole('dialog');
        expect(await dialog.textContent()).toContain(exchangeCopy);
        expect(await readFile(exchangeCopy, 'utf8')).toBe(original);
        await dialog.getByRole('button', { name: /^Write the changes?$/ }).click();
        const done = page.getByRole('alert').filter({ hasText: 'Written to' });
        await done.waitFor();
        await eventually(() =>
          done.evaluate((e) => {
            const r = e.getBoundingClientRect();
            return r.top >= 0 && r.bottom <= window.innerHeight;
          }),
        ).toBe(true);
        expect(await readFile(exchangeCopy, 'utf8')).not.toBe(original);
        await page.screenshot({ path: join(SCREENSHOT_DIR, 'walkthrough-3-written.png') });
      } finally {
        await w.close();
      }
    },
  );
  test(
    '4. a pass names what was not checked, in the words of the report and the CLI; the report draws the DC path passed and the UEM path on its API port',
    { timeout: 240_000 },
    async () => {
      const w = await openWithSettings(browser, labSettings(lab));
      try {
        const { page, context } = w;
        await typeLabPasswords(page, lab);
        await runAllChecks(page);
        expect(await verdictOf(page)).toBe('passed');
        const headline = (await page.locator('#verify-headline').textContent()) ?? '';
        expect(headline).toBe('Ready: a device certificate became a ticket that ActiveSync accepted. Not checked: SEG host');
        await page.screenshot({ path: join(SCREENSHOT_DIR, 'walkthrough-4-verdict.png') });

        await goToStep(page, 'Export');
        const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save report (HTML)' }).click()]);
        const file = join(w.site.profileDir, download.suggestedFilename());
        await download.saveAs(file);
        const html = await readFile(file, 'utf8');
        expect(html).toContain(headline);
        const report = await context.newPage();
        await report.goto(`file://${file}`);
        const diagram = report.locator('svg[aria-label^="Deployment diagram"]');
        expect(await diagram.locator('text', { hasText: /^REST \d+$/ }).textContent()).toBe(`REST ${new URL(lab.uem.url).port}`);
        const dcLabel = diagram.locator('text', { hasText: /^Kerberos 88/ });
        expect(await dcLabel.evaluate((e) => e.nextElementSibling?.textContent)).toBe('passed');
        await report.screenshot({ path: join(SCREENSHOT_DIR, 'walkthrough-4-report.png'), fullPage: true });
      } finally {
        await w.close();
      }
    },
  );
  test('5. a DC that accepts connections and never answers is named as unreachable first, not the clock', { timeout: 240_000 }, async () => {
    // The lab's loopback pair is this run's own: .3 beside it is free for a DC that says nothing.
    const silentAddress = lab.dc.address.replace(/\.\d+$/, '.3');
    const silent = await startSilentServer(silentAddress, [88, 389, 636]);
    const s = labSettings(lab);
    const w = await openWithSettings(browser, {
      ...s,
      network: { ...s.network, hosts: { ...s.network.hosts, [lab.dc.fqdn]: silentAddress }, timeoutMs: 1500 },
    });
    try {
      const { page } = w;
      await typeLabPasswords(page, lab);
      await runAllChecks(page);
      expect(await verdictOf(page)).toBe('blocked');
      const first = page.locator('[data-verdict] button').first();
      expect(await first.textContent()).not.toMatch(/clock/i);
      await first.click();
      const id = (await page.locator('[data-check-id][aria-expanded="true"]').first().getAttribute('data-check-id')) ?? '';
      const details = (await page.locator(`#check-${id.replace('.', '-')}-details`).textContent()) ?? '';
      expect(details).toContain(`no answer from ${lab.dc.fqdn} (${silentAddress})`);
      expect(await statusOf(page, 'time.dc-skew')).toBe('skip');
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'walkthrough-5-silent-dc.png') });
    } finally {
      await w.close();
      await silent.close();
    }
  });
});

describe('friction', () => {
  test(
    '6. File › Open reads the settings file the lab prints, Save as writes one, and host pins are pasted on the first step',
    { timeout: 120_000 },
    async () => {
      const w = await openWithSettings(browser, emptySettings());
      try {
        const { page, site } = w;
        // What `npm run lab -- up` writes and `npm run lab -- env` prints.
        const labFile = join(site.profileDir, 'lab-settings.json');
        await writeFile(labFile, JSON.stringify(labSettings(lab), null, 2) + '\n');
        await page.getByRole('button', { name: 'File' }).click();
        await page.getByRole('menuitem', { name: 'Open settings file…' }).click();
        // The web host has no file dialog: the path is asked for.
        const dialog = page.getByRole('dialog');
        await dialog.getByLabel('Full path of the settings file').fill(labFile);
        await dialog.getByRole('button', { name: 'Open' }).click();
        await page.getByText(`Opened ${labFile}`).waitFor();
        await goToStep(page, 'UEM API');
        expect(await page.locator('[data-field="uem.apiUrl"]').inputValue()).toBe(lab.uem.url);
        await goToStep(page, 'KCD', 'Kerberos Constrained Delegation');
        expect(await page.locator('[data-field="kcd.targetSpn"]').inputValue()).toBe(lab.kerberos.targetSpn);

        await goToStep(page, 'UEM API');
        await page.getByRole('button', { name: /Network settings for the checks/ }).click();
        const paste = page.locator('#network-pins-paste');
        await paste.fill('new.se.airwlab.com 127.0.0.1\nbroken line here');
        await page.getByRole('button', { name: 'Add pins' }).click();
        await page.getByText(/^Line 2 /).waitFor();
        await paste.fill(`new.se.airwlab.com 127.0.0.1\n${lab.dc.address} ${lab.dc.fqdn}`);
        await page.getByRole('button', { name: 'Add pins' }).click();
        await eventually(() => paste.inputValue()).toBe('');
        await page.screenshot({ path: join(SCREENSHOT_DIR, 'walkthrough-6-pins.png') });

        await page.getByRole('button', { name: 'File' }).click();
        await page.getByRole('menuitem', { name: 'Save settings as…' }).click();
        const target = join(site.profileDir, 'site-settings.json');
        await page.getByRole('dialog').getByLabel('Full path of the settings file').fill(target);
        await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
        await page.getByText(`Settings saved as ${target}.`).waitFor();
        const saved = JSON.parse(await readFile(target, 'utf8')) as { uem: { apiUrl: string }; network: { hosts: Record<string, string> } };
        expect(saved.uem.apiUrl).toBe(lab.uem.url);
        expect(saved.network.hosts['new.se.airwlab.com']).toBe('127.0.0.1');
        expect(saved.network.hosts[lab.dc.fqdn]).toBe(lab.dc.address);
      } finally {
        await w.close();
      }
    },
  );

  test('7 (part). a domain row just added does not open in red; it speaks once the admin has been in it', { timeout: 120_000 }, async () => {
    const w = await openWithSettings(browser, labSettings(lab));
    try {
      const { page } = w;
      await goToStep(page, 'KCD', 'Kerberos Constrained Delegation');
      await page.getByRole('button', { name: 'Add a domain' }).click();
      const realm = page.locator('[data-field="kcd.domains.1.realm"]');
      await realm.waitFor();
      await page.waitForTimeout(500);
      expect(await realm.getAttribute('aria-invalid')).toBe('false');
      expect(await page.locator('[data-field="kcd.domains.1.dcHost"]').getAttribute('aria-invalid')).toBe('false');
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'walkthrough-7-new-domain.png') });
      await realm.fill('se.other.com');
      await eventually(() => realm.getAttribute('aria-invalid')).toBe('true');
    } finally {
      await w.close();
    }
  });

  test("8 (part). the stage row shows each stage's key fact and opens the stage's check when clicked", { timeout: 240_000 }, async () => {
    const w = await openWithSettings(browser, labSettings(lab));
    try {
      const { page } = w;
      await typeLabPasswords(page, lab);
      await runAllChecks(page);
      const proxy = page.locator('[data-stage="krb.s4u2proxy"]');
      expect(await proxy.textContent()).toMatch(/Passed · ./);
      await page.locator('[data-stage="eas.kcd-end-to-end"]').click();
      await eventually(() => page.locator('[data-check-id="eas.kcd-end-to-end"]').getAttribute('aria-expanded')).toBe('true');
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'walkthrough-8-stages.png') });
    } finally {
      await w.close();
    }
  });

  test('10. every control shows a focus ring from the keyboard, and no helper text touches the next label at 1024×700', { timeout: 120_000 }, async () => {
    const w = await openWithSettings(browser, labSettings(lab), NARROW);
    try {
      const { page } = w;
      for (const [label, title] of [
        ['UEM API', 'UEM API'],
        ['KCD', 'Kerberos Constrained Delegation'],
        ['Email server', 'Email server'],
      ] as const) {
        await goToStep(page, label, title);
        const touching = await page.evaluate(() => {
          const helpers = [...document.querySelectorAll('#step-panel .MuiFormHelperText-root')].map((h) => h.getBoundingClientRect());
          const labels = [...document.querySelectorAll('#step-panel .MuiInputLabel-root')].map((l) => ({
            text: l.textContent,
            box: l.getBoundingClientRect(),
          }));
          return labels
            .filter((l) => helpers.some((h) => h.bottom > l.box.top && h.top < l.box.bottom && h.left < l.box.right && l.box.left < h.right))
            .map((l) => l.text);
        });
        expect(touching, `labels touched by a helper text on ${label}`).toEqual([]);
      }
      await page.locator('#step-title').focus();
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press('Tab');
        // A text box shows focus by its thick outlined border (Mui-focused); every other control by the ring.
        const ring = await page.evaluate(() => {
          const e = document.activeElement;
          if (!e) return 'nothing focused';
          // A switch or a tick box focuses its hidden input; the visible box around it wears the ring.
          const box = e.matches('input[type="checkbox"], input[type="radio"]') ? e.closest('.Mui-focusVisible') : null;
          if (box) return getComputedStyle(box).outlineStyle;
          if (e.matches('input, textarea')) return e.closest('.Mui-focused') ? 'border' : 'none';
          return getComputedStyle(e).outlineStyle;
        });
        expect(ring, await page.evaluate(() => document.activeElement?.parentElement?.outerHTML.slice(0, 300) ?? '')).not.toBe('none');
      }
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'walkthrough-10-focus.png') });
    } finally {
      await w.close();
    }
  });
});
