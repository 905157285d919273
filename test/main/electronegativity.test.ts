import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../app/core/csp';

/**
 * Electronegativity (Doyensec) over main/, called from code. Its CLI exits 0 whatever it
 * finds, so the findings are judged here: anything above LOW fails.
 *
 * It reaches the internet twice, both through `got`: the translation file on every run
 * (locales/i18n.js, whatever the options) and Electron's release list in
 * AvailableSecurityFixesGlobalCheck. That check is excluded, and `got` is replaced in
 * Node's module cache before the tool loads, so nothing leaves the machine; the test
 * asserts which URLs it tried and that no socket was opened.
 */

interface Level {
  readonly value: number;
  readonly name: string;
}
interface Issue {
  readonly id: string;
  readonly file: string;
  readonly location: { readonly line: number; readonly column: number };
  readonly severity: Level;
  readonly confidence: Level;
  readonly description: string;
}
interface ScanResult {
  readonly globalChecks: number;
  readonly atomicChecks: number;
  readonly errors: ReadonlyArray<{ file: string; message: string; tolerable: boolean }>;
  readonly issues: readonly Issue[];
}
type Electronegativity = (options: Record<string, unknown>, forCli: boolean) => Promise<ScanResult>;

const LOW = 1;
const ELECTRON_VERSION = '45.5.0';
const repoRequire = createRequire(import.meta.url);
const toolPath = repoRequire.resolve('@doyensec/electronegativity');
const toolRequire = createRequire(toolPath);
const mainDir = fileURLToPath(new URL('../../main', import.meta.url));

const fetched: string[] = [];
let electronegativity: Electronegativity;
let work: string;
let gotPath: string;

function offlineGot(url: unknown): Promise<never> {
  fetched.push(String(url));
  return Promise.reject(new Error('offline: network disabled in tests'));
}
offlineGot.head = offlineGot;

// Its only console output is the failed translation download, expected here.
async function scan(input: string): Promise<ScanResult> {
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    return await electronegativity(
      {
        input,
        output: join(work, 'electronegativity.csv'),
        isSarif: false,
        isRelative: true,
        customScan: [],
        excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
        severitySet: 'informational',
        confidenceSet: 'tentative',
        electronVersionOverride: ELECTRON_VERSION,
      },
      false,
    );
  } finally {
    log.mockRestore();
  }
}

const describeIssue = (i: Issue): string => `${i.id} ${i.severity.name}/${i.confidence.name} ${i.file}:${i.location.line} ${i.description}`;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'seg-eng-'));
  gotPath = toolRequire.resolve('got');
  const stub = new Module(gotPath);
  stub.filename = gotPath;
  stub.loaded = true;
  stub.exports = offlineGot;
  repoRequire.cache[gotPath] = stub;
  electronegativity = repoRequire(toolPath) as Electronegativity;
});

afterAll(() => {
  delete repoRequire.cache[gotPath];
  rmSync(work, { recursive: true, force: true });
});

describe('Electronegativity', () => {
  it('finds nothing above LOW in main/, without touching the network', async () => {
    const connect = vi.spyOn(net.Socket.prototype, 'connect');
    fetched.length = 0;
    const result = await scan(mainDir);
    expect(connect).not.toHaveBeenCalled();
    connect.mockRestore();
    expect(
      fetched.every((url) => url.includes('electronegativity-i18n')),
      fetched.join(', '),
    ).toBe(true);
    expect(result.errors.filter((e) => !e.tolerable)).toStrictEqual([]);
    expect(result.atomicChecks).toBeGreaterThan(30);
    const aboveLow = result.issues.filter((i) => i.severity.value > LOW).map(describeIssue);
    expect(aboveLow).toStrictEqual([]);
  }, 60_000);

  // Its CSP check cannot read a policy held in a constant, so it reports LOW "failed to parse";
  // here the same evaluator the check uses judges the policy we actually send.
  it('judges our CSP with the evaluator its CSP check uses: nothing high or medium', () => {
    const csp = toolRequire('@doyensec/csp-evaluator') as {
      CspParser: new (policy: string) => { csp: unknown };
      CspEvaluator: new (csp: unknown, version: unknown) => { evaluate(): Array<{ severity: number; directive: string; description: string }> };
      Version: { CSP3: unknown };
      severities: Record<'HIGH' | 'SYNTAX' | 'MEDIUM' | 'HIGH_MAYBE', number>;
    };
    const findings = new csp.CspEvaluator(new csp.CspParser(CONTENT_SECURITY_POLICY).csp, csp.Version.CSP3).evaluate();
    const serious = [csp.severities.HIGH, csp.severities.SYNTAX, csp.severities.MEDIUM, csp.severities.HIGH_MAYBE];
    expect(findings.filter((f) => serious.includes(f.severity)).map((f) => `${f.directive}: ${f.description}`)).toStrictEqual([]);
  });

  it('does flag a window built the unsafe way (the scan is not vacuous)', async () => {
    const dir = mkdtempSync(join(work, 'bad-'));
    writeFileSync(
      join(dir, 'main.js'),
      "const { BrowserWindow } = require('electron');\nnew BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
    );
    const result = await scan(dir);
    const high = new Set(result.issues.filter((i) => i.severity.value > LOW).map((i) => i.id));
    for (const id of [
      'CONTEXT_ISOLATION_JS_CHECK',
      'AUXCLICK_JS_CHECK',
      'SANDBOX_JS_CHECK',
      'LIMIT_NAVIGATION_GLOBAL_CHECK',
      'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK',
      'CSP_GLOBAL_CHECK',
    ]) {
      expect(high, id).toContain(id);
    }
  }, 60_000);
});
