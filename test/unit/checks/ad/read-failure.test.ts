import { describe, expect, it } from 'vitest';
import { failureOutcome, fromResult, isReadFailure, readFailure } from '../../../../app/checks/ad/read-failure';
import { err, ok } from '../../../../app/contract/result';

describe('ad.* read failures as facts', () => {
  it('a failed bind sends the person to ad.bind', () => {
    expect(failureOutcome({ read: 'no-bind', message: 'The bind was refused' })).toEqual({
      status: 'fail',
      evidence: ['ad.bind did not succeed: The bind was refused'],
      remedy: 'Fix ad.bind first.',
    });
  });

  it("an LDAP error keeps the library's remedy, after the evidence seen so far", () => {
    const failure = readFailure({ message: 'Searching the global catalogue timed out', remedy: 'Open 3269.' });
    expect(failureOutcome(failure, ['seen'])).toEqual({ status: 'fail', evidence: ['seen', 'Searching the global catalogue timed out'], remedy: 'Open 3269.' });
  });

  it('an LDAP error without a remedy points at the DC connection', () => {
    expect(failureOutcome(readFailure({ message: 'Reading X failed' }))).toEqual({
      status: 'fail',
      evidence: ['Reading X failed'],
      remedy: 'Check the connection to the domain controller (ad.bind).',
    });
  });

  it('a service account name that does not find exactly one entry says how many it found', () => {
    const outcome = failureOutcome({ read: 'not-one', name: 'aw_KCDsvc', baseDn: 'DC=se,DC=airwlab,DC=com', count: 0 });
    expect(outcome).toEqual({
      status: 'fail',
      evidence: ['search (sAMAccountName=aw_KCDsvc) under DC=se,DC=airwlab,DC=com: 0 entries'],
      remedy:
        'The bind worked but aw_KCDsvc cannot be read back as one account: check that the bind account and the service account name are the same account.',
    });
  });

  it('tells read failures from the facts a judge judges', () => {
    expect(['no-bind', 'failed', 'not-one'].every((read) => isReadFailure({ read }))).toBe(true);
    expect(['ok', 'no-session', 'no-ca', 'no-upn', 'not-unique'].some((read) => isReadFailure({ read }))).toBe(false);
  });

  it('turns a Result into a read, keeping the remedy only when there is one', () => {
    expect(fromResult(ok(3))).toEqual({ ok: true, value: 3 });
    expect(fromResult(err('ldap.x', 'gone'))).toEqual({ ok: false, failure: { read: 'failed', message: 'gone' } });
    expect(fromResult(err('ldap.x', 'gone', 'retry'))).toEqual({ ok: false, failure: { read: 'failed', message: 'gone', remedy: 'retry' } });
  });
});
