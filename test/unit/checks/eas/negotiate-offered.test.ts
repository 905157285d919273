import { describe, expect, it } from 'vitest';
import { negotiateOffered, type NegotiateOfferedFacts } from '../../../../app/checks/eas/negotiate-offered';
import { recordedFacts } from '../../../support/facts';
import { recordedOutcome } from '../recorded-outcome';

const facts = (scenario: string) => recordedFacts<NegotiateOfferedFacts>(scenario, 'eas.negotiate-offered');
const answered = (scenario: string) => recordedOutcome<NegotiateOfferedFacts, 'answered'>(scenario, 'eas.negotiate-offered', 'answered');

const WHERE = 'https://semail01.se.airwlab.com/Microsoft-Server-ActiveSync → 127.0.42.2 (from network.hosts)';

describe('eas.negotiate-offered judge, from facts recorded in the lab', () => {
  it('passes on a 401 that offers Negotiate', () => {
    expect(negotiateOffered.judge(facts('healthy'))).toEqual({
      status: 'pass',
      evidence: [WHERE, 'anonymous OPTIONS → HTTP 401', 'WWW-Authenticate offers: Negotiate, Basic'],
    });
  });

  it('fails when only Basic is offered, with the commands that turn Negotiate on', () => {
    const outcome = negotiateOffered.judge(facts('negotiateNotOffered'));
    expect(outcome).toMatchObject({ status: 'fail', remedy: expect.stringMatching(/^Exchange offers Basic but not Negotiate,/) });
    if (outcome.status !== 'fail') return;
    expect(outcome.command?.split('\n')).toHaveLength(5);
    expect(outcome.command).toContain('/+"providers.[value=\'Negotiate\']"');
  });

  it('fails naming "no scheme at all" when a 401 offers none', () => {
    const { wwwAuthenticate: _dropped, ...f } = answered('negotiateNotOffered');
    const outcome = negotiateOffered.judge(f);
    expect(outcome).toMatchObject({ status: 'fail', remedy: expect.stringMatching(/^Exchange offers no scheme at all but not Negotiate/) });
    expect(outcome.evidence).toContain('WWW-Authenticate offers: nothing');
  });

  it('reads repeated WWW-Authenticate headers', () => {
    expect(negotiateOffered.judge({ ...answered('negotiateNotOffered'), wwwAuthenticate: ['Basic realm="x"', 'Negotiate'] }).status).toBe('pass');
  });

  it('fails on 404: nothing published at the path', () => {
    expect(negotiateOffered.judge({ ...answered('healthy'), status: 404 })).toMatchObject({
      status: 'fail',
      remedy: expect.stringMatching(/^Nothing is published at \/Microsoft-Server-ActiveSync on semail01\.se\.airwlab\.com/),
    });
  });

  it('fails on an anonymous 200: anonymous access is on', () => {
    expect(negotiateOffered.judge({ ...answered('healthy'), status: 200 })).toMatchObject({
      status: 'fail',
      remedy: expect.stringMatching(/anonymous access is on/),
    });
  });

  it('fails on another status, asking what answers there', () => {
    expect(negotiateOffered.judge({ ...answered('healthy'), status: 502 })).toMatchObject({
      status: 'fail',
      remedy: expect.stringMatching(/^Expected 401 asking for authentication, got 502\./),
    });
  });

  it("fails with the request's error, or a default remedy", () => {
    const { target } = answered('healthy');
    expect(negotiateOffered.judge({ outcome: 'no-answer', target, message: 'reset' })).toEqual({
      status: 'fail',
      evidence: [WHERE, 'reset'],
      remedy: 'Check the path to Exchange.',
    });
    expect(negotiateOffered.judge({ outcome: 'unresolved', message: 'm' })).toMatchObject({
      status: 'fail',
      remedy: 'Check the email server host name and network.hosts.',
    });
  });
});
