import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, test } from 'vitest';
import type { Settings } from '../../app/contract/settings';
import { labSettings } from '../lab/lab';
import { eventually, SCREENSHOT_DIR, useSiteAndBrowser } from './harness';
import { goToStep, NARROW, openWithSettings, WIDE, type LabPage } from './lab-site';

/**
 * Issue 20, items 7 and 10, against the lab: the first steps in the SEG console's order and
 * words, one-click fixes where the answer is known, the SEG's public name asked for and used,
 * and every sentence the wizard shows ending with a full stop.
 */
const lab = inject('lab');
const { names } = lab;
const opened = useSiteAndBrowser();

/** The wizard on a web host of its own with these settings saved, closed after `body`. */
async function withWizard(settings: Settings, body: (w: LabPage) => Promise<void>, viewport = NARROW): Promise<void> {
  const w = await openWithSettings(opened.browser, settings, viewport);
  try {
    await body(w);
  } finally {
    await w.close();
  }
}

const field = (page: Page, path: string) => page.locator(`[data-field="${path}"]`);
const helper = (page: Page, path: string) => page.locator(`#field-${path.replaceAll('.', '-')}-helper-text`);
const fixFor = (page: Page, path: string) => page.locator(`[data-fix-for="${path}"]`);
const KCD = ['KCD', 'Kerberos Constrained Delegation'] as const;

/** The step's labels in page order, those of `wanted` only, without the required-field asterisk. */
async function labelsInOrder(page: Page, wanted: readonly string[]): Promise<string[]> {
  const all = await page.locator('#step-panel label').allTextContents();
  return all.map((l) => l.replace(/\s*\*\s*$/, '').trim()).filter((l) => wanted.includes(l));
}

