import { describe, expect, it } from 'vitest';
import { emptySettings } from '../../../app/contract/settings';
import { compareFields, consoleFields, sideBySide } from '../../../app/uem/kcd-console-fields';

function settings() {
  const s = emptySettings();
  s.organizationGroup.memConfigName = 'SEG-KCD';
  s.kcd = {
    targetSpn: 'HTTP/semail01',
    serviceAccount: 'aw_KCDsvc',
    domains: [
      { realm: 'SE.AIRWLAB.COM', dcHost: 'sedc01' },
      { realm: 'OTHER.LAB', dcHost: 'odc01' },
    ],
  };
  return s;
}

const verdicts = (shown: { key: string; value: string }[]) =>
  Object.fromEntries(compareFields(consoleFields(settings()), shown).map((c) => [c.field.label, c.verdict]));

describe('comparing the console MEM configuration with the wizard', () => {
  it('marks every field not shown when the API shows nothing; the friendly name and password never are', () => {
    const v = verdicts([]);
    expect(Object.values(v).every((x) => x === 'not shown')).toBe(true);
    expect(Object.keys(v)).toEqual([
      'Friendly Name',
      'Enable Cross-domain KCD Authentication',
      'Target SPN',
      'Service Account Username',
      'Service Account Password',
      'Domain Controller Hostname',
      'Domain Name',
    ]);
    expect(
      verdicts([
        { key: 'Friendly Name', value: 'SEG-KCD' },
        { key: 'serviceAccountPassword', value: 'x' },
      ])['Service Account Password'],
    ).toBe('not shown');
  });

  it('compares SPN, account and DC without regard to case, the realm exactly, the switch as a boolean', () => {
    expect(
      verdicts([
        { key: 'targetspn', value: 'http/SEMAIL01' },
        { key: 'certAuthConfig.serviceAccountUsername', value: 'AW_kcdSVC' },
        { key: 'domainControllerHostName', value: 'SEDC01' },
        { key: 'domainName', value: 'SE.AIRWLAB.COM' },
        { key: 'enableKCDAuthentication', value: 'True' },
      ]),
    ).toMatchObject({
      'Target SPN': 'match',
      'Service Account Username': 'match',
      'Domain Controller Hostname': 'match',
      'Domain Name': 'match',
      'Enable Cross-domain KCD Authentication': 'match',
    });
    expect(verdicts([{ key: 'domainName', value: 'se.airwlab.com' }])['Domain Name']).toBe('differs');
    expect(verdicts([{ key: 'enableKCDAuthentication', value: 'false' }])['Enable Cross-domain KCD Authentication']).toBe('differs');
    expect(verdicts([{ key: 'enableKCDAuthentication', value: 'maybe' }])['Enable Cross-domain KCD Authentication']).toBe('differs');
    expect(verdicts([{ key: 'targetSPN', value: 'HTTP/semail01.se.airwlab.com' }])['Target SPN']).toBe('differs');
  });

  it('uses the first domain, as the console holds one DC and domain', () => {
    const fields = consoleFields(settings());
    expect(fields.find((f) => f.label === 'Domain Name')?.wizard).toBe('SE.AIRWLAB.COM');
    expect(fields.find((f) => f.label === 'Domain Controller Hostname')?.wizard).toBe('sedc01');
  });

  it('writes one line a field with both values side by side', () => {
    const lines = sideBySide(compareFields(consoleFields(settings()), [{ key: 'targetSPN', value: 'HTTP/other' }]));
    expect(lines).toContain('console "Target SPN" — wizard: HTTP/semail01 — API: HTTP/other (custom gateway setting targetSPN) — DIFFERS');
    expect(lines).toContain('console "Domain Name" — wizard: SE.AIRWLAB.COM — API: not shown, compare on the console');
    const empty = emptySettings();
    expect(sideBySide(compareFields(consoleFields(empty), []))[0]).toBe('console "Friendly Name" — wizard: (empty) — API: not shown, compare on the console');
  });
});
