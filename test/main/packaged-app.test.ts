import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from '../../main/app-url';

/**
 * The packaged app, launched once as a user would (the Windows workflow, after electron-builder).
 * Playwright's _electron.launch drives the main process over Node's inspector, which the
 * shipped binary refuses (electron-builder.yml: enableNodeCliInspectArguments false; Playwright
 * documents that _electron.launch then times out). So the shipped exe is started with
 * Chromium's DevTools port on loopback and Playwright attaches to its window over CDP; the
 * unpackaged Electron is driven with _electron.launch by electron-smoke.test.ts.
 * Opt-in: SEG_PACKAGED_APP names the executable (out/win-unpacked/SEG KCD Setup.exe).
 */
const exe = process.env.SEG_PACKAGED_APP;
const PORT = 9339;

async function devToolsUp(deadline: number): Promise<void> {
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${PORT}/json/version`, { signal: AbortSignal.timeout(1_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`the packaged app opened no DevTools port on 127.0.0.1:${PORT}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(exe === undefined)('the packaged app (skipped unless SEG_PACKAGED_APP names it; run by .github/workflows/windows.yml)', () => {
  let child: ChildProcess;
  let browser: Browser;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), 'seg-packaged-'));
    child = spawn(exe ?? '', [`--remote-debugging-port=${PORT}`, '--remote-debugging-address=127.0.0.1', `--user-data-dir=${profile}`], { stdio: 'ignore' });
    await devToolsUp(Date.now() + 60_000);
    browser = await chromium.connectOverCDP(`http://127.0.0.1:${PORT}`);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const found = browser
        .contexts()
        .flatMap((c) => c.pages())
        .find((p) => p.url() === APP_ENTRY_URL);
      if (found) {
        page = found;
        break;
      }
      if (Date.now() > deadline) throw new Error(`no window showed ${APP_ENTRY_URL}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (child?.pid !== undefined && child.exitCode === null) child.kill();
    if (profile) rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 500 });
  });

  it('opens one window and renders the wizard at its first step', async () => {
    await page.locator('#step-title').waitFor({ timeout: 30_000 });
    expect(await page.locator('#step-title').textContent()).toBe('UEM API');
  });

  it('answers over the contract (window.segApi → IPC → the core)', async () => {
    const info = await page.evaluate(() => (window as unknown as { segApi: { getAppInfo(): Promise<unknown> } }).segApi.getAppInfo());
    expect(info).toMatchObject({ ok: true, value: { name: 'SEG KCD Setup' } });
  });
});
