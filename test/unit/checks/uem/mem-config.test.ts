import { describe, expect, it } from 'vitest';
import { memConfigCheck, type MemConfigFacts } from '../../../../app/checks/uem/mem-config';
import { recordedFacts } from '../../../support/facts';

const check = memConfigCheck({});
const facts = (scenario: string) => recordedFacts<MemConfigFacts>(scenario, 'uem.mem-config');
const CALL = 'GET /api/system/custom-gateway-settings/MEM/configuration/6f1c2b7e-3d4a-4b5c-9e8f-0a1b2c3d4e5f';
const error = (code: string) => ({ asked: true as const, error: { code, message: `${code} said no`, evidence: ['HTTP 403'], remedy: null } });

describe('uem.mem-config judge, from facts recorded in the lab', () => {
  it('passes against the healthy lab: every KCD field the API shows matches the wizard', () => {
    const outcome = check.judge(facts('healthy'));
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence?.[0]).toBe(`${CALL}: the configuration exists (5 custom gateway setting(s))`);
  });

  it.each(['asaSpnOnServer', 'asaPasswordRolledWithoutKeytab'])(
    'fails under %s: the console names the Exchange server, the wizard the CAS array',
    (scenario) => {
      const outcome = check.judge(facts(scenario));
      expect(outcome.status).toBe('fail');
      if (outcome.status !== 'fail') return;
      expect(outcome.remedy).toBe(
        'On the console (Email > Email Settings > (the configuration) > Advanced) or in the wizard, make these agree: Target SPN (console HTTP/semail01, wizard HTTP/mail).',
      );
    },
  );

  it('skips when the API does not show a KCD field, naming it', () => {
    const f = facts('healthy');
    if (!f.lookup.asked || f.lookup.error !== null || f.lookup.kind !== 'found') throw new Error('the healthy lab recorded no configuration');
    const outcome = check.judge({ ...f, lookup: { ...f.lookup, settings: f.lookup.settings.filter((s) => s.key !== 'domainName') } });
    expect(outcome.status).toBe('skip');
    expect(outcome.status === 'skip' && outcome.reason).toBe(
      'The MEM configuration exists, but the public API does not show Domain Name: compare them on the console with the list below',
    );
  });

  it('skips without an id, listing the fields to compare on the console', () => {
    const outcome = check.judge({ ...facts('healthy'), id: '', lookup: { asked: false } });
    expect(outcome.status).toBe('skip');
    if (outcome.status !== 'skip') return;
    expect(outcome.reason).toMatch(/^No MEM configuration id is given/);
    expect(outcome.evidence?.[0]).toBe('compare on the console (Email > Email Settings > (the configuration) > Advanced):');
  });

  it('skips when the id is not a GUID', () => {
    const outcome = check.judge({ ...facts('healthy'), id: '42', lookup: { asked: false } });
    expect(outcome.status === 'skip' && outcome.reason).toMatch(/^The MEM configuration id "42" is not a GUID/);
  });

  it('skips when the API refuses this admin the custom gateway settings', () => {
    const outcome = check.judge({ ...facts('healthy'), lookup: error('uem.forbidden') });
    expect(outcome.status).toBe('skip');
    expect(outcome.evidence?.[0]).toBe('uem.forbidden said no');
  });

  it('fails with any other API error', () => {
    expect(check.judge({ ...facts('healthy'), lookup: error('uem.timeout') })).toEqual({
      status: 'fail',
      evidence: ['uem.timeout said no', 'HTTP 403'],
      remedy: 'See the evidence.',
    });
  });

  it('skips on a console without custom gateway settings', () => {
    const outcome = check.judge({ ...facts('healthy'), lookup: { asked: true, error: null, kind: 'unavailable', said: 'HTTP 404' } });
    expect(outcome.status === 'skip' && outcome.reason).toMatch(/^This console does not offer custom gateway settings/);
    expect(outcome.evidence?.[0]).toBe(`${CALL}: HTTP 404`);
  });

  it('fails when the console knows no configuration with the id', () => {
    const outcome = check.judge({
      ...facts('healthy'),
      lookup: { asked: true, error: null, kind: 'not-found', said: 'errorCode 6200: Gateway Configuration not found' },
    });
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.evidence.slice(0, 2)).toEqual([
      `${CALL}: errorCode 6200: Gateway Configuration not found`,
      'the console knows no gateway configuration with id 6f1c2b7e-3d4a-4b5c-9e8f-0a1b2c3d4e5f',
    ]);
    expect(outcome.remedy).toMatch(/^Copy the MEM configuration's id from the console/);
  });
});
