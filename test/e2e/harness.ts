import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { NEEDED } from '../setup/debian-packages';
import { describeAbsent, preflight } from '../setup/install';
import { afterAll, beforeAll, expect } from 'vitest';
import type { CheckDefinition } from '../../app/checks/types';
import { createCore } from '../../app/core/core';
import { startHttpHost, type HttpHost } from '../../app/core/http-host';

const ROOT = resolve(import.meta.dirname, '../..');
export const STATIC_DIR = join(ROOT, 'dist/renderer');
export const SCREENSHOT_DIR = '/tmp/seg-e2e-screenshots';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const BUILD_LOCK = join(ROOT, 'dist', '.renderer-build.lock');
const STALE_LOCK_MS = 5 * 60_000;

function rendererFresh(): boolean {
  const index = join(STATIC_DIR, 'index.html');
  return existsSync(index) && statSync(index).mtimeMs >= Math.max(newestMtime(join(ROOT, 'renderer')), newestMtime(join(ROOT, 'assets')));
}

/**
 * Builds the renderer when dist/renderer is missing or older than any file under renderer/ or
 * assets/ (its public folder).
 * Test files of several vitest projects may ask at once (e2e and lab): a lock folder lets one
 * build while the others wait, since two builds emptying dist/renderer would break each other.
 */
export function ensureRendererBuilt(): void {
  const deadline = Date.now() + 2 * STALE_LOCK_MS;
  while (!rendererFresh()) {
    mkdirSync(join(ROOT, 'dist'), { recursive: true });
    try {
      mkdirSync(BUILD_LOCK);
    } catch {
      const lockedAt = statSync(BUILD_LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      // A build killed half-way leaves its lock behind.
      if (Date.now() - lockedAt > STALE_LOCK_MS) rmSync(BUILD_LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`another renderer build holds ${BUILD_LOCK}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
      continue;
    }
    try {
      if (!rendererFresh()) execFileSync(process.execPath, ['scripts/build.mjs', 'renderer'], { cwd: ROOT, stdio: 'inherit' });
    } finally {
      rmSync(BUILD_LOCK, { recursive: true, force: true });
    }
  }
}

/** Debian's Chromium, never a downloaded one; absent, the error names the package (test/setup/debian-packages.ts). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = existsSync('/usr/lib/chromium/chromium') ? '/usr/lib/chromium/chromium' : '/usr/bin/chromium';
  const absent = await preflight(NEEDED.filter((n) => n.path === executablePath));
  if (absent.length > 0) throw new Error(describeAbsent(absent));
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface Site {
  readonly host: HttpHost;
  readonly profileDir: string;
  close(): Promise<void>;
}

/** The web host on 127.0.0.1 with a fresh profile folder, serving the built wizard. */
export async function startSite(catalogue?: readonly CheckDefinition[]): Promise<Site> {
  const profileDir = mkdtempSync(join(tmpdir(), 'seg-e2e-'));
  const core = createCore(catalogue ? { profileDir, catalogue } : { profileDir });
  const host = await startHttpHost({ core, staticDir: STATIC_DIR });
  return {
    host,
    profileDir,
    close: async () => {
      await host.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/**
 * The built wizard on a fresh web host and Debian's Chromium for one test file: started
 * before its tests, closed after them. Read `site` and `browser` inside tests and hooks.
 */
export function useSiteAndBrowser(): { readonly site: Site; readonly browser: Browser } {
  const opened = {} as { site: Site; browser: Browser };
  beforeAll(async () => {
    ensureRendererBuilt();
    opened.site = await startSite();
    opened.browser = await launchChromium();
  });
  afterAll(async () => {
    await opened.browser?.close();
    await opened.site?.close();
  });
  return opened;
}

/**
 * The built wizard and Debian's Chromium for a test file whose tests start their own sites
 * (openWithSettings): launched before its tests, closed after. Read `browser` inside tests and hooks.
 */
export function useBrowser(): { readonly browser: Browser } {
  const opened = {} as { browser: Browser };
  beforeAll(async () => {
    ensureRendererBuilt();
    opened.browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await opened.browser?.close();
  });
  return opened;
}

/** Presses Tab until the focused element matches the selector, as a keyboard user would. */
export async function tabTo(page: Page, selector: string, maxPresses = 40): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing');
  throw new Error(`Tab never reached ${selector}; focus is on ${focused}`);
}

/** A self-signed certificate in PEM, made with the system's OpenSSL for this run. */
export function makeCertificatePem(subject: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'seg-e2e-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-subj',
        subject,
        '-days',
        '30',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      {
        stdio: 'ignore',
      },
    );
    return readFileSync(join(dir, 'cert.pem'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** No horizontal scrollbar on the page nor in the step's scrolling area. */
export function horizontalOverflow(page: Page): Promise<{ page: number; main: number }> {
  return page.evaluate(() => {
    const scroller = document.scrollingElement ?? document.documentElement;
    const main = document.querySelector('main > div');
    return {
      page: scroller.scrollWidth - scroller.clientWidth,
      main: main ? main.scrollWidth - main.clientWidth : 0,
    };
  });
}

/**
 * expect.poll with room for a loaded machine (two cores shared by every test run): the page
 * answers in milliseconds when idle, but a one-second default fails spuriously under load.
 */
export function eventually<T>(read: () => Promise<T> | T, timeout = 15_000) {
  return expect.poll(read, { timeout, interval: 100 });
}
