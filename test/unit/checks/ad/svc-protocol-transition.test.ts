import { describe, expect, it } from 'vitest';
import { svcProtocolTransition, type SvcProtocolTransitionFacts } from '../../../../app/checks/ad/svc-protocol-transition';
import { recordedFacts } from '../../../support/facts';
import { okFacts } from './ok-facts';

const facts = (scenario: string) => recordedFacts<SvcProtocolTransitionFacts>(scenario, 'ad.svc-protocol-transition');
const TRUSTED_FOR_DELEGATION = 0x80000;

describe('ad.svc-protocol-transition judge, from facts recorded in the lab', () => {
  it('passes on the healthy lab, showing TRUSTED_TO_AUTH_FOR_DELEGATION', () => {
    const outcome = svcProtocolTransition.judge(facts('healthy'));
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence?.[1]).toMatch(/^userAccountControl: \d+ = 0x[0-9a-f]+ \(.*TRUSTED_TO_AUTH_FOR_DELEGATION.*\)$/);
  });

  it('fails when protocol transition is off, with the cmdlet that turns it on', () => {
    const outcome = svcProtocolTransition.judge(facts('protocolTransitionOff'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence[1]).not.toContain('TRUSTED_TO_AUTH_FOR_DELEGATION');
    expect(outcome.remedy).toMatch(/^aw_KCDsvc lacks TRUSTED_TO_AUTH_FOR_DELEGATION \(0x1000000\).*KDC_ERR_BADOPTION/);
    expect(outcome.command).toBe("Set-ADAccountControl -Identity 'aw_KCDsvc' -TrustedToAuthForDelegation $true");
  });

  it('warns when the account is also trusted for unconstrained delegation', () => {
    const healthy = okFacts(facts('healthy'));
    const uac = (healthy.account.userAccountControl ?? 0) | TRUSTED_FOR_DELEGATION;
    const outcome = svcProtocolTransition.judge({ ...healthy, account: { ...healthy.account, userAccountControl: uac } });
    expect(outcome.status).toBe('warn');
    if (outcome.status !== 'warn') return;
    expect(outcome.remedy).toMatch(/unconstrained delegation \(TRUSTED_FOR_DELEGATION\)/);
    expect(outcome.command).toBe("Set-ADAccountControl -Identity 'aw_KCDsvc' -TrustedForDelegation $false");
  });

  it('reads a missing userAccountControl as no flags', () => {
    const healthy = okFacts(facts('healthy'));
    const { userAccountControl: _uac, ...account } = healthy.account;
    const outcome = svcProtocolTransition.judge({ ...healthy, account });
    expect(outcome).toMatchObject({ status: 'fail', evidence: [account.dn, 'userAccountControl: 0 = 0x0 (no flags)'] });
  });

  it('fails with the reason when the directory could not be read', () => {
    expect(svcProtocolTransition.judge({ read: 'failed', message: 'timed out' })).toMatchObject({ status: 'fail', evidence: ['timed out'] });
  });
});