describe('the console order and words (issue 20, item 7)', () => {
  test('UEM and KCD fields follow the SEG console, each helper gives an example, and the console switch is named', { timeout: 120_000 }, async () => {
    await withWizard(
      labSettings(lab),
      async ({ page }) => {
        await goToStep(page, 'UEM API');
        const uem = ['API server URL', 'Admin username', 'Admin password', 'Tenant code (API key)'];
        expect(await labelsInOrder(page, uem)).toEqual(uem);

        await goToStep(page, ...KCD);
        const kcd = [
          'Enable Cross-domain KCD Authentication',
          'Target SPN',
          'Service account username',
          'Service account password',
          'Domain controller hostname',
          'Domain name',
        ];
        expect(await labelsInOrder(page, kcd)).toEqual(kcd);
        expect(await page.locator('[data-console-setting="enableKCDAuthentication"] input').isChecked()).toBe(true);
        expect(await page.locator('#kcd-console-switch-help').textContent()).toContain('Use Recommended Settings');
        for (const [path, example] of [
          ['kcd.targetSpn', 'HTTP/semail01'],
          ['kcd.serviceAccount', 'aw_KCDsvc'],
          ['kcd.domains.0.dcHost', 'sedc01'],
          ['kcd.domains.0.realm', 'SE.AIRWLAB.COM'],
        ] as const) {
          expect(await helper(page, path).textContent(), path).toContain(example);
        }
        const domainsHelp = (await page.locator('#kcd-domains-help').textContent()) ?? '';
        expect(domainsHelp).toContain("service account's domain");
        expect(domainsHelp).toMatch(/UPN suffix.*trusted forest/);
        await page.screenshot({ path: join(SCREENSHOT_DIR, 'console-fields-kcd.png'), fullPage: true });

        await goToStep(page, 'Email server');
        expect(await helper(page, 'email.host').textContent()).toContain('semail01.se.airwlab.com');
        expect(await labelsInOrder(page, ['Email server hostname'])).toEqual(['Email server hostname']);
      },
      WIDE,
    );
  });

  test('a lower-case realm, a DC with its domain and an SPN without HTTP/ are each fixed with one click', { timeout: 120_000 }, async () => {
    await withWizard(labSettings(lab), async ({ page }) => {
      await goToStep(page, ...KCD);

      await field(page, 'kcd.domains.0.realm').fill(names.realm.toLowerCase());
      await eventually(() => fixFor(page, 'kcd.domains.0.realm').textContent()).toBe(`Use ${names.realm}`);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'console-fields-realm-fix.png'), fullPage: true });
      await fixFor(page, 'kcd.domains.0.realm').click();
      await eventually(() => field(page, 'kcd.domains.0.realm').inputValue()).toBe(names.realm);
      await eventually(() => field(page, 'kcd.domains.0.realm').getAttribute('aria-invalid')).toBe('false');
      expect(await fixFor(page, 'kcd.domains.0.realm').count()).toBe(0);

      await field(page, 'kcd.domains.0.dcHost').fill(names.dcFqdn);
      await eventually(() => fixFor(page, 'kcd.domains.0.dcHost').textContent()).toBe(`Use ${names.dcHost}`);
      await fixFor(page, 'kcd.domains.0.dcHost').click();
      await eventually(() => field(page, 'kcd.domains.0.dcHost').inputValue()).toBe(names.dcHost);

      // A further domain typed by its DC's full name: the fix fills the row's empty domain name too.
      await page.getByRole('button', { name: 'Add a domain' }).click();
      await field(page, 'kcd.domains.1.dcHost').fill('corpdc01.corp.airwlab.com');
      await field(page, 'kcd.domains.1.dcHost').blur();
      await eventually(() => fixFor(page, 'kcd.domains.1.dcHost').textContent()).toBe('Use corpdc01');
      await fixFor(page, 'kcd.domains.1.dcHost').click();
      await eventually(() => field(page, 'kcd.domains.1.realm').inputValue()).toBe('CORP.AIRWLAB.COM');
      expect(await field(page, 'kcd.domains.1.dcHost').inputValue()).toBe('corpdc01');

      const spn = lab.kerberos.targetSpn;
      await field(page, 'kcd.targetSpn').fill(spn.replace(/^HTTP\//, ''));
      await eventually(() => fixFor(page, 'kcd.targetSpn').textContent()).toBe(`Use ${spn}`);
      await fixFor(page, 'kcd.targetSpn').click();
      await eventually(() => field(page, 'kcd.targetSpn').inputValue()).toBe(spn);
      await eventually(() => field(page, 'kcd.targetSpn').getAttribute('aria-invalid')).toBe('false');
    });
  });

  test("the target SPN is checked against the email host, and against the CAS array's when there is one", { timeout: 120_000 }, async () => {
    await withWizard(labSettings(lab), async ({ page }) => {
      const other = `semail02.${names.domain}`;
      await goToStep(page, 'Email server');
      expect(await fixFor(page, 'email.host').count()).toBe(0);
      await field(page, 'email.host').fill(other);
      await eventually(() => fixFor(page, 'email.host').textContent()).toBe('Use HTTP/semail02');
      expect(await helper(page, 'email.host').textContent()).toContain(`The target SPN on the KCD step, ${lab.kerberos.targetSpn}, names another host`);

      await goToStep(page, ...KCD);
      await eventually(() => fixFor(page, 'kcd.targetSpn').textContent()).toBe('Use HTTP/semail02');
      expect(await helper(page, 'kcd.targetSpn').textContent()).toContain(`The email server on the Email server step is ${other}`);
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'console-fields-spn-cross-check.png') });
      await fixFor(page, 'kcd.targetSpn').click();
      await eventually(() => field(page, 'kcd.targetSpn').inputValue()).toBe('HTTP/semail02');
      expect(await fixFor(page, 'kcd.targetSpn').count()).toBe(0);

      await goToStep(page, 'Email server');
      expect(await fixFor(page, 'email.host').count()).toBe(0);
      await page.getByLabel('Exchange is behind a CAS array').check();
      await field(page, 'email.casArray.fqdn').fill(names.casFqdn);
      await eventually(() => fixFor(page, 'email.casArray.fqdn').textContent()).toBe(`Use HTTP/${names.casHost}`);
      await fixFor(page, 'email.casArray.fqdn').click();
      await goToStep(page, ...KCD);
      await eventually(() => field(page, 'kcd.targetSpn').inputValue()).toBe(`HTTP/${names.casHost}`);
    });
  });

  test("the SEG's public DNS name is asked for on the Email step and fills the EAS profile's checklist", { timeout: 120_000 }, async () => {
    await withWizard(labSettings(lab), async ({ page }) => {
      await goToStep(page, 'Email server');
      await field(page, 'seg.publicHost').fill('https://seg.airwlab.com/');
      await eventually(() => fixFor(page, 'seg.publicHost').textContent()).toBe('Use seg.airwlab.com');
      await fixFor(page, 'seg.publicHost').click();
      await eventually(() => field(page, 'seg.publicHost').inputValue()).toBe('seg.airwlab.com');

      await goToStep(page, 'Configure');
      const eas = page.getByRole('region', { name: 'EAS profile with a Credentials payload' });
      const row = eas.getByRole('row').filter({ hasText: 'Exchange ActiveSync Host' });
      await eventually(() => row.textContent()).toContain('seg.airwlab.com');
      await row.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'console-fields-eas-checklist.png') });
    });
  });
});

