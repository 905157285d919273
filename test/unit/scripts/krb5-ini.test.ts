import { describe, expect, it } from 'vitest';
import { parseKrb5Ini, realmRelation } from '../../../app/kerberos/krb5-ini';
import { krb5IniScript } from '../../../app/scripts/krb5-script';
import { labSettings } from '../configure/helpers';

describe('krb5.ini', () => {
  it('generates every realm with its KDC, TCP preferred, and parses back', () => {
    const settings = labSettings({
      kcd: {
        targetSpn: 'HTTP/semail01',
        serviceAccount: 'aw_KCDsvc',
        domains: [
          { realm: 'SE.AIRWLAB.COM', dcHost: 'sedc01' },
          { realm: 'EU.AIRWLAB.COM', dcHost: 'eudc01' },
        ],
      },
    });
    const script = krb5IniScript(settings);
    expect(script.ok).toBe(true);
    if (!script.ok) return;
    expect(script.value.runOn).toMatch(/C:\\ProgramData\\MIT\\Kerberos5\\krb5\.ini/);
    const { profile, errors } = parseKrb5Ini(script.value.content);
    expect(errors).toEqual([]);
    expect(profile.get('libdefaults')!.values.get('default_realm')).toEqual(['SE.AIRWLAB.COM']);
    expect(profile.get('libdefaults')!.values.get('udp_preference_limit')).toEqual(['1']);
    expect(realmRelation(profile, 'EU.AIRWLAB.COM')!.values.get('kdc')).toEqual(['eudc01.eu.airwlab.com']);
    expect(profile.get('domain_realm')!.values.get('.se.airwlab.com')).toEqual(['SE.AIRWLAB.COM']);
  });

  it('refuses a realm that would break the file', () => {
    const script = krb5IniScript(labSettings({ kcd: { domains: [{ realm: 'SE.AIRWLAB.COM } [realms]', dcHost: 'sedc01' }] } }));
    expect(!script.ok && script.error.code).toBe('script.value-unquotable');
  });

  it('reports syntax errors and keeps reading', () => {
    const { profile, errors } = parseKrb5Ini('[realms]\n  A.B = {\n    kdc = x\n  garbage\n');
    expect(errors).toEqual(['line 4: not "tag = value"', 'a "{" is not closed']);
    expect(realmRelation(profile, 'A.B')!.values.get('kdc')).toEqual(['x']);
  });
});
