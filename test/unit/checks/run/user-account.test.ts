import { beforeEach, describe, expect, it, vi } from 'vitest';
import { secretsFromRecord } from '../../../../app/config/secrets';
import type { CheckContext } from '../../../../app/checks/types';
import { adSession, sessionForDn } from '../../../../app/checks/run/ad-session';
import { userLookup, type UserLookup } from '../../../../app/checks/run/user-account';
import type { KcdDomain } from '../../../../app/contract/settings';
import { guideSettings, NOWHERE } from '../../../support/settings';
import { FakeLdapNetwork, type FakeEntry } from './fake-ldap';

// The directory is the fake's; the certificates are the device's UPN and a CA, nothing on disk.
const state = vi.hoisted(() => ({ network: null as FakeLdapNetwork | null, upn: '' }));
vi.mock('../../../../app/ldap/connect', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../../app/ldap/connect')>()),
  openLdap: (endpoint: import('../../../../app/ldap/connect').LdapEndpoint) => Promise.resolve(state.network?.open(endpoint)),
}));
vi.mock('../../../../app/checks/run/pki-inputs', () => ({
  pkiInputs: () =>
    Promise.resolve({
      roots: [{ summary: { pem: '-----BEGIN CERTIFICATE-----' } }],
      intermediates: [],
      device: { summary: { san: { upn: [state.upn], email: [] }, subject: 'CN=device', serialNumber: '01' } },
      problems: [],
    }),
}));

const BIND_NAME = 'aw_KCDsvc@SE.AIRWLAB.COM';
const dcParts = (domain: string): string =>
  domain
    .split('.')
    .map((p) => `DC=${p}`)
    .join(',');

function user(domain: string, sam: string, upn?: string): FakeEntry {
  return {
    dn: `CN=${sam},CN=Users,${dcParts(domain)}`,
    objectClass: ['top', 'person', 'organizationalPerson', 'user'],
    sAMAccountName: sam,
    userAccountControl: '512',
    ...(upn === undefined ? {} : { userPrincipalName: upn }),
  };
}

/** A forest: its root domain, each domain's accounts, the DC host of each domain, and which binds its DCs take. */
interface Forest {
  readonly root: string;
  readonly domains: Readonly<Record<string, { readonly dc: string; readonly accounts: readonly FakeEntry[] }>>;
  readonly upnSuffixes?: readonly string[];
  /** Bind names its DCs accept: the home forest's service account where a trust passes the bind on. */
  readonly accepts: readonly string[];
  /** Domains whose DC denies reading CN=Partitions. */
  readonly partitionsDenied?: readonly string[];
  /** Domains whose DC denies every search below its naming context. */
  readonly searchDenied?: readonly string[];
  /** Serve the global catalogue on this domain's DC (the home forest's). */
  readonly gcOn?: string;
}

function configNc(f: Forest): string {
  return `CN=Configuration,${dcParts(f.root)}`;
}

function partitions(f: Forest): FakeEntry[] {
  const container = `CN=Partitions,${configNc(f)}`;
  return [
    { dn: container, objectClass: ['top', 'crossRefContainer'], ...(f.upnSuffixes === undefined ? {} : { uPNSuffixes: f.upnSuffixes }) },
    // The configuration's own crossRef has no nETBIOSName: it is no domain.
    { dn: `CN=Enterprise Configuration,${container}`, objectClass: ['top', 'crossRef'], dnsRoot: f.root, nCName: configNc(f) },
    ...Object.keys(f.domains).map((d) => ({
      dn: `CN=${d.split('.')[0]?.toUpperCase() ?? ''},${container}`,
      objectClass: ['top', 'crossRef'],
      dnsRoot: d,
      nCName: dcParts(d),
      nETBIOSName: d.split('.')[0]?.toUpperCase() ?? '',
    })),
  ];
}