/** Every sentence-bearing text on the step: the intro, helper texts (their fix buttons left out), alerts and group and section descriptions. */
function sentencesOnStep(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const panel = document.querySelector('#step-panel');
    if (!panel) return ['no step panel'];
    const texts = [
      ...panel.querySelectorAll('section[aria-labelledby="step-title"] > p, .MuiFormHelperText-root, .MuiAlert-message, legend + p, h2 + p, h3 + p'),
    ].map((e) => {
      const copy = e.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('button').forEach((b) => b.remove());
      return (copy.textContent ?? '').trim();
    });
    return texts.filter((t) => t !== '');
  });
}

describe('full stops and one monospace rule (issue 20, item 10)', () => {
  test('every helper text, intro, alert and field error of the first five steps ends with a full stop', { timeout: 120_000 }, async () => {
    const s = labSettings(lab);
    // Offline, so that the offline alert is among what is read; a wrong realm below adds a field's error from the core.
    await withWizard(
      { ...s, uem: { ...s.uem, apiUrl: '' } },
      async ({ page }) => {
        const unfinished: string[] = [];
        for (const [label, title] of [
          ['UEM API', 'UEM API'],
          ['Organization group', 'Organization group'],
          KCD,
          ['Email server', 'Email server'],
          ['Certificates', 'Certificates'],
        ] as const) {
          await goToStep(page, label, title);
          if (label === 'KCD') {
            await field(page, 'kcd.domains.0.realm').fill(names.realm.toLowerCase());
            await eventually(() => field(page, 'kcd.domains.0.realm').getAttribute('aria-invalid')).toBe('true');
          }
          const sentences = await sentencesOnStep(page);
          expect(sentences.length, label).toBeGreaterThan(1);
          unfinished.push(...sentences.filter((t) => !/[.?!]["”’)]?$/.test(t)).map((t) => `${label}: ${t}`));
        }
        expect(unfinished).toEqual([]);
        await page.screenshot({ path: join(SCREENSHOT_DIR, 'console-fields-full-stops.png') });
      },
      NARROW,
    );
  });

  test('code-like values (SPNs, hosts, the tenant code) share the one monospace face', { timeout: 120_000 }, async () => {
    await withWizard(labSettings(lab), async ({ page }) => {
      const fontOf = (path: string) => field(page, path).evaluate((e) => getComputedStyle(e).fontFamily);
      const bodyFont = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
      await goToStep(page, 'UEM API');
      const mono = await fontOf('uem.tenantCode');
      expect(mono).toMatch(/monospace$/);
      expect(await fontOf('uem.apiUrl')).toBe(bodyFont);
      await goToStep(page, ...KCD);
      for (const path of ['kcd.targetSpn', 'kcd.domains.0.dcHost', 'kcd.domains.0.realm']) expect(await fontOf(path), path).toBe(mono);
      await goToStep(page, 'Email server');
      for (const path of ['email.host', 'email.path', 'seg.publicHost']) expect(await fontOf(path), path).toBe(mono);
    });
  });
});
