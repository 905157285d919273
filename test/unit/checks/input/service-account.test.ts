import { describe, expect, it } from 'vitest';
import { serviceAccount, type ServiceAccountFacts } from '../../../../app/checks/input/service-account';
import { recordedFacts } from '../../../support/facts';

const healthy = recordedFacts<ServiceAccountFacts>('healthy', 'input.service-account');

describe('input.service-account', () => {
  it('passes on the service account of the lab', () => {
    expect(serviceAccount.judge(healthy)).toEqual({ status: 'pass', evidence: ['kcd.serviceAccount: valid'] });
  });

  it('fails on a UPN, asking for the sAMAccountName', () => {
    const outcome = serviceAccount.judge({ serviceAccount: `${healthy.serviceAccount}@se.airwlab.com` });
    expect(outcome.status === 'fail' && outcome.remedy).toBe(
      `In the KCD step: Enter the pre-Windows 2000 user name (sAMAccountName) such as "${healthy.serviceAccount}", not the UPN "${healthy.serviceAccount}@se.airwlab.com".`,
    );
  });
});
