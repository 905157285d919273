import { describe, expect, it } from 'vitest';
import { targetSpn, type TargetSpnFacts } from '../../../../app/checks/ad/target-spn';
import { recordedFacts } from '../../../support/facts';
import { okFacts } from './ok-facts';

const facts = (scenario: string) => recordedFacts<TargetSpnFacts>(scenario, 'ad.target-spn');

describe('ad.target-spn judge, from facts recorded in the lab', () => {
  it('passes on the healthy lab: both forms on the Exchange computer account', () => {
    expect(targetSpn.judge(facts('healthy'))).toEqual({
      status: 'pass',
      evidence: [
        'HTTP/semail01: SEMAIL01$ (CN=SEMAIL01,CN=Computers,DC=se,DC=airwlab,DC=com)',
        'HTTP/semail01.se.airwlab.com: SEMAIL01$ (CN=SEMAIL01,CN=Computers,DC=se,DC=airwlab,DC=com)',
      ],
    });
  });

  it('fails when no account holds the target, registering both forms on the computer named in it', () => {
    const outcome = targetSpn.judge(facts('targetSpnMissing'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toEqual(['HTTP/semail01: no account', 'HTTP/semail01.se.airwlab.com: no account']);
    expect(outcome.remedy).toMatch(/^No account in the forest has HTTP\/semail01, so the KDC answers KDC_ERR_S_PRINCIPAL_UNKNOWN\./);
    expect(outcome.command).toBe('setspn -S HTTP/semail01 SEMAIL01\nsetspn -S HTTP/semail01.se.airwlab.com SEMAIL01');
  });

  it('lists the SPNs naming the host that do not match, when the search found some', () => {
    const missing = okFacts(facts('targetSpnMissing'));
    const outcome = targetSpn.judge({
      ...missing,
      similar: [
        { spn: 'HOST/semail01', account: 'SEMAIL01$' },
        { spn: 'HTTP/semail01.corp.local', account: 'OLD$' },
      ],
    });
    expect(outcome.evidence).toContain('SPNs naming semail01 that do not match: HOST/semail01 on SEMAIL01$; HTTP/semail01.corp.local on OLD$');
  });

  it('fails on a duplicate, removing it from the account that is not the Exchange computer', () => {
    const outcome = targetSpn.judge(facts('targetSpnDuplicated'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    // In the order the global catalogue answered, which Samba does not fix.
    expect(outcome.remedy).toMatch(
      /^HTTP\/semail01 is registered on 2 accounts \((SEMAIL01\$, EXCHASA\$|EXCHASA\$, SEMAIL01\$)\): the KDC cannot tell which key to use/,
    );
    expect(outcome.command).toBe('setspn -D HTTP/semail01 EXCHASA$');
  });

  it('on a duplicate between accounts that are none of them the computer named in the SPN, keeps the first', () => {
    const duplicated = okFacts(facts('targetSpnDuplicated'));
    const renamed = duplicated.owners.map((a, i) => ({ ...a, samAccountName: `OTHER${i}$` }));
    const outcome = targetSpn.judge({ ...duplicated, owners: renamed });
    expect(outcome).toMatchObject({ status: 'fail', command: 'setspn -D HTTP/semail01 OTHER1$' });
  });

  it('fails when the target sits on the KCD service account itself, moving both forms', () => {
    const outcome = targetSpn.judge(facts('targetSpnOnWrongAccount'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.remedy).toMatch(/^HTTP\/semail01 is registered on the KCD service account aw_KCDsvc itself/);
    expect(outcome.command).toBe(
      'setspn -D HTTP/semail01 aw_KCDsvc\nsetspn -D HTTP/semail01.se.airwlab.com aw_KCDsvc\nsetspn -S HTTP/semail01 SEMAIL01\nsetspn -S HTTP/semail01.se.airwlab.com SEMAIL01',
    );
  });

  it('warns when the other form sits on another account', () => {
    const healthy = okFacts(facts('healthy'));
    const [exchange] = healthy.owners;
    if (exchange === undefined) throw new Error('the healthy lab records the Exchange computer');
    const other = { ...exchange, dn: 'CN=EXCHASA,CN=Computers,DC=se,DC=airwlab,DC=com', samAccountName: 'EXCHASA$', spns: ['HTTP/semail01.se.airwlab.com'] };
    const outcome = targetSpn.judge({ ...healthy, owners: [{ ...exchange, spns: ['HTTP/semail01'] }, other] });
    expect(outcome.status).toBe('warn');
    if (outcome.status !== 'warn') return;
    expect(outcome.remedy).toBe(
      'The other form of the SPN is on another account (HTTP/semail01.se.airwlab.com on EXCHASA$): both forms should name the same service account key.',
    );
    expect(outcome.command).toBe('setspn -D HTTP/semail01.se.airwlab.com EXCHASA$');
  });

  it('fails with the reason when the global catalogue could not be read', () => {
    expect(targetSpn.judge({ read: 'failed', message: 'The global catalogue cannot be reached', remedy: 'Open 3269.' })).toEqual({
      status: 'fail',
      evidence: ['The global catalogue cannot be reached'],
      remedy: 'Open 3269.',
    });
  });
});
