import { describe, expect, it } from 'vitest';
import { sslSettings, type SslSettingsFacts } from '../../../../app/checks/seg/ssl-settings';
import { recordedFacts } from '../../../support/facts';

const facts = (c: string) => recordedFacts<SslSettingsFacts>(c, 'seg.ssl-settings');

/** Recorded facts with other sslFlags, keeping the plan as recorded. */
function withFlags(c: string, effective: string): SslSettingsFacts {
  const f = facts(c);
  if (f.read !== 'ok') throw new Error(`${c} records a readable copy`);
  return { ...f, sslFlags: { ...f.sslFlags, effective } };
}

describe('seg.ssl-settings, from facts gathered over copies of a SEG host', () => {
  it('fails on the SEG as installed with the plan item and its appcmd line', () => {
    const outcome = sslSettings.judge(facts('segInstalled'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toEqual(['system.webServer/security/access@sslFlags at "Default Web Site/Microsoft-Server-ActiveSync": None (server level)']);
    expect(outcome.remedy).toBe(
      'Require SSL and require client certificates (guide: Set Up Secure Socket Layer (SSL), step 2). Apply the SEG plan (seg-setup configure), or run these on the SEG as administrator.',
    );
    expect(outcome.command).toContain('/sslFlags:"Ssl, SslNegotiateCert, SslRequireCert" /commit:apphost');
  });

  it('falls back to the plan when SSL is on but no client certificate is asked for', () => {
    const outcome = sslSettings.judge(withFlags('segInstalled', 'Ssl'));
    expect(outcome.status).toBe('fail');
    expect(outcome.evidence?.[0]).toMatch(/@sslFlags at .*: None/);
  });

  it('passes once client certificates are required', () => {
    const outcome = sslSettings.judge(facts('segConfigured'));
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence).toEqual([
      expect.stringMatching(/^sslFlags at "Default Web Site\/Microsoft-Server-ActiveSync": .*SslRequireCert/),
      'client certificates: required',
    ]);
  });

  it('passes when certificates are accepted beside other authentication', () => {
    const outcome = sslSettings.judge(facts('segNegotiateCert'));
    expect(outcome).toEqual({
      status: 'pass',
      evidence: [
        expect.stringMatching(/^sslFlags at .*: Ssl, SslNegotiateCert \(/),
        'client certificates: accepted; other authentication allowed: anonymousAuthentication',
      ],
    });
  });

  it('warns when certificates are only accepted and nothing else authenticates', () => {
    const outcome = sslSettings.judge(facts('segCertificatesOnly'));
    expect(outcome.status).toBe('warn');
    if (outcome.status !== 'warn') return;
    expect(outcome.evidence).toContain('client certificates: accepted, but no other authentication is enabled');
    expect(outcome.remedy).toBe('Only certificates authenticate here: set client certificates to Required (guide: Set Up SSL, step 2).');
  });

  it('fails on an unreadable copy with its error', () => {
    const outcome = sslSettings.judge({ read: 'failed', message: 'applicationHost.config cannot be read.', remedy: 'Give the path of a copy.' });
    expect(outcome).toEqual({ status: 'fail', evidence: ['applicationHost.config cannot be read.'], remedy: 'Give the path of a copy.' });
  });
});
