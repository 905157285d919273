import { describe, expect, it } from 'vitest';
import { notApplicableReason } from '../../../../app/checks/not-applicable';
import { casArray } from '../../../../app/checks/input/cas-array';
import { guideSettings } from '../../../support/settings';

// The lab uses no CAS array, where this check does not apply: its facts are made here.
describe('input.cas-array', () => {
  it('passes on a fully qualified CAS array name', () => {
    expect(casArray.judge({ fqdn: 'mail.se.airwlab.com' })).toEqual({ status: 'pass', evidence: ['email.casArray.fqdn: valid'] });
  });

  it('fails on a short name, asking for the FQDN', () => {
    const outcome = casArray.judge({ fqdn: 'mail' });
    expect(outcome.status === 'fail' && outcome.remedy).toBe(
      'In the Email server step: The CAS array name must be a fully qualified name such as mail.se.airwlab.com.',
    );
  });

  it('fails on a missing name through the host-name rule', () => {
    expect(casArray.judge({ fqdn: '' }).evidence).toEqual(['email.casArray.fqdn: The CAS array FQDN is required']);
  });

  it('applies only when a CAS array is used', () => {
    const s = guideSettings();
    expect(notApplicableReason(casArray, s)).toBe('No CAS array is used');
    expect(notApplicableReason(casArray, { ...s, email: { ...s.email, casArray: { enabled: true, fqdn: '' } } })).toBeNull();
  });
});
