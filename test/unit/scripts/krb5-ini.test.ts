import { describe, expect, it } from 'vitest';
import { hostRealm, parseKrb5Ini, profileHas, profileValues } from '../../../app/kerberos/krb5-ini';
import { capathFor, trustPath } from '../../../app/scripts/krb5-realms';
import { krb5IniScript } from '../../../app/scripts/krb5-script';
import { labSettings } from '../configure/helpers';

const kcd = (domains: { realm: string; dcHost: string }[]) => ({ kcd: { targetSpn: 'HTTP/semail01', serviceAccount: 'aw_KCDsvc', domains } });

function generated(overrides: Record<string, unknown>) {
  const script = krb5IniScript(labSettings(overrides));
  if (!script.ok) throw new Error(script.error.message);
  const parsed = parseKrb5Ini(script.value.content);
  expect(parsed.errors).toEqual([]);
  expect(parsed.skipped).toEqual([]);
  return { content: script.value.content, profile: parsed.profile };
}

describe('krb5.ini', () => {
  it('generates every realm with its KDC and domain, the first realm as default, TCP preferred, and parses back', () => {
    const { content, profile } = generated(
      kcd([
        { realm: 'SE.AIRWLAB.COM', dcHost: 'sedc01' },
        { realm: 'EU.AIRWLAB.COM', dcHost: 'eudc01.eu.airwlab.com' },
        { realm: 'AIRWLAB.COM', dcHost: 'rootdc01' },
      ]),
    );
    expect(content).toMatch(/C:\\ProgramData\\MIT\\Kerberos5\\krb5\.ini/);
    expect(profileValues(profile, ['libdefaults'], 'default_realm')).toEqual(['SE.AIRWLAB.COM']);
    expect(profileValues(profile, ['libdefaults'], 'udp_preference_limit')).toEqual(['1']);
    expect(profileValues(profile, ['libdefaults'], 'dns_lookup_kdc')).toEqual(['false']);
    expect(profileValues(profile, ['realms', 'SE.AIRWLAB.COM'], 'kdc')).toEqual(['sedc01.se.airwlab.com']);
    expect(profileValues(profile, ['realms', 'EU.AIRWLAB.COM'], 'kdc')).toEqual(['eudc01.eu.airwlab.com']);
    expect(profileValues(profile, ['realms', 'AIRWLAB.COM'], 'kdc')).toEqual(['rootdc01.airwlab.com']);
    for (const [host, realm] of [
      ['x.se.airwlab.com', 'SE.AIRWLAB.COM'],
      ['eu.airwlab.com', 'EU.AIRWLAB.COM'],
      ['x.eu.airwlab.com', 'EU.AIRWLAB.COM'],
      ['x.airwlab.com', 'AIRWLAB.COM'],
    ]) {
      expect(hostRealm(profile, host!), host).toBe(realm);
    }
    // One tree whose root is named: from child to child through the root; parent and child directly.
    expect(profileValues(profile, ['capaths', 'SE.AIRWLAB.COM'], 'EU.AIRWLAB.COM')).toEqual(['AIRWLAB.COM']);
    expect(profileValues(profile, ['capaths', 'EU.AIRWLAB.COM'], 'SE.AIRWLAB.COM')).toEqual(['AIRWLAB.COM']);
    expect(profileHas(profile, ['capaths', 'AIRWLAB.COM'])).toBe(false);
    expect(profileValues(profile, ['capaths', 'SE.AIRWLAB.COM'], 'AIRWLAB.COM')).toEqual([]);
    expect(content).toContain('# [capaths]: where the trust path has realms in between');
  });

  it('writes [capaths] from one tree to a child domain of another, through the tree root the settings name', () => {
    const { content, profile } = generated(
      kcd([
        { realm: 'AIRWLAB.COM', dcHost: 'dc1' },
        { realm: 'PARTNER.COM', dcHost: 'dc2' },
        { realm: 'EU.PARTNER.COM', dcHost: 'dc3' },
      ]),
    );
    expect(profileValues(profile, ['capaths', 'AIRWLAB.COM'], 'EU.PARTNER.COM')).toEqual(['PARTNER.COM']);
    expect(profileValues(profile, ['capaths', 'EU.PARTNER.COM'], 'AIRWLAB.COM')).toEqual(['PARTNER.COM']);
    // A direct trust (between the roots) and a parent with its child need no entry.
    expect(profileValues(profile, ['capaths', 'AIRWLAB.COM'], 'PARTNER.COM')).toEqual([]);
    expect(profileHas(profile, ['capaths', 'PARTNER.COM'])).toBe(false);
    expect(content).toContain('# [capaths]: where the trust path has realms in between');
  });

  it("writes no [capaths] for two realms that trust each other directly: MIT's client asks for the other realm directly (lab-tested)", () => {
    const { content, profile } = generated(
      kcd([
        { realm: 'ALPHA.MIT', dcHost: 'kdc' },
        { realm: 'BETA.MIT', dcHost: 'kdc' },
      ]),
    );
    expect(profileHas(profile, ['capaths'])).toBe(false);
    expect(content).toContain('# No [capaths]: these realms trust each other directly');
  });

  it("maps the email host's domain to the service account's realm when no realm's domain covers it", () => {
    expect(hostRealm(generated({ email: { host: 'mail.corp.local' } }).profile, 'mail.corp.local')).toBe('SE.AIRWLAB.COM');
    expect(generated({ email: { host: 'mail.x.se.airwlab.com' } }).content).not.toContain('.x.se.airwlab.com =');
  });

  it('names a DC pinned in network.hosts by its address, with the name in a comment', () => {
    const { content, profile } = generated({
      ...kcd([
        { realm: 'SE.AIRWLAB.COM', dcHost: 'sedc01' },
        { realm: 'V6.AIRWLAB.COM', dcHost: 'v6dc' },
      ]),
      network: { hosts: { 'SEDC01.se.airwlab.com': '10.1.2.3', 'v6dc.v6.airwlab.com': 'fd00::88' } },
    });
    expect(profileValues(profile, ['realms', 'SE.AIRWLAB.COM'], 'kdc')).toEqual(['10.1.2.3']);
    expect(profileValues(profile, ['realms', 'V6.AIRWLAB.COM'], 'kdc')).toEqual(['[fd00::88]']);
    expect(content).toContain('# sedc01.se.airwlab.com, at the address network.hosts pins it to');
  });

  it('is the same text for the same settings, and lists a realm named twice once', () => {
    const settings = kcd([
      { realm: 'ALPHA.MIT', dcHost: 'kdc' },
      { realm: 'BETA.MIT', dcHost: 'kdc' },
      { realm: 'ALPHA.MIT', dcHost: 'other' },
    ]);
    const { content, profile } = generated(settings);
    expect(generated(settings).content).toBe(content);
    expect(profileValues(profile, ['realms', 'ALPHA.MIT'], 'kdc')).toEqual(['kdc.alpha.mit']);
  });

  it.each([
    ['a realm that would break the file', [{ realm: 'SE.AIRWLAB.COM } [realms]', dcHost: 'sedc01' }]],
    ['a realm in lower case', [{ realm: 'se.airwlab.com', dcHost: 'sedc01' }]],
    ['a DC name with a brace', [{ realm: 'SE.AIRWLAB.COM', dcHost: 'sedc01}' }]],
    ['a DC name with a port', [{ realm: 'SE.AIRWLAB.COM', dcHost: 'sedc01:88' }]],
    ['no domain at all', []],
  ])('refuses %s', (_, domains) => {
    const script = krb5IniScript(labSettings(kcd(domains)));
    expect(!script.ok && script.error.code).toBe('script.value-unquotable');
  });

  it('refuses a pin that is not an address', () => {
    const script = krb5IniScript(
      labSettings({ ...kcd([{ realm: 'SE.AIRWLAB.COM', dcHost: 'sedc01' }]), network: { hosts: { 'sedc01.se.airwlab.com': 'x = y' } } }),
    );
    expect(!script.ok && script.error.message).toMatch(/not an IP address/);
  });
});

