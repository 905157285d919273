import { describe, expect, it } from 'vitest';
import { mappingEvidence, realmMapping, type ForestFacts } from '../../../../app/checks/krb/realms';
import { emptySettings, type Settings } from '../../../../app/contract/settings';

function settings(...realms: string[]): Settings {
  const s = emptySettings();
  return { ...s, kcd: { ...s.kcd, domains: realms.map((realm, i) => ({ realm, dcHost: `dc${i}` })) } };
}

/** A forest as CN=Partitions shows it: contoso.com is an alternative UPN suffix; two domains, corp.example the root. */
const FOREST: ForestFacts = {
  dn: 'CN=Partitions,CN=Configuration,DC=corp,DC=example',
  rootDomain: 'corp.example',
  upnSuffixes: ['contoso.com'],
  domains: [
    { crossRef: 'CN=CORP,CN=Partitions,CN=Configuration,DC=corp,DC=example', dnsRoot: 'corp.example', nCName: 'DC=corp,DC=example', netbiosName: 'CORP' },
    {
      crossRef: 'CN=EU,CN=Partitions,CN=Configuration,DC=corp,DC=example',
      dnsRoot: 'eu.corp.example',
      nCName: 'DC=eu,DC=corp,DC=example',
      netbiosName: 'EU',
    },
  ],
};

describe('the realm of the certificate user', () => {
  it("is the domain holding the account the directory found, whatever the UPN's suffix, and says the suffix is an alternative one", () => {
    const m = realmMapping(settings('CORP.EXAMPLE'), 'bob@contoso.com', [FOREST], 'CN=bob,OU=Staff,DC=eu,DC=corp,DC=example');
    expect(m).toEqual({
      suffix: 'contoso.com',
      realm: 'EU.CORP.EXAMPLE',
      from: 'account',
      source: 'CN=bob,OU=Staff,DC=eu,DC=corp,DC=example',
      listed: { as: 'upn-suffixes', dn: FOREST.dn },
    });
    expect(mappingEvidence(m)).toBe(
      `realm of the user: EU.CORP.EXAMPLE, the domain of the account CN=bob,OU=Staff,DC=eu,DC=corp,DC=example; contoso.com is an alternative UPN suffix (uPNSuffixes on ${FOREST.dn})`,
    );
  });

  it('without an account, is the domain whose crossRef dnsRoot is the suffix, even with no kcd.domains row for it', () => {
    const m = realmMapping(settings('CORP.EXAMPLE'), 'Bob@EU.corp.example', [FOREST], null);
    expect(m).toMatchObject({ realm: 'EU.CORP.EXAMPLE', from: 'crossref', source: 'CN=EU,CN=Partitions,CN=Configuration,DC=corp,DC=example' });
    expect(mappingEvidence(m)).toBe(
      'realm of the user: EU.CORP.EXAMPLE, the domain named eu.corp.example (crossRef CN=EU,CN=Partitions,CN=Configuration,DC=corp,DC=example)',
    );
  });

  it('without the directory, is the kcd.domains row whose realm is the suffix', () => {
    expect(realmMapping(settings('CORP.EXAMPLE', 'BETA.TEST'), 'bob@beta.test', [], null)).toEqual({
      suffix: 'beta.test',
      realm: 'BETA.TEST',
      from: 'settings',
      source: 'kcd.domains[1]',
    });
  });

  it('an alternative suffix with no account found goes to the root domain of the forest listing it, whose KDC refers onward', () => {
    const m = realmMapping(settings('EU.CORP.EXAMPLE'), 'bob@contoso.com', [FOREST], null);
    expect(m).toMatchObject({ realm: 'CORP.EXAMPLE', from: 'upn-suffixes', source: FOREST.dn });
  });

  it("a suffix nothing maps is the service account's realm, and the evidence says nothing mapped it", () => {
    const m = realmMapping(settings('CORP.EXAMPLE', 'BETA.TEST'), 'bob@fabrikam.com', [FOREST], null);
    expect(m).toEqual({ suffix: 'fabrikam.com', realm: 'CORP.EXAMPLE', from: 'home', source: 'kcd.domains[0]' });
    expect(mappingEvidence(m)).toBe("realm of the user: CORP.EXAMPLE, no directory entry or kcd.domains row maps fabrikam.com: the service account's realm");
  });
});
