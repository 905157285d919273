/**
 * The wizard as a person first meets it (issue 21, item 5): the renderer's size gzipped
 * against its 400 KB budget, and the first interactive paint (the first step's first field
 * visible and enabled, from the start of navigation) in Debian's Chromium against the web host,
 * median of 7 fresh pages, against its 1 s budget.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { createCore } from '../app/core/core';
import { startHttpHost } from '../app/core/http-host';
import { median, reportRow } from './table-lib';

const ROOT = join(__dirname, '..');
const STATIC_DIR = join(ROOT, 'dist/renderer');

const PAINTS = 7;

function gzippedKb(dir: string): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.(js|css|html)$/.test(entry.name)) bytes += gzipSync(readFileSync(join(entry.parentPath, entry.name)), { level: 9 }).length;
  }
  return bytes / 1024;
}

async function main(): Promise<number> {
  // Built fresh: the bench measures the renderer as this tree makes it.
  if (spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), 'renderer'], { stdio: 'inherit' }).status !== 0)
    throw new Error('the renderer did not build');
  const kb = gzippedKb(STATIC_DIR);
  const okSize = reportRow({ measure: 'renderer, gzipped', ours: `${kb.toFixed(0)} KB`, reference: 'budget 400 KB', ratio: kb / 400, target: 1 });

  const profileDir = mkdtempSync(join(tmpdir(), 'seg-bench-wizard-'));
  const host = await startHttpHost({ core: createCore({ profileDir }), staticDir: STATIC_DIR });
  // Debian's Chromium, never a downloaded one.
  const executablePath = existsSync('/usr/lib/chromium/chromium') ? '/usr/lib/chromium/chromium' : '/usr/bin/chromium';
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const paints: number[] = [];
  try {
    for (let i = 0; i < PAINTS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(host.launchUrl, { waitUntil: 'commit' });
      await page.locator('main input:not([disabled])').first().waitFor({ state: 'visible' });
      paints.push(await page.evaluate(() => performance.now()));
      await context.close();
    }
  } finally {
    await browser.close();
    await host.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
  const paint = median(paints);
  console.log(
    `renderer ${kb.toFixed(1)} KB gzipped; first interactive paint, median of ${PAINTS}: ${paint.toFixed(0)} ms (${paints.map((p) => p.toFixed(0)).join(', ')})`,
  );
  const okPaint = reportRow({
    measure: 'wizard first interactive paint',
    ours: `${paint.toFixed(0)} ms`,
    reference: 'budget 1000 ms',
    ratio: paint / 1000,
    target: 1,
  });
  return okSize && okPaint ? 0 : 1;
}

void main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(2);
  },
);
