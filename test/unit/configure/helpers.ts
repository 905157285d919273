import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { settingsSchema, type Settings } from '../../../app/contract/settings';

export const FIXTURES = join(__dirname, '../../fixtures/iis');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

/** The lab's settings (product.md's example), with overrides. */
export function labSettings(overrides: Record<string, unknown> = {}): Settings {
  return settingsSchema.parse({
    version: 1,
    kcd: { targetSpn: 'HTTP/semail01', serviceAccount: 'aw_KCDsvc', domains: [{ realm: 'SE.AIRWLAB.COM', dcHost: 'sedc01' }] },
    email: { host: 'semail01.se.airwlab.com', port: 443, tls: true, path: '/Microsoft-Server-ActiveSync', casArray: { enabled: false, fqdn: '' } },
    ...overrides,
  });
}
