import { inputCheck } from './input-rule';

export interface OrganizationGroupFacts {
  readonly name: string;
  readonly id: string;
}

export const organizationGroup = inputCheck<OrganizationGroupFacts>({
  id: 'input.organization-group',
  title: 'Organization group',
  where: 'Organization group step',
  read: (s) => ({ name: s.organizationGroup.name, id: s.organizationGroup.id }),
  findings: (f) => [
    {
      field: 'organizationGroup.name',
      problem: f.name.trim() === '' && f.id.trim() === '' ? 'Pick the organization group, or type its name when working offline' : null,
    },
    {
      field: 'organizationGroup.id',
      problem: /^\d*$/.test(f.id.trim()) ? null : `The organization group id is a number, not "${f.id}"`,
    },
  ],
});
