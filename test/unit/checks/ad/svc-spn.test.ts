import { describe, expect, it } from 'vitest';
import { svcSpn, type SvcSpnFacts } from '../../../../app/checks/ad/svc-spn';
import { recordedFacts } from '../../../support/facts';

const facts = (scenario: string) => recordedFacts<SvcSpnFacts>(scenario, 'ad.svc-spn');

describe('ad.svc-spn judge, from facts recorded in the lab', () => {
  it('passes on the healthy lab, listing the SPNs', () => {
    expect(svcSpn.judge(facts('healthy'))).toEqual({
      status: 'pass',
      evidence: ['CN=aw_KCDsvc,CN=Users,DC=se,DC=airwlab,DC=com', 'servicePrincipalName: HTTP/aw_KCDsvc'],
    });
  });

  it('fails when the service account has no SPN, with the setspn line the guide uses', () => {
    const outcome = svcSpn.judge(facts('serviceSpnMissing'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toContain('servicePrincipalName: (none)');
    expect(outcome.remedy).toMatch(/^Give aw_KCDsvc an SPN \(the guide uses HTTP\/aw_KCDsvc\)\. AD shows the Delegation tab/);
    expect(outcome.command).toBe('setspn -S HTTP/aw_KCDsvc aw_KCDsvc');
  });

  it('fails with the reason when the directory could not be read', () => {
    expect(svcSpn.judge({ read: 'no-bind', message: 'refused' })).toMatchObject({ status: 'fail', remedy: 'Fix ad.bind first.' });
  });
});
