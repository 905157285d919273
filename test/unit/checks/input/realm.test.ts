import { describe, expect, it } from 'vitest';
import { realm, type RealmFacts } from '../../../../app/checks/input/realm';
import { recordedFacts } from '../../../support/facts';

const healthy = recordedFacts<RealmFacts>('healthy', 'input.realm');

describe('input.realm', () => {
  it('passes on the realm of the lab', () => {
    expect(realm.judge(healthy)).toEqual({ status: 'pass', evidence: ['kcd.domains.0.realm: valid'] });
  });

  it('fails on a realm in lower case, naming the field, with the KCD step in the remedy', () => {
    const outcome = realm.judge({ realms: ['se.airwlab.com', 'OTHER.TEST'] });
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toEqual([
      'kcd.domains.0.realm: The realm must be in upper case: "SE.AIRWLAB.COM". Kerberos realms are case-sensitive and AD realms are the DNS domain in capitals',
    ]);
    expect(outcome.remedy).toMatch(/^In the KCD step: The realm must be in upper case/);
  });

  it('flags a realm listed twice, at its second place', () => {
    const outcome = realm.judge({ realms: [...healthy.realms, ...healthy.realms] });
    expect(outcome.evidence).toEqual(['kcd.domains.1.realm: The domain SE.AIRWLAB.COM is listed twice']);
  });
});