describe('realm paths', () => {
  it.each([
    ['SE.AIRWLAB.COM', 'EU.AIRWLAB.COM', ['SE.AIRWLAB.COM', 'EU.AIRWLAB.COM', 'AIRWLAB.COM'], ['SE.AIRWLAB.COM', 'AIRWLAB.COM', 'EU.AIRWLAB.COM']],
    ['SE.AIRWLAB.COM', 'EU.AIRWLAB.COM', ['SE.AIRWLAB.COM', 'EU.AIRWLAB.COM'], ['SE.AIRWLAB.COM', 'EU.AIRWLAB.COM']],
    [
      'X.SE.AIRWLAB.COM',
      'EU.PARTNER.COM',
      ['X.SE.AIRWLAB.COM', 'SE.AIRWLAB.COM', 'EU.PARTNER.COM', 'PARTNER.COM'],
      ['X.SE.AIRWLAB.COM', 'SE.AIRWLAB.COM', 'PARTNER.COM', 'EU.PARTNER.COM'],
    ],
    ['AIRWLAB.COM', 'X.SE.AIRWLAB.COM', ['AIRWLAB.COM', 'X.SE.AIRWLAB.COM'], ['AIRWLAB.COM', 'X.SE.AIRWLAB.COM']],
  ])('the settings know the way from %s to %s', (client, server, known, path) => {
    expect(trustPath(client, server, known)).toEqual(path);
  });

  it.each([
    ['SE.AIRWLAB.COM', 'AIRWLAB.COM', ['SE.AIRWLAB.COM', 'AIRWLAB.COM'], []],
    ['ALPHA.MIT', 'BETA.MIT', ['ALPHA.MIT', 'BETA.MIT'], []],
    ['SE.AIRWLAB.COM', 'EU.AIRWLAB.COM', ['SE.AIRWLAB.COM', 'EU.AIRWLAB.COM'], []],
    ['SE.AIRWLAB.COM', 'EU.AIRWLAB.COM', ['SE.AIRWLAB.COM', 'EU.AIRWLAB.COM', 'AIRWLAB.COM'], ['AIRWLAB.COM']],
    ['SE.AIRWLAB.COM', 'EU.PARTNER.COM', ['SE.AIRWLAB.COM', 'EU.PARTNER.COM', 'AIRWLAB.COM', 'PARTNER.COM'], ['AIRWLAB.COM', 'PARTNER.COM']],
  ])('the [capaths] entry from %s to %s', (client, server, known, via) => {
    expect(capathFor(client, server, known)).toEqual(via.length === 0 ? [] : [{ client, server, via }]);
  });
});
