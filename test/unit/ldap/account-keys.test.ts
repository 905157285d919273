import { describe, expect, it } from 'vitest';
import { NoSuchObjectError, UnknownStatusCodeError, type Client } from 'ldapts';
import { readAccountKeys, ticketEtypesOf } from '../../../app/ldap/account-keys';
import type { LdapConnection } from '../../../app/ldap/connect';

const endpoint = { host: 'sedc01.se.airwlab.com', address: '127.0.0.11', tlsPort: 636, plainPort: 389 };
const DN = 'CN=SEMAIL01,CN=Computers,DC=se,DC=airwlab,DC=com';

/** A connection whose base search answers with `entries` or throws `error`, recording what was asked. */
function connection(answer: { entries: Record<string, unknown>[] } | { error: Error }, asked: unknown[] = []): LdapConnection {
  const client = {
    search: async (base: string, options: unknown) => {
      asked.push({ base, options });
      if ('error' in answer) throw answer.error;
      return { searchEntries: answer.entries, searchReferences: [] };
    },
  } as unknown as Client;
  return { client, transport: 'ldaps', endpoint, describe: 'ldaps://sedc01.se.airwlab.com:636 (127.0.0.11)' };
}

describe('readAccountKeys', () => {
  it('reads msDS-KeyVersionNumber and msDS-SupportedEncryptionTypes at the DN (base scope)', async () => {
    const asked: unknown[] = [];
    const r = await readAccountKeys(connection({ entries: [{ dn: DN, 'msDS-KeyVersionNumber': '3', 'msDS-SupportedEncryptionTypes': '24' }] }, asked), DN);
    expect(r).toEqual({ ok: true, value: { kvno: 3, supportedEnctypes: 24 } });
    expect(asked).toEqual([
      { base: DN, options: expect.objectContaining({ scope: 'base', attributes: ['msDS-KeyVersionNumber', 'msDS-SupportedEncryptionTypes'] }) },
    ]);
  });

  it('leaves out what the DC did not return', async () => {
    expect(await readAccountKeys(connection({ entries: [{ dn: DN }] }), DN)).toEqual({ ok: true, value: {} });
  });

  it.each([
    ['no entry', connection({ entries: [] })],
    ['noSuchObject', connection({ error: new NoSuchObjectError('no such object') })],
    ['a referral (result 10): the entry is in another domain', connection({ error: new UnknownStatusCodeError(10, 'Referral') })],
  ])('null for %s', async (_name, conn) => {
    expect(await readAccountKeys(conn, DN)).toEqual({ ok: true, value: null });
  });

  it('another failure is an error value naming the DC and the DN', async () => {
    const r = await readAccountKeys(connection({ error: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }), DN);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('ldap.refused');
    expect(r.error.message).toContain(DN);
  });
});

describe('ticketEtypesOf', () => {
  it.each([
    [24, [18, 17]],
    [28, [18, 17, 23]],
    [4, [23]],
    [0x27, [23, 3, 1]],
    [0, []],
    [0x10000, []],
  ])('%i lists the ticket etypes %j', (value, etypes) => {
    expect(ticketEtypesOf(value)).toEqual(etypes);
  });
});