function serve(network: FakeLdapNetwork, f: Forest): void {
  const shared = partitions(f);
  const all = Object.values(f.domains).flatMap((d) => d.accounts);
  for (const [domain, { dc, accounts }] of Object.entries(f.domains)) {
    const rootDse = {
      defaultNamingContext: dcParts(domain),
      configurationNamingContext: configNc(f),
      rootDomainNamingContext: dcParts(f.root),
      isGlobalCatalogReady: true,
    };
    const failsBelow = f.searchDenied?.includes(domain) ? dcParts(domain) : f.partitionsDenied?.includes(domain) ? `CN=Partitions,${configNc(f)}` : undefined;
    const server = { rootDse, accepts: f.accepts, ...(failsBelow === undefined ? {} : { failsBelow }) };
    network.serve(`${dc}.${domain}`, 636, { ...server, entries: [...shared, ...accounts] });
    if (f.gcOn === domain) network.serve(`${dc}.${domain}`, 3269, { ...server, entries: [...shared, ...all] });
  }
}

/** The service account's forest: SE.AIRWLAB.COM and its child domain, the GC on sedc01. */
function homeForest(accounts: { se?: FakeEntry[]; child?: FakeEntry[] } = {}, extra: Partial<Forest> = {}): Forest {
  return {
    root: 'se.airwlab.com',
    domains: {
      'se.airwlab.com': { dc: 'sedc01', accounts: accounts.se ?? [] },
      'child.se.airwlab.com': { dc: 'childdc', accounts: accounts.child ?? [] },
    },
    accepts: [BIND_NAME],
    gcOn: 'se.airwlab.com',
    ...extra,
  };
}

/** A trusted forest: BETA.TEST and its child EU.BETA.TEST. */
function betaForest(accounts: { beta?: FakeEntry[]; eu?: FakeEntry[] } = {}, extra: Partial<Forest> = {}): Forest {
  return {
    root: 'beta.test',
    domains: { 'beta.test': { dc: 'betadc', accounts: accounts.beta ?? [] }, 'eu.beta.test': { dc: 'eudc', accounts: accounts.eu ?? [] } },
    accepts: [BIND_NAME],
    ...extra,
  };
}

function oneDomainForest(root: string, dc: string, accounts: FakeEntry[], extra: Partial<Forest> = {}): Forest {
  return { root, domains: { [root]: { dc, accounts } }, accepts: [BIND_NAME], ...extra };
}

const DC_HOSTS: Record<string, string> = { 'se.airwlab.com': 'sedc01', 'child.se.airwlab.com': 'childdc', 'beta.test': 'betadc', 'eu.beta.test': 'eudc' };

function row(realm: string, dcHost = DC_HOSTS[realm.trim().toLowerCase()] ?? `${realm.trim().split('.')[0]?.toLowerCase() ?? ''}dc`): KcdDomain {
  return { realm, dcHost };
}

function context(rows: readonly KcdDomain[]): CheckContext {
  const s = guideSettings();
  const hosts = Object.fromEntries(rows.filter((r) => r.dcHost !== '').map((r) => [`${r.dcHost}.${r.realm.trim().toLowerCase()}`, NOWHERE]));
  const settings = { ...s, kcd: { ...s.kcd, domains: [...rows] }, network: { ...s.network, hosts: { ...s.network.hosts, ...hosts } } };
  const memos = new Map<string, Promise<unknown>>();
  return {
    settings,
    secrets: secretsFromRecord({ kcdPassword: 'not-a-real-password' }),
    baseDir: '/nonexistent',
    signal: new AbortController().signal,
    stepTimeoutMs: 1000,
    artifact: () => undefined,
    provide: () => undefined,
    memo: <T>(key: string, make: () => Promise<T>): Promise<T> => {
      if (!memos.has(key)) memos.set(key, make());
      return memos.get(key) as Promise<T>;
    },
    onFinish: () => undefined,
  };
}

let network: FakeLdapNetwork;

async function lookup(upn: string, rows: readonly KcdDomain[], ...forests: Forest[]): Promise<Extract<UserLookup, { read: 'searched' }>> {
  for (const f of forests) serve(network, f);
  state.upn = upn;
  const result = await userLookup(context(rows));
  if (result.read !== 'searched') throw new Error(`the lookup did not search: ${JSON.stringify(result)}`);
  return result;
}

