import { describe, expect, it } from 'vitest';
import { parseGroupPage } from '../../../app/uem/organization-groups';

const query = { page: 1, pageSize: 2 };

describe('parseGroupPage', () => {
  it('reads the version 2 shape (OrganizationGroups, plain Id, TotalResults) as recorded from a live tenant', () => {
    const body = {
      OrganizationGroups: [
        { Id: 1112, Uuid: '71b1202a-0000-4000-8000-000000000001', Name: 'M104252336', GroupId: 'M1044590', LocationGroupType: 'Customer', Users: '2' },
      ],
      AdditionalInfo: { Links: [{ Rel: 'self', Href: 'http://as1985.awmdm.com/API/system/groups/search?page=0&pagesize=500' }] },
      TotalResults: 1,
    };
    expect(parseGroupPage(body, query)).toEqual({
      groups: [{ id: '1112', name: 'M104252336', groupId: 'M1044590', uuid: '71b1202a-0000-4000-8000-000000000001', type: 'Customer' }],
      page: 1,
      pageSize: 2,
      total: 1,
      shape: 2,
    });
  });

  it('reads the version 1 shape (LocationGroups, Id.Value, Page/PageSize/Total), ids given as numbers or digit strings', () => {
    const body = {
      LocationGroups: [
        { Id: { Value: 573 }, Name: 'Global', GroupId: 'global', ParentLocationGroup: { Id: { Value: 7 } } },
        { Id: { Value: '9007199254740993' }, Name: 'Big', GroupId: null },
      ],
      Page: 0,
      PageSize: 500,
      Total: 2,
    };
    const page = parseGroupPage(body, query);
    expect(page?.shape).toBe(1);
    expect(page?.page).toBe(0);
    expect(page?.pageSize).toBe(500);
    expect(page?.groups.map((g) => [g.id, g.groupId])).toEqual([
      ['573', 'global'],
      ['9007199254740993', null],
    ]);
  });

  it('reads an empty answer (204 No Content) as no groups', () => {
    expect(parseGroupPage(undefined, query)).toMatchObject({ groups: [], total: 0 });
  });

  it.each([
    ['no array', { TotalResults: 3 }],
    ['a group without a name', { OrganizationGroups: [{ Id: 1 }], TotalResults: 1 }],
    ['a negative total', { OrganizationGroups: [], TotalResults: -1 }],
    ['a fractional id', { OrganizationGroups: [{ Id: 1.5, Name: 'x' }], TotalResults: 1 }],
    ['an id that is not a number', { LocationGroups: [{ Id: { Value: '12; DROP' }, Name: 'x' }], Total: 1 }],
    ['an oversized name', { OrganizationGroups: [{ Id: 1, Name: 'x'.repeat(5000) }], TotalResults: 1 }],
    ['an array instead of an object', [{ Id: 1, Name: 'x' }]],
    ['a string', 'OrganizationGroups'],
    ['null', null],
  ])('refuses %s', (_what, body) => {
    expect(parseGroupPage(body, query)).toBeNull();
  });

  it('never throws on random JSON values', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const value = (depth: number): unknown => {
      const r = rand();
      if (depth > 4 || r < 0.2) return [null, true, -1, 1.5, 'x', '', 1e308][Math.floor(rand() * 7)];
      if (r < 0.5) return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
      const keys = ['OrganizationGroups', 'LocationGroups', 'Id', 'Value', 'Name', 'TotalResults', 'Total', '__proto__', 'constructor'];
      return Object.fromEntries(Array.from({ length: Math.floor(rand() * 5) }, () => [keys[Math.floor(rand() * keys.length)] as string, value(depth + 1)]));
    };
    for (let i = 0; i < 2000; i++) expect(() => parseGroupPage(value(0), query)).not.toThrow();
    expect(({} as Record<string, unknown>).Name).toBeUndefined();
  });
});
