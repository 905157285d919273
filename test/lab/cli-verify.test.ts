import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Settings } from '../../app/contract/settings';
import { labSecrets, labSettings } from './lab';
import { scenarios, withScenario } from './scenarios';

/**
 * The CLI as a field engineer runs it against the lab: the built binary, secrets from the
 * environment, reports written to disk — and every file it wrote scanned for the lab's
 * passwords.
 */
const lab = inject('lab');
const run = promisify(execFile);
const BIN = resolve('bin/seg-setup.js');
let dir: string;
const written: string[] = [];

function settings(): Settings {
  const s = labSettings(lab);
  return {
    ...s,
    organizationGroup: { ...s.organizationGroup, name: 'SE Lab' },
    email: { ...s.email, testMailbox: `${lab.accounts.users.alice.name}@${lab.names.realm}` },
  };
}

const env = () => ({
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  SEG_KCD_PASSWORD: lab.accounts.service.password,
  SEG_UEM_PASSWORD: labSecrets(lab).uemPassword?.reveal() ?? '',
  SEG_TEST_MAILBOX_PASSWORD: lab.accounts.users.alice.password,
});

async function verify(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = await run(process.execPath, [BIN, 'verify', '--config', join(dir, 'lab.json'), ...args], { env: env(), maxBuffer: 16 * 1024 * 1024 }).catch(
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
  return { code: (r as { code?: number }).code ?? 0, stdout: r.stdout, stderr: r.stderr };
}

interface JsonCheck {
  id: string;
  status: string;
  evidence: string[];
  remedy: string | null;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'seg-cli-lab-'));
  await writeFile(join(dir, 'lab.json'), JSON.stringify(settings(), null, 2));
});

describe('seg-setup verify against the lab', () => {
  it('the whole catalogue: nothing fails on the healthy lab, exit 0, HTML and JSON reports written', async () => {
    const html = join(dir, 'healthy.html');
    const r = await verify(['--json', '--report', html]);
    const report = JSON.parse(r.stdout) as { checks: JsonCheck[] };
    expect(report.checks.filter((c) => c.status === 'fail').map((c) => `${c.id}: ${c.evidence.join(' | ')}`)).toEqual([]);
    expect(r.code).toBe(0);
    for (const id of ['ad.bind', 'pki.chain', 'pki.not-revoked', 'krb.s4u2proxy', 'eas.tls', 'eas.kcd-end-to-end', 'uem.api', 'uem.og']) {
      expect(report.checks.find((c) => c.id === id)?.status, id).toBe('pass');
    }
    expect(await readFile(html, 'utf8')).toContain('Ready');
    written.push(html);
    await writeFile(join(dir, 'healthy.json'), r.stdout);
    written.push(join(dir, 'healthy.json'));
  });

  it('--only eas.kcd-end-to-end passes with the device certificate as the only user input', async () => {
    const r = await verify(['--only', 'eas.kcd-end-to-end', '--json']);
    const report = JSON.parse(r.stdout) as { checks: JsonCheck[] };
    expect(report.checks.find((c) => c.id === 'eas.kcd-end-to-end')?.status).toBe('pass');
    expect(r.code).toBe(0);
  });

  it("--only 'pki.*' is all pass", async () => {
    const r = await verify(['--only', 'pki.*', '--json']);
    const report = JSON.parse(r.stdout) as { checks: JsonCheck[] };
    expect(report.checks.filter((c) => c.id.startsWith('pki.')).map((c) => c.status)).toEqual(Array(6).fill('pass'));
  });

  it('a broken delegation exits 1 and the report says what to fix', async () => {
    await withScenario(lab, scenarios.protocolTransitionOff, async () => {
      const html = join(dir, 'no-protocol-transition.html');
      const r = await verify(['--report', html]);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/FAIL\s+ad\.svc-protocol-transition/);
      const page = await readFile(html, 'utf8');
      expect(page).toContain('Not ready');
      expect(page).toContain('Set-ADAccountControl');
      written.push(html);
    });
  });

  it('no file it wrote holds a lab password', async () => {
    const passwords = [
      labSecrets(lab).uemPassword?.reveal() ?? 'unset',
      lab.accounts.service.password,
      lab.accounts.users.alice.password,
      lab.accounts.administrator.password,
      lab.accounts.exchange.password,
      lab.accounts.asa.password,
    ];
    const files = [...written, ...(await readdir(dir)).map((f) => join(dir, f))];
    expect(files.length).toBeGreaterThan(3);
    for (const file of new Set(files)) {
      const text = await readFile(file, 'utf8');
      for (const password of passwords) expect(text.includes(password), `${file} holds a password`).toBe(false);
    }
  });
});
