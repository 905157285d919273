import { describe, expect, it } from 'vitest';
import { kcdEndToEnd, type KcdEndToEndFacts } from '../../../../app/checks/eas/kcd-end-to-end';
import { recordedFacts } from '../../../support/facts';
import { recordedOutcome } from '../recorded-outcome';

const facts = (scenario: string) => recordedFacts<KcdEndToEndFacts>(scenario, 'eas.kcd-end-to-end');
const answered = (scenario: string) => recordedOutcome<KcdEndToEndFacts, 'answered'>(scenario, 'eas.kcd-end-to-end', 'answered');

describe('eas.kcd-end-to-end judge, from facts recorded in the lab', () => {
  it('passes when ActiveSync accepts the ticket and proves itself with an AP-REP', () => {
    const outcome = kcdEndToEnd.judge(facts('healthy'));
    expect(outcome).toEqual({
      status: 'pass',
      evidence: [
        'request: OPTIONS https://semail01.se.airwlab.com:443/Microsoft-Server-ActiveSync (address 127.0.42.2 from network.hosts)',
        'ticket: alice@SE.AIRWLAB.COM to HTTP/semail01@SE.AIRWLAB.COM, Authorization: Negotiate (SPNEGO)',
        'HTTP status: 200',
        'MS-ASProtocolVersions: 2.0,2.1,2.5,12.0,12.1,14.0,14.1,16.0,16.1',
        'mutual authentication: AP-REP verified with the ticket session key (the server decrypted the ticket)',
      ],
    });
  });

  it('fails when the server offers no Negotiate, with the command that turns Windows authentication on', () => {
    const outcome = kcdEndToEnd.judge(facts('negotiateNotOffered'));
    expect(outcome).toMatchObject({ status: 'fail', remedy: expect.stringMatching(/^The server does not offer Negotiate on \/Microsoft-Server-ActiveSync/), command: expect.stringContaining('-WindowsAuthEnabled $true') });
    expect(outcome.evidence).toContain('offered: Basic');
  });

  it.each(['asaPasswordRolledWithoutKeytab', 'targetSpnOnWrongAccount'])('%s: fails when the server refuses the ticket, with setspn -Q for its service', (scenario) => {
    const f = answered(scenario);
    const outcome = kcdEndToEnd.judge(f);
    expect(outcome).toMatchObject({ status: 'fail', remedy: expect.stringMatching(/^The server refused the Kerberos ticket for HTTP\/\S+@SE\.AIRWLAB\.COM\. Likely causes: /), command: `setspn -Q ${f.service}` });
    expect(outcome.evidence).toContain('mutual authentication: not verified (The server rejected the SPNEGO negotiation (negState reject).)');
  });

  it('fails with the connection test when the TLS name does not match', () => {
    const outcome = kcdEndToEnd.judge(facts('easTlsWrongName'));
    expect(outcome).toMatchObject({ status: 'fail', command: 'Test-NetConnection semail01.se.airwlab.com -Port 443' });
    expect(outcome.evidence?.join('\n')).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID/);
  });

  it('fails on a status other than 2xx or 401', () => {
    const outcome = kcdEndToEnd.judge({ ...answered('healthy'), status: 500 });
    expect(outcome).toMatchObject({ status: 'fail', remedy: 'The server answered 500 to an authenticated OPTIONS request on /Microsoft-Server-ActiveSync; ActiveSync should answer 200.' });
  });

  it('fails when the server accepted the request as another user', () => {
    const outcome = kcdEndToEnd.judge({ ...answered('healthy'), remoteUser: 'bob@SE.AIRWLAB.COM' });
    expect(outcome).toMatchObject({ status: 'fail', remedy: 'The server accepted the request as bob@SE.AIRWLAB.COM, not as alice@SE.AIRWLAB.COM.' });
    expect(outcome.evidence).toContain('server reports the user as: bob@SE.AIRWLAB.COM');
  });

  it('passes when the server names the same user in other case', () => {
    expect(kcdEndToEnd.judge({ ...answered('healthy'), remoteUser: 'ALICE@se.airwlab.com' }).status).toBe('pass');
  });

  it('warns when the server accepted the ticket without mutual authentication', () => {
    const outcome = kcdEndToEnd.judge({ ...answered('healthy'), mutual: { verified: false, reason: 'the server sent no Negotiate reply token (no AP-REP)' } });
    expect(outcome).toMatchObject({ status: 'warn', remedy: expect.stringMatching(/did not prove itself with an AP-REP/) });
  });

  it('says when a 401 offered nothing at all', () => {
    const outcome = kcdEndToEnd.judge({ ...answered('negotiateNotOffered'), offered: [] });
    expect(outcome.evidence).toContain('offered: (nothing)');
  });

  it('falls back to default remedies when the error carries none', () => {
    const f = facts('easTlsWrongName');
    if (f.outcome !== 'no-answer') throw new Error('expected no-answer');
    expect(kcdEndToEnd.judge({ ...f, failure: { code: 'EAS_HTTP_FAILED', message: 'reset' } })).toMatchObject({ remedy: 'Check the email server settings.' });
  });

  it("fails with the resolver's words when the email host does not resolve", () => {
    const failure = { code: 'NET_DNS_NXDOMAIN', message: 'semail01 does not resolve.', remedy: 'Pin it under network.hosts.' };
    expect(kcdEndToEnd.judge({ outcome: 'unresolved', host: 'semail01', failure })).toEqual({ status: 'fail', evidence: ['error: NET_DNS_NXDOMAIN', 'semail01 does not resolve.'], remedy: 'Pin it under network.hosts.' });
    expect(kcdEndToEnd.judge({ outcome: 'unresolved', host: 'semail01', failure: { code: 'X', message: 'y' } })).toMatchObject({ remedy: 'Check that semail01 resolves, or pin it under network.hosts.' });
  });

  it('skips without an S4U2Proxy ticket', () => {
    expect(kcdEndToEnd.judge({ outcome: 'no-ticket' })).toEqual({ status: 'skip', reason: 'krb.s4u2proxy provided no ticket' });
  });
});
