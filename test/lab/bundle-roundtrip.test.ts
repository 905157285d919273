import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { createCore } from '../../app/core/core';
import { dispatch } from '../../app/core/dispatch';
import type { ExportedBundleFile } from '../../app/contract/core-api';
import type { Result } from '../../app/contract/result';
import { labSettings } from './lab';

/**
 * Issue 11's promise: a bundle exported as the wizard does (through the API, from the wizard's
 * profile) re-verifies the lab from the CLI on a clean folder, with the same results.
 */
const lab = inject('lab');
const BIN = resolve('bin/seg-setup.js');
const PASSPHRASE = 'lab bundle passphrase, long enough';

describe('bundle round trip against the lab', () => {
  it('exported from the wizard, imported by the CLI in a fresh folder, verifies the same', { timeout: 120_000 }, async () => {
    const s = labSettings(lab);
    const settings = {
      ...s,
      organizationGroup: { ...s.organizationGroup, name: 'SE Lab' },
      email: { ...s.email, testMailbox: `${lab.accounts.users.alice.name}@${lab.names.realm}` },
    };
    const secrets = { kcdPassword: lab.accounts.service.password, testMailboxPassword: lab.accounts.users.alice.password };
    const wizard = createCore({ profileDir: await mkdtemp(join(tmpdir(), 'seg-wizard-profile-')) });
    const exported = (await dispatch(wizard.api, 'exportBundle', { settings, secrets, passphrase: PASSPHRASE })) as Result<ExportedBundleFile>;
    if (!exported.ok) throw new Error(exported.error.message);
    expect(exported.value.text).not.toContain(lab.accounts.service.password);

    const elsewhere = await mkdtemp(join(tmpdir(), 'seg-clean-machine-'));
    const bundle = join(elsewhere, exported.value.fileName);
    await writeFile(bundle, exported.value.text);
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
    const imported = await new Promise<{ code: number | null }>((done) => {
      const child = execFile(process.execPath, [BIN, 'bundle', 'import', bundle, '--out', join(elsewhere, 'site'), '--passphrase-stdin'], { env }, (error) =>
        done({ code: error ? ((error as { code?: number }).code ?? 1) : 0 }),
      );
      child.stdin?.end(`${PASSPHRASE}\n`);
    });
    expect(imported.code).toBe(0);

    const secretsEnv = await readFile(join(elsewhere, 'site', 'secrets.env'), 'utf8');
    const verify = await new Promise<{ code: number; stdout: string }>((done) => {
      const child = execFile(
        process.execPath,
        [BIN, 'verify', '--config', join(elsewhere, 'site', 'settings.json'), '--json', '--secrets-stdin'],
        { env, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout) => done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout }),
      );
      child.stdin?.end(secretsEnv);
    });
    const report = JSON.parse(verify.stdout) as { checks: { id: string; status: string }[] };
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
    expect(verify.code).toBe(0);
    for (const id of ['ad.bind', 'pki.not-revoked', 'krb.s4u2proxy', 'eas.kcd-end-to-end', 'eas.basic']) {
      expect(report.checks.find((c) => c.id === id)?.status, id).toBe('pass');
    }
  });
});
