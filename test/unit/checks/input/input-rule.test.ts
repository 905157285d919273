import { describe, expect, it } from 'vitest';
import { fieldIssues, INPUT_CHECKS } from '../../../../app/checks/input';
import { runChecks } from '../../../../app/checks/runner';
import type { Settings } from '../../../../app/contract/settings';
import { guideSettings } from '../../../support/settings';

const run = (settings: Settings) => runChecks(INPUT_CHECKS, { settings, secrets: {}, baseDir: '/' });

describe("input checks as a family, and the wizard's field issues", () => {
  it('pass for the guide example', async () => {
    const results = await run(guideSettings());
    expect(results.filter((r) => r.status === 'fail')).toEqual([]);
    expect(fieldIssues(guideSettings())).toEqual([]);
  });

  it('cover every input id product.md names', () => {
    const ids = INPUT_CHECKS.map((c) => c.id);
    for (const id of ['input.realm', 'input.target-spn', 'input.dc-host', 'input.service-account', 'input.email-host', 'input.email-port', 'input.api-url']) {
      expect(ids).toContain(id);
    }
  });

  it('fail naming the field and the rule, with a remedy', async () => {
    const s = guideSettings();
    const results = await run({
      ...s,
      kcd: {
        ...s.kcd,
        domains: [
          { realm: 'se.airwlab.com', dcHost: 'sedc01' },
          { realm: 'OTHER.TEST', dcHost: 'dc2.other.test' },
        ],
      },
    });
    const realm = results.find((r) => r.id === 'input.realm');
    expect(realm?.status).toBe('fail');
    expect(realm?.evidence.join('\n')).toContain('kcd.domains.0.realm');
    expect(realm?.remedy).toContain('KCD step');
    const dc = results.find((r) => r.id === 'input.dc-host');
    expect(dc?.evidence.join('\n')).toContain('kcd.domains.1.dcHost');
    expect(dc?.evidence.join('\n')).not.toContain('kcd.domains.0.dcHost');
  });

  it('skip UEM fields offline, with the reason, and never block the rest', async () => {
    const s = guideSettings();
    const results = await run({ ...s, uem: { ...s.uem, apiUrl: '', user: '', tenantCode: '' } });
    const api = results.find((r) => r.id === 'input.api-url');
    expect(api?.status).toBe('skip');
    expect(api?.reason).toMatch(/offline/);
    expect(results.filter((r) => r.status === 'fail')).toEqual([]);
  });

  it('asks for the OAuth client or the client certificate instead of the admin user when the API signs in that way', () => {
    const s = guideSettings();
    const oauth = {
      ...s,
      uem: { ...s.uem, user: '', authMethod: 'oauth' as const, oauthTokenUrl: 'https://na.uemauth.workspaceone.com/connect/token', oauthClientId: '' },
    };
    expect(fieldIssues(oauth).map((i) => i.field)).toEqual(['uem.oauthClientId']);
    const cert = { ...s, uem: { ...s.uem, user: '', authMethod: 'certificate' as const } };
    expect(fieldIssues(cert).map((i) => i.field)).toEqual(['uem.clientCertificate']);
    expect(fieldIssues({ ...cert, uem: { ...cert.uem, clientCertificate: 'admin.pfx' } })).toEqual([]);
  });

  it('gives the wizard one issue per wrong field', () => {
    const s = guideSettings();
    const issues = fieldIssues({ ...s, email: { ...s.email, port: 0 }, kcd: { ...s.kcd, targetSpn: 'semail01' } });
    expect(issues.map((i) => i.field).sort()).toEqual(['email.port', 'kcd.targetSpn']);
  });

  it('checks the CAS array FQDN only when a CAS array is used', () => {
    const s = guideSettings();
    expect(fieldIssues({ ...s, email: { ...s.email, casArray: { enabled: true, fqdn: 'mail' } } }).map((i) => i.field)).toEqual(['email.casArray.fqdn']);
    expect(fieldIssues({ ...s, email: { ...s.email, casArray: { enabled: false, fqdn: 'mail' } } })).toEqual([]);
  });
});
