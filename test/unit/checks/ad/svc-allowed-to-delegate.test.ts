import { describe, expect, it } from 'vitest';
import { svcAllowedToDelegate, type SvcAllowedToDelegateFacts } from '../../../../app/checks/ad/svc-allowed-to-delegate';
import { recordedFacts } from '../../../support/facts';
import { okFacts } from './ok-facts';

const facts = (scenario: string) => recordedFacts<SvcAllowedToDelegateFacts>(scenario, 'ad.svc-allowed-to-delegate');

/** The healthy facts with msDS-AllowedToDelegateTo replaced. */
function delegatingTo(values: readonly string[]): SvcAllowedToDelegateFacts {
  const healthy = okFacts(facts('healthy'));
  return { ...healthy, account: { ...healthy.account, allowedToDelegateTo: values } };
}

describe('ad.svc-allowed-to-delegate judge, from facts recorded in the lab', () => {
  it('passes on the healthy lab, with both forms of the target delegated', () => {
    const outcome = svcAllowedToDelegate.judge(facts('healthy'));
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence).toContain('target SPN: HTTP/semail01 (forms: HTTP/semail01, HTTP/semail01.se.airwlab.com)');
  });

  it('fails when neither form is delegated, adding both', () => {
    const outcome = svcAllowedToDelegate.judge(facts('delegationTargetMissing'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.remedy).toBe(
      'Add HTTP/semail01 and HTTP/semail01.se.airwlab.com to the services aw_KCDsvc may delegate to (Delegation tab, or the command). The KDC compares the exact SPN the SEG asks for.',
    );
    expect(outcome.command).toBe("Set-ADUser -Identity 'aw_KCDsvc' -Add @{'msDS-AllowedToDelegateTo'=@('HTTP/semail01','HTTP/semail01.se.airwlab.com')}");
  });

  it('warns when only the form the SEG asks for is there (the lab delegates the short name only)', () => {
    const outcome = svcAllowedToDelegate.judge(facts('delegationOnlyShortSpn'));
    expect(outcome.status).toBe('warn');
    if (outcome.status !== 'warn') return;
    expect(outcome.remedy).toMatch(/^The target SPN is there, but not HTTP\/semail01\.se\.airwlab\.com: add it too/);
    expect(outcome.command).toBe("Set-ADUser -Identity 'aw_KCDsvc' -Add @{'msDS-AllowedToDelegateTo'=@('HTTP/semail01.se.airwlab.com')}");
  });

  it('fails when the target form is missing although the other is there', () => {
    const outcome = svcAllowedToDelegate.judge(delegatingTo(['HTTP/semail01.se.airwlab.com']));
    expect(outcome).toMatchObject({ status: 'fail', remedy: expect.stringMatching(/^Add HTTP\/semail01 to the services/) as unknown });
  });

  it('names near misses, which do not count, in the evidence and the remedy', () => {
    const one = svcAllowedToDelegate.judge(delegatingTo(['HOST/semail01']));
    expect(one.evidence).toContain('near misses (do not count): HOST/semail01');
    expect(one).toMatchObject({ status: 'fail', remedy: expect.stringMatching(/; HOST\/semail01 is not the same SPN\.$/) as unknown });
    const two = svcAllowedToDelegate.judge(delegatingTo(['HOST/semail01', 'HTTP/semail01.corp.local']));
    expect(two).toMatchObject({
      status: 'fail',
      remedy: expect.stringMatching(/; HOST\/semail01, HTTP\/semail01\.corp\.local are not the same SPN\.$/) as unknown,
    });
  });

  it('shows an empty attribute as (none)', () => {
    expect(svcAllowedToDelegate.judge(delegatingTo([])).evidence).toContain('msDS-AllowedToDelegateTo: (none)');
  });

  it('fails with the reason when the directory could not be read', () => {
    expect(svcAllowedToDelegate.judge({ read: 'no-bind', message: 'refused' })).toMatchObject({
      status: 'fail',
      evidence: ['ad.bind did not succeed: refused'],
    });
  });
});
