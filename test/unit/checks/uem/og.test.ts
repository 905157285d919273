import { describe, expect, it } from 'vitest';
import { ogCheck, type OgFacts } from '../../../../app/checks/uem/og';
import { recordedFacts } from '../../../support/facts';

const check = ogCheck({});
type Found = Extract<OgFacts, { answered: true }>;
const healthy = (): Found => {
  const f = recordedFacts<OgFacts>('healthy', 'uem.og');
  if (!f.answered) throw new Error('the healthy lab recorded no group search');
  return f;
};
const twin = (id: string) => ({ id, name: 'SE Lab', groupId: `twin${id}`, uuid: null, type: null });

describe('uem.og judge, from facts recorded in the lab', () => {
  it('passes against the healthy lab, naming the group with its ids', () => {
    const outcome = check.judge(healthy());
    expect(outcome).toEqual({
      status: 'pass',
      evidence: [
        'GET /api/system/groups/search name=SE Lab: 1 of 1 group(s) read, version 2 shape (OrganizationGroups)',
        'organization group: SE Lab (id 570, Group ID selab, type Customer, uuid 00000000-0000-4000-8000-000000000570)',
      ],
    });
  });

  it('warns when several groups have the name and no id tells them apart', () => {
    const outcome = check.judge({ ...healthy(), wantedId: '', matches: [twin('571'), twin('572')], searched: 2, total: 2 });
    expect(outcome.status).toBe('warn');
    expect(outcome.evidence).toContain('several groups are named "SE Lab": SE Lab (id 572, Group ID twin572)');
  });

  it('skips when the group is not among the groups read before the page limit', () => {
    const outcome = check.judge({ ...healthy(), matches: [], filtered: false, searched: 1000, total: 1500, shape: 1 });
    expect(outcome).toEqual({
      status: 'skip',
      reason: 'the group "SE Lab" with id 570 is not among the first 1000 of 1500 groups; the rest were not read',
      evidence: ['GET /api/system/groups/search: 1000 of 1500 group(s) read, version 1 shape (LocationGroups)'],
    });
  });

  it('fails when the name exists with another id, giving that id', () => {
    const outcome = check.judge({ ...healthy(), wantedId: '999' });
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toContain('no organization group "SE Lab" with id 999 exists');
    expect(outcome.remedy).toBe('Use the id of the group named "SE Lab" (570), or pick it again in the wizard.');
  });

  it('fails when no group has the id, asking to pick one', () => {
    const outcome = check.judge({ ...healthy(), wantedName: '', wantedId: '999', matches: [], filtered: false });
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toContain('no organization group with id 999 exists');
    expect(outcome.remedy).toMatch(/^Pick the organization group where the SEG's MEM configuration is made/);
  });

  it('fails with the API error when the search could not be made', () => {
    const outcome = check.judge({
      answered: false,
      error: { code: 'uem.timeout', message: 'The UEM API did not answer within 3000 ms', evidence: [], remedy: 'Check net.paths.' },
    });
    expect(outcome).toEqual({ status: 'fail', evidence: ['The UEM API did not answer within 3000 ms'], remedy: 'Check net.paths.' });
  });
});
