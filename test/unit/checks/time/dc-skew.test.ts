import { describe, expect, it } from 'vitest';
import { dcSkew, type DcSkewFacts } from '../../../../app/checks/time/dc-skew';
import { recordedFacts } from '../../../support/facts';

const facts = (scenario: string) => recordedFacts<DcSkewFacts>(scenario, 'time.dc-skew');

/** The recorded facts with this machine's clock moved by `ms` in every reading. */
function shifted(f: DcSkewFacts, ms: number): DcSkewFacts {
  if (f.domain !== 'known') return f;
  return { ...f, readings: f.readings.map((r) => ({ ...r, local: new Date(Date.parse(r.local) + ms).toISOString() })) };
}

describe('time.dc-skew judge, from facts recorded in the lab', () => {
  it('passes against the healthy lab, showing both clocks read', () => {
    const outcome = dcSkew.judge(facts('healthy'));
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence?.join('\n')).toMatch(/KDC .*:88 \(stime of KDC_ERR_PREAUTH_REQUIRED\)/);
    expect(outcome.evidence?.join('\n')).toMatch(/rootDSE currentTime via ldaps:/);
  });

  it('fails when the KDC is 10 minutes off, with the w32tm command to fix it', () => {
    const outcome = dcSkew.judge(facts('clockSkew'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.remedy).toMatch(/KRB_AP_ERR_SKEW \(37\)/);
    expect(outcome.command).toMatch(/^w32tm \/config "?\/manualpeerlist:sedc01\.se\.airwlab\.com"? /);
    // The KDC's clock is the one Kerberos uses; the LDAP one (not faked by the lab) disagrees.
    expect(outcome.evidence.join('\n')).toMatch(/the KDC and LDAP clocks .* differ by/);
  });

  it('fails naming the unreachable DC when no clock could be read', () => {
    const outcome = dcSkew.judge(facts('dcStopped'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.remedy).toMatch(/could not be read .* reachable on 88 and 636\/389/);
    expect(outcome.evidence.every((line) => line.startsWith('not read: '))).toBe(true);
  });

  it('warns at two minutes, within the limit but drifting', () => {
    const outcome = dcSkew.judge(shifted(facts('healthy'), 2 * 60_000));
    expect(outcome.status).toBe('warn');
    expect(outcome.evidence?.join('\n')).toMatch(/2 min .* ahead of the DC/);
  });

  it('fails with the settings problem when the domain is not known', () => {
    const outcome = dcSkew.judge({ domain: 'unknown', message: 'No domain controller is given.', remedy: 'Enter it in the KCD step.' });
    expect(outcome).toEqual({ status: 'fail', evidence: ['No domain controller is given.'], remedy: 'Enter it in the KCD step.' });
  });
});
