import { describe, expect, it } from 'vitest';
import { krb5Ini, type Krb5IniFacts } from '../../../../app/checks/seg/krb5-ini';
import { recordedFacts } from '../../../support/facts';

const facts = (c: string) => recordedFacts<Krb5IniFacts>(c, 'seg.krb5-ini');

/** The krb5.ini of the configured case, read with other contents. */
function configuredWith(change: Partial<Extract<Krb5IniFacts, { file: 'read' }>>): Krb5IniFacts {
  const f = facts('segConfigured');
  if (f.file !== 'read') throw new Error('segConfigured records a krb5.ini');
  return { ...f, ...change };
}

describe('seg.krb5-ini, from facts gathered over copies of a SEG host', () => {
  it('passes on the krb5.ini generated from the settings', () => {
    expect(krb5Ini.judge(facts('segConfigured'))).toEqual({
      status: 'pass',
      evidence: ['read /seg-host/seg-files/krb5.ini', '[realms] SE.AIRWLAB.COM: kdc = sedc01.se.airwlab.com'],
    });
  });

  it('fails when the realm is missing, with the generated file as the command (Error C)', () => {
    const outcome = krb5Ini.judge(facts('segInstalled'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toEqual(['read /seg-host/seg-files/krb5.ini', '[realms] SE.AIRWLAB.COM: absent']);
    expect(outcome.remedy).toBe(
      'realm SE.AIRWLAB.COM is missing from [realms]. Error C of the guide: write C:\\ProgramData\\MIT\\Kerberos5\\krb5.ini on the SEG as generated (script krb5.ini).',
    );
    expect(outcome.command).toContain('kdc = sedc01.se.airwlab.com');
  });

  it('fails when the file is missing', () => {
    const outcome = krb5Ini.judge(facts('segDamaged'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toEqual(['no krb5.ini in /seg-host/seg-files']);
    expect(outcome.remedy).toMatch(/^krb5\.ini is missing\. Error C/);
  });

  it('fails when the realm lists another KDC, or none', () => {
    expect(krb5Ini.judge(configuredWith({ realms: [{ realm: 'SE.AIRWLAB.COM', dcHost: 'sedc01', kdcs: ['sedc02.se.airwlab.com:88'] }] }))).toMatchObject({
      status: 'fail',
      remedy: expect.stringMatching(/^realm SE\.AIRWLAB\.COM does not list sedc01 as kdc\./),
    });
    const none = krb5Ini.judge(configuredWith({ realms: [{ realm: 'SE.AIRWLAB.COM', dcHost: 'sedc01', kdcs: [] }] }));
    expect(none.evidence).toContain('[realms] SE.AIRWLAB.COM: kdc = (none)');
  });

  it('matches a KDC given with a port and in another case', () => {
    expect(krb5Ini.judge(configuredWith({ realms: [{ realm: 'SE.AIRWLAB.COM', dcHost: 'SEDC01', kdcs: ['sedc01.SE.AIRWLAB.COM:88'] }] })).status).toBe('pass');
  });

  it('fails on syntax errors, listing them', () => {
    const outcome = krb5Ini.judge(configuredWith({ syntaxErrors: ['line 3: no "=" in "kdc sedc01"'] }));
    expect(outcome.status).toBe('fail');
    expect(outcome.evidence).toContain('syntax: line 3: no "=" in "kdc sedc01"');
    expect(outcome.status === 'fail' && outcome.remedy).toMatch(/^the file has syntax errors\./);
  });

  it('warns when default_realm is not the first realm, and gives no command when none can be generated', () => {
    const outcome = krb5Ini.judge(configuredWith({ defaultRealm: null, generated: null }));
    expect(outcome.status).toBe('warn');
    if (outcome.status !== 'warn') return;
    expect(outcome.evidence).toContain('default_realm = (none)');
    expect(outcome.remedy).toMatch(/^Set default_realm = SE\.AIRWLAB\.COM\. Error C/);
    expect(outcome.command).toBeUndefined();
  });

  it('does not ask for a default realm when the KCD step names none', () => {
    expect(krb5Ini.judge(configuredWith({ realms: [], defaultRealm: null, firstRealm: null })).status).toBe('pass');
  });
});
