import { afterAll, beforeAll } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PKI_CHECKS } from '../../../../app/checks/pki';
import { runChecks } from '../../../../app/checks/runner';
import type { CheckResult } from '../../../../app/contract/check-result';
import { emptySettings, type Settings } from '../../../../app/contract/settings';
import { makeTestPki, type KeyType, type PkiOptions, type TestPki } from '../../../fixtures/pki/openssl-pki';
import { startCdpServer, type CdpServer } from '../../../fixtures/pki/crl-server';

/**
 * A test PKI of openssl's making, served by a CDP/AIA web server on loopback, and the pki.*
 * family run against it end to end (gather and judge). For the check-level tests of each
 * pki check: the judges' own tests feed them recorded lab facts instead.
 */
export const HOST = 'pki.test.lab';

export interface ServedPki {
  readonly server: CdpServer;
  /** The PKI made once for the file (`servedPki(keyType)`), for the tests that serve it with one fault each. */
  readonly pki: TestPki;
  pkiFor(options?: Omit<PkiOptions, 'baseUrl'>): TestPki;
  /** Serves the PKI's files as built, with no fault. */
  serve(pki: TestPki): void;
  settingsFor(pki: TestPki, device: string, extra?: Partial<Settings['certificates']>): Settings;
  run(pki: TestPki, device: string, extra?: Partial<Settings['certificates']>): Promise<Record<string, CheckResult>>;
}

/** Starts the CDP server for the calling test file and stops it after; with a key type, makes the file's PKI too. */
export function servedPki(keyType?: KeyType): ServedPki {
  let server: CdpServer | undefined;
  let shared: TestPki | undefined;
  beforeAll(async () => {
    server = await startCdpServer();
    if (keyType !== undefined) shared = makeTestPki({ baseUrl: `http://${HOST}:${server.port}/CertEnroll`, keyType });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
  });
  const started = (): CdpServer => {
    if (server === undefined) throw new Error('the CDP server starts in beforeAll');
    return server;
  };
  const settingsFor = (pki: TestPki, device: string, extra: Partial<Settings['certificates']> = {}): Settings => {
    const settings = emptySettings();
    // The device certificate as a path relative to the settings folder, the root inline.
    writeFileSync(join(pki.dir, 'device.cer'), device);
    settings.certificates = { roots: [pki.rootPem], intermediates: [], deviceCertificate: 'device.cer', ...extra };
    settings.network = { ...settings.network, hosts: { [HOST]: '127.0.0.1' }, timeoutMs: 3000 };
    return settings;
  };
  return {
    get server() {
      return started();
    },
    get pki() {
      if (shared === undefined) throw new Error('servedPki(keyType) makes the shared PKI in beforeAll');
      return shared;
    },
    pkiFor: (options = {}) => makeTestPki({ baseUrl: `http://${HOST}:${started().port}/CertEnroll`, ...options }),
    serve(pki) {
      const s = started();
      s.files.clear();
      s.rules.overrides.clear();
      s.rules.refusePlus = false;
      for (const [name, bytes] of pki.files) s.files.set(name, bytes);
    },
    settingsFor,
    async run(pki, device, extra = {}) {
      const results = await runChecks(PKI_CHECKS, { settings: settingsFor(pki, device, extra), secrets: {}, baseDir: pki.dir });
      return Object.fromEntries(results.map((r) => [r.id, r]));
    },
  };
}

export function statuses(results: Record<string, CheckResult>): Record<string, string> {
  return Object.fromEntries(Object.entries(results).map(([id, r]) => [id, r.status]));
}

export const ALL_PASS = {
  'pki.device-cert': 'pass',
  'pki.chain': 'pass',
  'pki.no-ldap-urls': 'pass',
  'pki.crl-reachable': 'pass',
  'pki.crl-valid': 'pass',
  'pki.not-revoked': 'pass',
};
