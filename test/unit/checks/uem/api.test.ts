import { describe, expect, it } from 'vitest';
import { apiCheck, type ApiFacts } from '../../../../app/checks/uem/api';
import { recordedFacts } from '../../../support/facts';

const check = apiCheck({});
const healthy = (): Extract<ApiFacts, { answered: true }> => {
  const f = recordedFacts<ApiFacts>('healthy', 'uem.api');
  if (!f.answered) throw new Error('the healthy lab recorded no answer from the UEM API');
  return f;
};

describe('uem.api judge, from facts recorded in the lab', () => {
  it('passes against the healthy lab: product, version and a verified server certificate, the tenant code not shown', () => {
    const outcome = check.judge(healthy());
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence?.slice(0, 3)).toEqual([
      'GET https://uem.se.airwlab.com:8443/api/system/info answered as user api-admin with the tenant code (not shown)',
      'product: AirWatch Platform Service 24.10.0.1, API version 1',
      "TLS: the certificate verifies and names the host, trusted through the Certificates step's roots",
    ]);
    expect(outcome.evidence).toContain('server certificate subject: CN=uem.se.airwlab.com');
  });

  it('warns while "ignore TLS errors" is on, although the certificate verifies', () => {
    const outcome = check.judge({ ...healthy(), ignoreTlsErrors: true });
    expect(outcome.status).toBe('warn');
    if (outcome.status !== 'warn') return;
    expect(outcome.evidence[0]).toMatch(/^"ignore TLS errors" is on for the UEM API \(this API only\)/);
    expect(outcome.remedy).toBe('The certificate verifies: switch uem.ignoreTlsErrors off.');
  });

  it('warns with the certificate problem it accepted when "ignore TLS errors" is on', () => {
    const f = healthy();
    const outcome = check.judge({
      ...f,
      ignoreTlsErrors: true,
      productName: null,
      apiVersion: null,
      tls: { certificate: null, problem: 'self-signed certificate', vouchedBy: null, pinned: true },
    });
    expect(outcome.status).toBe('warn');
    if (outcome.status !== 'warn') return;
    expect(outcome.evidence).toContain(
      'TLS: self-signed certificate — accepted only because "ignore TLS errors" is on and the server presented the pinned certificate (SHA-256 ?)',
    );
    expect(outcome.evidence).toContain('server certificate: none presented');
    expect(outcome.evidence).toContain('product: (no name) 24.10.0.1');
    expect(outcome.remedy).toMatch(/^Give the API server a certificate from a CA this machine trusts/);
  });

  it('fails with the client error, its evidence and remedy', () => {
    const outcome = check.judge({
      answered: false,
      error: {
        code: 'uem.unauthorized',
        message: 'The API refused the credentials (HTTP 401)',
        evidence: ['HTTP 401 from https://uem.se.airwlab.com:8443/api/system/info'],
        remedy: 'Check the API admin user and password.',
      },
    });
    expect(outcome).toEqual({
      status: 'fail',
      evidence: ['The API refused the credentials (HTTP 401)', 'HTTP 401 from https://uem.se.airwlab.com:8443/api/system/info'],
      remedy: 'Check the API admin user and password.',
    });
  });

  it('fails pointing at the evidence when the error has no remedy', () => {
    const outcome = check.judge({ answered: false, error: { code: 'uem.bad-body', message: 'The answer was not JSON', evidence: [], remedy: null } });
    expect(outcome.status === 'fail' && outcome.remedy).toBe('See the evidence.');
  });
});
