import { describe, expect, it } from 'vitest';
import { krbS4u2proxy, type S4u2ProxyFacts } from '../../../../app/checks/krb/s4u2proxy';
import { recordedFacts } from '../../../support/facts';
import { recordedOutcome } from '../recorded-outcome';

const facts = (scenario: string) => recordedFacts<S4u2ProxyFacts>(scenario, 'krb.s4u2proxy');
const refused = (scenario: string) => recordedOutcome<S4u2ProxyFacts, 'refused'>(scenario, 'krb.s4u2proxy', 'refused');

describe('krb.s4u2proxy judge, from facts recorded in the lab', () => {
  it("passes with the user's ticket to the target SPN", () => {
    const outcome = krbS4u2proxy.judge(facts('healthy'));
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence?.slice(0, 4)).toEqual([
      'target SPN: HTTP/semail01',
      'evidence ticket: alice@SE.AIRWLAB.COM to aw_KCDsvc@SE.AIRWLAB.COM',
      'client: alice@SE.AIRWLAB.COM',
      'service: HTTP/semail01@SE.AIRWLAB.COM',
    ]);
  });

  it('fails on KDC_ERR_BADOPTION with the directory diagnosis: the target is not in msDS-AllowedToDelegateTo', () => {
    const outcome = krbS4u2proxy.judge(facts('delegationTargetMissing'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    const text = outcome.evidence.join('\n');
    expect(text).toContain('error: KRB_KDC_ERR_BADOPTION');
    expect(text).toContain('S4U2Self ticket for alice@se.airwlab.com: FORWARDABLE (as issued by the KDC)');
    expect(text).toContain('target SPN HTTP/semail01 is NOT in msDS-AllowedToDelegateTo');
    expect(outcome.remedy).toBe('Add HTTP/semail01 to the services aw_KCDsvc may delegate to.');
    expect(outcome.command).toBe("Set-ADUser -Identity 'aw_KCDsvc' -Add @{'msDS-AllowedToDelegateTo'='HTTP/semail01'}");
  });

  it('fails with setspn -Q when no single account holds the target SPN', () => {
    const outcome = krbS4u2proxy.judge(facts('targetSpnDuplicated'));
    expect(outcome).toMatchObject({
      status: 'fail',
      remedy: "No single account holds HTTP/semail01: register it on the Exchange server's computer account (or the ASA), and remove any duplicate.",
      command: 'setspn -Q HTTP/semail01',
    });
  });

  it("falls back to the KDC's remedy and the command for its code", () => {
    const f = refused('targetSpnDuplicated');
    const outcome = krbS4u2proxy.judge({ ...f, failure: { code: 'KRB_KDC_UNREACHABLE', message: 'No route to the KDC.', remedy: 'Check the network.' } });
    expect(outcome).toMatchObject({ status: 'fail', remedy: 'Check the network.', command: 'Test-NetConnection sedc01.se.airwlab.com -Port 88' });
    const bare = krbS4u2proxy.judge({ ...f, failure: { code: 'KRB_KDC_ERR_POLICY', message: 'policy' } });
    expect(bare).toEqual({
      status: 'fail',
      evidence: ['target SPN: HTTP/semail01', 'evidence ticket: alice@SE.AIRWLAB.COM to aw_KCDsvc@SE.AIRWLAB.COM', 'error: KRB_KDC_ERR_POLICY', 'policy'],
      remedy: 'See the error above.',
    });
  });

  it('skips without an S4U2Self ticket', () => {
    expect(krbS4u2proxy.judge({ outcome: 'no-evidence-ticket' })).toEqual({ status: 'skip', reason: 'no S4U2Self ticket to use as evidence' });
  });
});
