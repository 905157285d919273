import { describe, expect, it } from 'vitest';
import { easBasic, type EasBasicFacts } from '../../../../app/checks/eas/basic';
import { recordedFacts } from '../../../support/facts';
import { recordedOutcome } from '../recorded-outcome';

const facts = (scenario: string) => recordedFacts<EasBasicFacts>(scenario, 'eas.basic');
const answered = (scenario: string) => recordedOutcome<EasBasicFacts, 'answered'>(scenario, 'eas.basic', 'answered');

const WHERE = 'https://semail01.se.airwlab.com/Microsoft-Server-ActiveSync → 127.0.42.2 (from network.hosts)';

describe('eas.basic judge, from facts recorded in the lab', () => {
  it('passes when the test mailbox gets in with Basic', () => {
    expect(easBasic.judge(facts('healthy'))).toEqual({
      status: 'pass',
      evidence: [WHERE, 'OPTIONS as alice@SE.AIRWLAB.COM with Basic → HTTP 200', 'MS-ASProtocolVersions: 2.0,2.1,2.5,12.0,12.1,14.0,14.1,16.0,16.1'],
    });
    const { protocolVersions: _dropped, ...bare } = answered('healthy');
    expect(easBasic.judge(bare)).toEqual({ status: 'pass', evidence: [WHERE, 'OPTIONS as alice@SE.AIRWLAB.COM with Basic → HTTP 200'] });
  });

  it('fails saying Basic is off (fine for KCD) when the 401 offers no Basic', () => {
    const outcome = easBasic.judge(facts('basicAuthOff'));
    expect(outcome).toMatchObject({ status: 'fail', remedy: expect.stringMatching(/^Basic authentication is off on the ActiveSync directory\./) });
    expect(outcome.evidence).toContain('offers: Negotiate');
  });

  // Scenarios whose catches include eas.basic: the lab's Apache checks Basic passwords with the KDC.
  it.each(['clockSkew', 'dcStopped', 'targetSpnDuplicated'])('%s: fails naming the refused mailbox when Basic is offered but refused', (scenario) => {
    const outcome = easBasic.judge(facts(scenario));
    expect(outcome).toMatchObject({ status: 'fail', remedy: expect.stringMatching(/^Exchange refused alice@SE\.AIRWLAB\.COM: check the user name/) });
  });

  it('says "nothing" when a 401 offers no scheme', () => {
    const { wwwAuthenticate: _dropped, ...f } = answered('basicAuthOff');
    expect(easBasic.judge(f).evidence).toContain('offers: nothing');
  });

  it('fails on another status with the command that enables ActiveSync for the mailbox', () => {
    expect(easBasic.judge({ ...answered('healthy'), status: 403 })).toMatchObject({
      status: 'fail',
      remedy: expect.stringMatching(/^Expected 200 for a valid mailbox, got 403\./),
      command: "Set-CASMailbox -Identity 'alice@SE.AIRWLAB.COM' -ActiveSyncEnabled $true",
    });
  });

  it('skips over plain HTTP: the password is never sent in clear', () => {
    expect(easBasic.judge({ outcome: 'plain-http' })).toEqual({
      status: 'skip',
      reason: 'The email server is reached over plain HTTP: the test mailbox password is not sent in clear',
    });
  });

  it("fails with the request's error, or a default remedy", () => {
    const { target } = answered('healthy');
    expect(easBasic.judge({ outcome: 'no-answer', target, message: 'reset', remedy: 'Open 443.' })).toEqual({
      status: 'fail',
      evidence: [WHERE, 'reset'],
      remedy: 'Open 443.',
    });
    expect(easBasic.judge({ outcome: 'no-answer', target, message: 'reset' })).toMatchObject({ remedy: 'Check the path to Exchange.' });
    expect(easBasic.judge({ outcome: 'unresolved', message: 'm' })).toMatchObject({ status: 'fail', evidence: ['m'] });
  });
});
