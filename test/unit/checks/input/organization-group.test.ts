import { describe, expect, it } from 'vitest';
import { organizationGroup, type OrganizationGroupFacts } from '../../../../app/checks/input/organization-group';
import { recordedFacts } from '../../../support/facts';

const healthy = recordedFacts<OrganizationGroupFacts>('healthy', 'input.organization-group');

describe('input.organization-group', () => {
  it('passes on the group of the lab', () => {
    expect(organizationGroup.judge(healthy)).toEqual({ status: 'pass', evidence: ['organizationGroup.name: valid', 'organizationGroup.id: valid'] });
  });

  it('passes with a name alone (offline) or an id alone', () => {
    expect(organizationGroup.judge({ name: 'SE Lab', id: '' }).status).toBe('pass');
    expect(organizationGroup.judge({ name: '', id: '570' }).status).toBe('pass');
  });

  it('fails with neither a name nor an id', () => {
    const outcome = organizationGroup.judge({ name: ' ', id: '' });
    expect(outcome.status === 'fail' && outcome.remedy).toBe(
      'In the Organization group step: Pick the organization group, or type its name when working offline.',
    );
  });

  it('fails on an id that is not a number', () => {
    const outcome = organizationGroup.judge({ ...healthy, id: 'SE Lab' });
    expect(outcome.evidence).toEqual(['organizationGroup.id: The organization group id is a number, not "SE Lab"']);
  });
});