/** The servers asked for the UPN, in order. */
function userSearches(): string[] {
  return network.log.filter((l) => l.includes('(userPrincipalName=')).map((l) => l.split(' ')[0] ?? '');
}

const opened = (): string[] => network.log.filter((l) => l.endsWith(' open')).map((l) => l.split(' ')[0] ?? '');

beforeEach(() => {
  network = new FakeLdapNetwork();
  state.network = network;
});

describe("the certificate's user, looked up in the directory", () => {
  it('asks the global catalogue first, then the DC of each kcd.domains row outside the forest, in the order of the rows', async () => {
    const l = await lookup(
      'alice@se.airwlab.com',
      [row('SE.AIRWLAB.COM'), row('BETA.TEST'), row('CHILD.SE.AIRWLAB.COM'), row('GAMMA.TEST')],
      homeForest({ se: [user('se.airwlab.com', 'alice', 'alice@se.airwlab.com')] }),
      betaForest(),
      oneDomainForest('gamma.test', 'gammadc', []),
    );
    expect(l.searched).toStrictEqual([
      `global catalogue ldaps://sedc01.se.airwlab.com:3269 (${NOWHERE})`,
      'betadc.beta.test (BETA.TEST)',
      'gammadc.gamma.test (GAMMA.TEST)',
    ]);
    expect(userSearches()).toStrictEqual(['sedc01.se.airwlab.com:3269', 'betadc.beta.test:636', 'gammadc.gamma.test:636']);
    expect(l.unsearched).toStrictEqual([]);
    expect(l.found).toStrictEqual([{ account: expect.objectContaining({ dn: 'CN=alice,CN=Users,DC=se,DC=airwlab,DC=com' }), foundAt: 'global catalogue' }]);
    expect(l.mapping).toMatchObject({ realm: 'SE.AIRWLAB.COM', from: 'account' });
  });

  it("leaves the forest's own domains to the global catalogue: their DCs are never asked", async () => {
    const l = await lookup(
      'carol@child.se.airwlab.com',
      [row('SE.AIRWLAB.COM'), row('child.se.airwlab.com')],
      homeForest({ child: [user('child.se.airwlab.com', 'carol', 'carol@child.se.airwlab.com')] }),
    );
    expect(opened()).not.toContain('childdc.child.se.airwlab.com:636');
    expect(l.searched).toHaveLength(1);
    expect(l.found.map((f) => f.foundAt)).toStrictEqual(['global catalogue']);
    expect(l.mapping).toMatchObject({ realm: 'CHILD.SE.AIRWLAB.COM', from: 'account' });
  });

  it('searches a realm once however its rows spell it, and never the home realm, a blank row or the home DC itself', async () => {
    const l = await lookup(
      'bob@beta.test',
      [row('SE.AIRWLAB.COM'), row(' beta.test '), row('se.airwlab.com'), row('', ''), row('BETA.TEST')],
      homeForest(),
      betaForest({ beta: [user('beta.test', 'bob', 'bob@beta.test')] }),
    );
    expect(l.searched).toStrictEqual([`global catalogue ldaps://sedc01.se.airwlab.com:3269 (${NOWHERE})`, 'betadc.beta.test (BETA.TEST)']);
    expect(opened().filter((o) => o === 'betadc.beta.test:636')).toHaveLength(1);
    expect(userSearches()).not.toContain('sedc01.se.airwlab.com:636');
    expect(l.unsearched).toStrictEqual([]);
  });

  it("finds a user of a trusted forest at that forest's DC, and adds that forest's partitions once for the realm mapping", async () => {
    const l = await lookup(
      'bob@beta-mail.example',
      [row('SE.AIRWLAB.COM'), row('BETA.TEST'), row('EU.BETA.TEST')],
      homeForest(),
      betaForest({ eu: [user('eu.beta.test', 'bob', 'bob@beta-mail.example')] }, { upnSuffixes: ['beta-mail.example'] }),
    );
    // A trusted forest's GC is not used: each of its domains with a row is searched at its own DC.
    expect(l.searched.slice(1)).toStrictEqual(['betadc.beta.test (BETA.TEST)', 'eudc.eu.beta.test (EU.BETA.TEST)']);
    expect(l.found).toStrictEqual([{ account: expect.objectContaining({ dn: 'CN=bob,CN=Users,DC=eu,DC=beta,DC=test' }), foundAt: 'eudc.eu.beta.test' }]);
    expect(l.forests.map((f) => f.dn)).toStrictEqual([
      'CN=Partitions,CN=Configuration,DC=se,DC=airwlab,DC=com',
      'CN=Partitions,CN=Configuration,DC=beta,DC=test',
    ]);
    expect(l.forests[1]?.upnSuffixes).toStrictEqual(['beta-mail.example']);
    expect(l.mapping).toMatchObject({ realm: 'EU.BETA.TEST', from: 'account', listed: { as: 'upn-suffixes' } });
  });

  it('takes the implicit UPN (sAMAccountName@domain) at a trusted DC when no account carries the UPN', async () => {
    const l = await lookup('bob@beta.test', [row('SE.AIRWLAB.COM'), row('BETA.TEST')], homeForest(), betaForest({ beta: [user('beta.test', 'bob')] }));
    expect(l.found.map((f) => [f.account.dn, f.foundAt])).toStrictEqual([['CN=bob,CN=Users,DC=beta,DC=test', 'betadc.beta.test']]);
  });

  it("takes the implicit form only from the UPN's own domain: a namesake in another domain of the forest is not the user", async () => {
    const l = await lookup(
      'dave@se.airwlab.com',
      [row('SE.AIRWLAB.COM')],
      homeForest({ se: [user('se.airwlab.com', 'dave')], child: [user('child.se.airwlab.com', 'dave')] }),
    );
    expect(l.found.map((f) => f.account.dn)).toStrictEqual(['CN=dave,CN=Users,DC=se,DC=airwlab,DC=com']);
  });

  it('lists an account found by the global catalogue and again at a DC once, as found by the global catalogue', async () => {
    // CN=Partitions of the home forest cannot be read, so nothing says CHILD is in the forest: its row is searched at its DC too.
    const l = await lookup(
      'carol@child.se.airwlab.com',
      [row('SE.AIRWLAB.COM'), row('CHILD.SE.AIRWLAB.COM')],
      homeForest({ child: [user('child.se.airwlab.com', 'carol', 'carol@child.se.airwlab.com')] }, { partitionsDenied: ['se.airwlab.com'] }),
    );
    expect(l.searched.slice(1)).toStrictEqual(['childdc.child.se.airwlab.com (CHILD.SE.AIRWLAB.COM)']);
    expect(l.found).toStrictEqual([
      { account: expect.objectContaining({ dn: 'CN=carol,CN=Users,DC=child,DC=se,DC=airwlab,DC=com' }), foundAt: 'global catalogue' },
    ]);
    expect(l.mapping).toMatchObject({ realm: 'CHILD.SE.AIRWLAB.COM', from: 'account' });
  });

  it('keeps accounts of different domains answering to the same UPN: the mapping then rests on no account', async () => {
    const l = await lookup(
      'bob@beta.test',
      [row('SE.AIRWLAB.COM'), row('BETA.TEST')],
      homeForest({ se: [user('se.airwlab.com', 'bob2', 'bob@beta.test')] }),
      betaForest({ beta: [user('beta.test', 'bob', 'bob@beta.test')] }),
    );
    expect(l.found.map((f) => f.foundAt)).toStrictEqual(['global catalogue', 'betadc.beta.test']);
    expect(l.mapping.from).not.toBe('account');
  });

  it('names each row whose DC could not be searched, and why, and goes on with the next rows', async () => {
    const l = await lookup(
      'erin@epsilon.test',
      [row('SE.AIRWLAB.COM'), row('NODC.TEST', ''), row('BETA.TEST'), row('GAMMA.TEST'), row('DELTA.TEST'), row('EPSILON.TEST')],
      homeForest(),
      betaForest({}, { accepts: [] }),
      oneDomainForest('delta.test', 'deltadc', [], { searchDenied: ['delta.test'] }),
      oneDomainForest('epsilon.test', 'epsilondc', [user('epsilon.test', 'erin', 'erin@epsilon.test')]),
    );
    expect(l.unsearched.map((u) => u.realm)).toStrictEqual(['NODC.TEST', 'BETA.TEST', 'GAMMA.TEST', 'DELTA.TEST']);
    const [noDc, noTrust, down, denied] = l.unsearched.map((u) => u.message);
    expect(noDc).toMatch(/^No domain controller is set for NODC\.TEST\. Add NODC\.TEST with its domain controller under KCD/);
    // The home DC took the same bind: a 52e here is the trust, and the reason must say so, not only "wrong password".
    expect(noTrust).toMatch(
      new RegExp(
        `^betadc\\.beta\\.test refused the bind as ${BIND_NAME}: .*\\(data 52e\\)\\. The DCs of BETA\\.TEST must accept the service account of SE\\.AIRWLAB\\.COM: a two-way trust`,
      ),
    );
    expect(down).toMatch(/gammadc\.gamma\.test .*refused the connection\. Check that the DC host and its LDAP ports are right/);
    expect(denied).toMatch(/INSUFF_ACCESS_RIGHTS/);
    expect(l.searched.slice(1)).toStrictEqual(['epsilondc.epsilon.test (EPSILON.TEST)']);
    expect(l.found.map((f) => f.foundAt)).toStrictEqual(['epsilondc.epsilon.test']);
  });

  it('fails as a whole when the global catalogue cannot be searched, before asking any other DC', async () => {
    serve(network, homeForest({}, { gcOn: 'none' }));
    serve(network, betaForest());
    state.upn = 'bob@beta.test';
    const result = await userLookup(context([row('SE.AIRWLAB.COM'), row('BETA.TEST')]));
    expect(result).toMatchObject({
      read: 'failed',
      upn: 'bob@beta.test',
      message: expect.stringMatching(/global catalogue on sedc01\.se\.airwlab\.com cannot be reached/),
    });
    expect(opened()).not.toContain('betadc.beta.test:636');
  });
});

