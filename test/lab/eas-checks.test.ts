import { describe, expect, inject, it } from 'vitest';
import { EAS_CHECKS } from '../../app/checks/eas';
import { runChecks } from '../../app/checks/runner';
import type { CheckResult } from '../../app/contract/check-result';
import { Secret, type Secrets } from '../../app/config/secrets';
import type { Settings } from '../../app/contract/settings';
import { labSecrets, labSettings } from './lab';
import { scenarios, withScenario } from './scenarios';

const lab = inject('lab');

/** The lab's settings with the test mailbox as user@REALM: mod_auth_gssapi's Basic kinit needs the realm in capitals (lab-notes). */
function easSettings(): Settings {
  const s = labSettings(lab);
  return { ...s, email: { ...s.email, testMailbox: `${lab.accounts.users.alice.name}@${lab.names.realm}` } };
}

async function run(settings: Settings = easSettings(), secrets: Secrets = labSecrets(lab)): Promise<Record<string, CheckResult>> {
  const results = await runChecks(EAS_CHECKS, { settings, secrets, baseDir: lab.dir });
  return Object.fromEntries(results.map((r) => [r.id, r]));
}

describe('eas.* checks against the lab ActiveSync endpoint', () => {
  it('pass on the healthy lab: trusted certificate naming the host, Negotiate offered, Basic verify as the test mailbox', async () => {
    const r = await run();
    expect(r['eas.tls']?.status, JSON.stringify(r['eas.tls'])).toBe('pass');
    expect(r['eas.tls']?.evidence.join('\n')).toContain(lab.names.exchangeFqdn);
    expect(r['eas.negotiate-offered']?.status, JSON.stringify(r['eas.negotiate-offered'])).toBe('pass');
    expect(r['eas.negotiate-offered']?.evidence.join('\n')).toMatch(/HTTP 401/);
    expect(r['eas.basic']?.status, JSON.stringify(r['eas.basic'])).toBe('pass');
    const all = JSON.stringify(r);
    expect(all).not.toContain(lab.accounts.users.alice.password);
  });

  it('fails eas.tls on a name the certificate does not carry, saying which name', async () => {
    const s = easSettings();
    const other = `owa.${lab.names.domain}`;
    const r = await run({ ...s, email: { ...s.email, host: other }, network: { ...s.network, hosts: { ...s.network.hosts, [other]: lab.web.address } } });
    expect(r['eas.tls']?.status).toBe('fail');
    expect(r['eas.tls']?.remedy).toContain(other);
    expect(r['eas.negotiate-offered']?.status).toBe('skip');
  });

  it('fails eas.tls when the root CA is not among the trusted roots', async () => {
    const s = easSettings();
    const r = await run({ ...s, certificates: { ...s.certificates, roots: [] } });
    expect(r['eas.tls']?.status).toBe('fail');
    expect(r['eas.tls']?.evidence.join('\n')).toMatch(/not trusted/);
    expect(r['eas.tls']?.command).toContain('certutil');
  });

  it('fails eas.negotiate-offered when Exchange offers Basic only, with the Exchange fix', async () => {
    await withScenario(lab, scenarios.negotiateNotOffered, async () => {
      const r = await run();
      expect(r['eas.negotiate-offered']?.status).toBe('fail');
      expect(r['eas.negotiate-offered']?.remedy).toMatch(/not Negotiate/);
      expect(r['eas.negotiate-offered']?.command).toContain('WindowsAuthEnabled');
    });
  });

  it('fails eas.basic once for a wrong mailbox password, without showing it', async () => {
    const r = await run(easSettings(), { ...labSecrets(lab), testMailboxPassword: new Secret('Wrong!Password9') });
    expect(r['eas.basic']?.status).toBe('fail');
    expect(r['eas.basic']?.remedy).toMatch(/lockout/);
    expect(JSON.stringify(r)).not.toContain('Wrong!Password9');
  });

  it('skips eas.basic without a test mailbox, with the reason', async () => {
    const s = easSettings();
    const r = await run({ ...s, email: { ...s.email, testMailbox: '' } });
    expect(r['eas.basic']?.status).toBe('skip');
    expect(r['eas.basic']?.reason).toMatch(/No test mailbox/);
  });

  it('fails with the port named when nothing listens there', async () => {
    const s = easSettings();
    const r = await run({ ...s, email: { ...s.email, port: 9 } });
    expect(r['eas.tls']?.status).toBe('fail');
    expect(r['eas.tls']?.remedy).toMatch(/port 9/);
  });
});
