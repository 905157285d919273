import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { labSettings } from '../lab/lab';
import { STEPS } from '../../renderer/wizard/steps';
import { ensureRendererBuilt, horizontalOverflow, launchChromium } from './harness';
import { goToStep, NARROW, openWithSettings, runAllChecks, typeLabPasswords, WIDE } from './lab-site';

/**
 * The screenshot tour (issue 20): every step of the wizard, filled with the lab's settings and
 * after a full run against the lab, at both window sizes the walkthrough used. A person browses
 * test-results/tour/index.html; the test holds each page to no sideways scrolling.
 */
const lab = inject('lab');
export const TOUR_DIR = resolve(import.meta.dirname, '../../test-results/tour');
const SIZES = [
  { name: '1280x800', viewport: WIDE },
  { name: '1024x700', viewport: NARROW },
];

let browser: Browser;

beforeAll(async () => {
  ensureRendererBuilt();
  browser = await launchChromium();
  await mkdir(TOUR_DIR, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const shots: { size: string; step: string; file: string }[] = [];

for (const size of SIZES) {
  test(`every step at ${size.name}, after a full run against the lab`, { timeout: 240_000 }, async () => {
    const w = await openWithSettings(browser, labSettings(lab), size.viewport);
    try {
      const { page } = w;
      await typeLabPasswords(page, lab);
      await runAllChecks(page);
      for (const [index, step] of STEPS.entries()) {
        await goToStep(page, step.label, step.id === 'kcd' ? 'Kerberos Constrained Delegation' : step.label);
        // The Configure step fills its scripts in after it opens.
        if (step.id === 'configure') await page.locator('[data-script-id]').first().waitFor();
        const file = `${size.name}/${String(index + 1).padStart(2, '0')}-${step.id}.png`;
        await mkdir(join(TOUR_DIR, size.name), { recursive: true });
        await page.screenshot({ path: join(TOUR_DIR, file) });
        shots.push({ size: size.name, step: `${index + 1}. ${step.label}`, file });
        expect(await horizontalOverflow(page), `${step.label} at ${size.name}`).toEqual({ page: 0, main: 0 });
      }
    } finally {
      await w.close();
    }
  });
}

test('writes the tour index a person browses', async () => {
  const rows = STEPS.map((step, index) => {
    const cells = SIZES.map((size) => shots.find((s) => s.size === size.name && s.step === `${index + 1}. ${step.label}`))
      .map((s) => (s ? `<td><a href="${s.file}"><img src="${s.file}" alt="${s.step} at ${s.size}" loading="lazy"></a></td>` : '<td>missing</td>'))
      .join('');
    return `<tr><th>${index + 1}. ${step.label}</th>${cells}</tr>`;
  });
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SEG KCD Setup: screenshot tour</title>
<style>body{font-family:system-ui,sans-serif;margin:24px}table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:8px;vertical-align:top;text-align:left}img{width:480px;display:block}</style></head>
<body><h1>SEG KCD Setup: screenshot tour</h1><p>Every step after a full run against the test lab, ${new Date().toISOString()}.</p>
<table><tr><th>Step</th>${SIZES.map((s) => `<th>${s.name}</th>`).join('')}</tr>${rows.join('\n')}</table></body></html>\n`;
  await writeFile(join(TOUR_DIR, 'index.html'), html);
  expect(shots).toHaveLength(STEPS.length * SIZES.length);
});
