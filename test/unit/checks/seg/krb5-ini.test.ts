import { describe, expect, it } from 'vitest';
import { kdcHost, krb5Ini, namesDc, type Krb5IniFacts } from '../../../../app/checks/seg/krb5-ini';
import { recordedFacts } from '../../../support/facts';

const facts = (c: string) => recordedFacts<Krb5IniFacts>(c, 'seg.krb5-ini');
type ReadFacts = Extract<Krb5IniFacts, { file: 'read' }>;

/** The krb5.ini of the configured case, read with other contents. */
function configuredWith(change: Partial<ReadFacts>): Krb5IniFacts {
  const f = facts('segConfigured');
  if (f.file !== 'read') throw new Error('segConfigured records a krb5.ini');
  return { ...f, ...change };
}

const realm = (kdcs: string[] | null, mappedTo: string | null = 'SE.AIRWLAB.COM') => ({
  realm: 'SE.AIRWLAB.COM',
  domain: 'se.airwlab.com',
  dcHost: 'sedc01',
  dcFqdn: 'sedc01.se.airwlab.com',
  kdc: '127.0.0.254',
  kdcs,
  mappedTo,
});

describe('seg.krb5-ini, from facts gathered over copies of a SEG host', () => {
  it('passes on the krb5.ini generated from the settings', () => {
    expect(krb5Ini.judge(facts('segConfigured'))).toEqual({
      status: 'pass',
      evidence: ['read /seg-host/seg-files/krb5.ini', '[realms] SE.AIRWLAB.COM: kdc = 127.0.0.254', '[domain_realm] se.airwlab.com: SE.AIRWLAB.COM'],
    });
  });

  it('fails when the realm is missing, showing the lines to add, with the generated file as the command (Error C)', () => {
    const outcome = krb5Ini.judge(facts('segInstalled'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toEqual([
      'read /seg-host/seg-files/krb5.ini',
      '[realms] SE.AIRWLAB.COM: absent',
      '[domain_realm] se.airwlab.com: (not mapped)',
      'default_realm = OTHER.REALM',
    ]);
    expect(outcome.remedy).toBe(
      [
        "realm SE.AIRWLAB.COM is missing from [realms]; hosts of se.airwlab.com belong to SE.AIRWLAB.COM, but no [domain_realm] line maps it; [libdefaults] default_realm is not SE.AIRWLAB.COM, the service account's realm. Error C of the guide: write C:\\ProgramData\\MIT\\Kerberos5\\krb5.ini on the SEG as generated (script krb5.ini), or add these lines to it:",
        '[libdefaults]',
        '    default_realm = SE.AIRWLAB.COM',
        '',
        '[realms]',
        '    SE.AIRWLAB.COM = {',
        '        # sedc01.se.airwlab.com, at the address network.hosts pins it to',
        '        kdc = 127.0.0.254',
        '        admin_server = 127.0.0.254',
        '    }',
        '',
        '[domain_realm]',
        '    .se.airwlab.com = SE.AIRWLAB.COM',
        '    se.airwlab.com = SE.AIRWLAB.COM',
        'A value in these lines replaces any other of the same tag in the file.',
      ].join('\n'),
    );
    expect(outcome.command).toContain('kdc = 127.0.0.254');
  });

  it('fails when the file is missing', () => {
    const outcome = krb5Ini.judge(facts('segDamaged'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence).toEqual(['no krb5.ini in /seg-host/seg-files']);
    expect(outcome.remedy).toMatch(/^krb5\.ini is missing\. Error C/);
  });

  it('fails when the realm lists another KDC, or none; a DC of the same first label in another domain is another KDC', () => {
    for (const kdcs of [['sedc02.se.airwlab.com:88'], [], ['sedc01.other.com'], ['127.0.0.1']]) {
      const outcome = krb5Ini.judge(configuredWith({ realms: [realm(kdcs)] }));
      expect(outcome, kdcs.join()).toMatchObject({
        status: 'fail',
        remedy: expect.stringMatching(
          /^realm SE\.AIRWLAB\.COM does not list its DC sedc01\.se\.airwlab\.com as kdc\. Error C.*\n\[realms\]\n {4}SE\.AIRWLAB\.COM = \{\n/,
        ),
      });
    }
    expect(krb5Ini.judge(configuredWith({ realms: [realm([])] })).evidence).toContain('[realms] SE.AIRWLAB.COM: kdc = (none)');
  });

  it.each([
    ['sedc01.SE.AIRWLAB.COM:88'],
    ['SEDC01'],
    ['sedc01:88'],
    ['sedc01.se.airwlab.com.'],
    ['127.0.0.254:88'],
    ['https://sedc01.se.airwlab.com/KdcProxy'],
  ])('takes kdc = %s for the DC sedc01 of SE.AIRWLAB.COM (pinned to 127.0.0.254)', (kdc) => {
    expect(krb5Ini.judge(configuredWith({ realms: [realm(['otherdc.se.airwlab.com', kdc])] })).status).toBe('pass');
  });

  it("fails when the realm's hosts map to another realm, naming it", () => {
    const outcome = krb5Ini.judge(configuredWith({ realms: [realm(['sedc01'], 'AIRWLAB.COM')] }));
    expect(outcome).toMatchObject({
      status: 'fail',
      remedy: expect.stringMatching(/^hosts of se\.airwlab\.com belong to SE\.AIRWLAB\.COM, but \[domain_realm\] maps it to AIRWLAB\.COM\./),
    });
    expect(outcome.status === 'fail' && outcome.remedy).toMatch(
      /:\n\[domain_realm\]\n {4}\.se\.airwlab\.com = SE\.AIRWLAB\.COM\n {4}se\.airwlab\.com = SE\.AIRWLAB\.COM\nA value in these lines replaces any other of the same tag in the file\.$/,
    );
    expect(outcome.status === 'fail' && outcome.remedy).not.toContain('[realms]');
  });

  it('fails on syntax errors, listing them: MIT then reads none of the file', () => {
    const outcome = krb5Ini.judge(configuredWith({ syntaxErrors: ['line 3: not "tag = value"'] }));
    expect(outcome.status).toBe('fail');
    expect(outcome.evidence).toContain('syntax: line 3: not "tag = value"');
    expect(outcome.status === 'fail' && outcome.remedy).toMatch(/^MIT Kerberos refuses the whole file: it has syntax errors\./);
  });

  it("warns when default_realm is not the service account's realm, and gives no command when none can be generated", () => {
    const outcome = krb5Ini.judge(configuredWith({ defaultRealm: null, generated: null }));
    expect(outcome.status).toBe('warn');
    if (outcome.status !== 'warn') return;
    expect(outcome.evidence).toContain('default_realm = (none)');
    expect(outcome.remedy).toMatch(
      /^\[libdefaults\] default_realm is not SE\.AIRWLAB\.COM, the service account's realm\. Error C.*:\n\[libdefaults\]\n {4}default_realm = SE\.AIRWLAB\.COM\nA value in these lines replaces any other of the same tag in the file\.$/,
    );
    expect(outcome.command).toBeUndefined();
  });

  it('names a byte-order mark that hides [libdefaults]', () => {
    const outcome = krb5Ini.judge(configuredWith({ defaultRealm: null, skipped: ['line 1: <BOM>[libdefaults]', 'line 2: default_realm = SE.AIRWLAB.COM'] }));
    expect(outcome.evidence).toContain('skipped by MIT (before any [section]): line 1: <BOM>[libdefaults]');
    expect(outcome).toMatchObject({
      status: 'warn',
      remedy: expect.stringMatching(
        /^the file starts with a byte-order mark, so MIT skips its first \[section\] \(save it without one\); \[libdefaults\] default_realm is not/,
      ),
    });
  });

  it('is skipped when the settings give no krb5.ini to compare with', () => {
    expect(krb5Ini.judge({ file: 'unplanned', problem: 'The KCD step names no domain.' })).toEqual({
      status: 'skip',
      reason: 'The settings give no krb5.ini to compare with: The KCD step names no domain.',
    });
  });
});

describe('kdc values', () => {
  it.each([
    ['dc1.a.test:88', 'dc1.a.test'],
    ['DC1.A.TEST.', 'dc1.a.test'],
    ['[fd00::1]:88', 'fd00::1'],
    ['fd00::1', 'fd00::1'],
    ['10.0.0.1:750', '10.0.0.1'],
    ['https://dc1.a.test:443/KdcProxy', 'dc1.a.test'],
  ])('%s is the host %s', (value, host) => {
    expect(kdcHost(value)).toBe(host);
  });

  it('compares names with the domain or without, and addresses only with the pinned one', () => {
    const row = { realm: 'A.TEST', dcFqdn: 'dc1.a.test', kdc: 'dc1.a.test' };
    expect(namesDc('DC1', row)).toBe(true);
    expect(namesDc('dc1.b.test', row)).toBe(false);
    expect(namesDc('dc10.a.test', row)).toBe(false);
    expect(namesDc('10.0.0.1', row)).toBe(false);
    expect(namesDc('[fd00::1]:88', { ...row, kdc: '[fd00::1]' })).toBe(true);
  });
});