describe('the binds the lookup makes', () => {
  it('sends the password nowhere else when the home DC refuses it: no GC bind, no other DC', async () => {
    serve(network, homeForest({}, { accepts: [] }));
    serve(network, betaForest());
    state.upn = 'bob@beta.test';
    const result = await userLookup(context([row('SE.AIRWLAB.COM'), row('BETA.TEST')]));
    expect(result).toMatchObject({ read: 'no-bind', upn: 'bob@beta.test' });
    expect(network.log.filter((l) => l.includes(' bind '))).toStrictEqual([`sedc01.se.airwlab.com:636 bind ${BIND_NAME}`]);
  });

  it("binds at another row's DC under the service account's home name, once per DC per run", async () => {
    serve(network, homeForest());
    serve(network, betaForest({ beta: [user('beta.test', 'bob', 'bob@beta.test')] }));
    state.upn = 'bob@beta.test';
    const ctx = context([row('SE.AIRWLAB.COM'), row('BETA.TEST')]);
    const home = await adSession(ctx);
    if (!home.ok) throw new Error(home.error.message);
    await userLookup(ctx);
    const again = await sessionForDn(ctx, home.value, 'CN=bob,CN=Users,DC=beta,DC=test');
    expect(again).toMatchObject({ ok: true, value: { domain: { dcFqdn: 'betadc.beta.test' }, bindName: BIND_NAME } });
    expect(network.log.filter((l) => l.startsWith('betadc.beta.test:636 ') && !l.includes(' search '))).toStrictEqual([
      'betadc.beta.test:636 open',
      `betadc.beta.test:636 bind ${BIND_NAME}`,
    ]);
    expect(await sessionForDn(ctx, home.value, 'CN=alice,CN=Users,DC=se,DC=airwlab,DC=com')).toStrictEqual({ ok: true, value: home.value });
  });
});
