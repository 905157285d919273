import { describe, expect, it } from 'vitest';
import { enctypes, type EnctypesAccount, type EnctypesFacts } from '../../../../app/checks/ad/enctypes';
import { recordedFacts } from '../../../support/facts';
import { okFacts } from './ok-facts';

const facts = (scenario: string) => recordedFacts<EnctypesFacts>(scenario, 'ad.enctypes');
const healthy = () => okFacts(facts('healthy'));
const RC4 = 0x4;
const DES_CBC_MD5 = 0x2;
const FAST_ONLY = 0x10000;

function target(): EnctypesAccount {
  const [exchange] = healthy().targets;
  if (exchange === undefined) throw new Error('the healthy lab records the target account');
  return exchange;
}

/** The healthy facts with the accounts' msDS-SupportedEncryptionTypes changed (undefined: not set). */
function withEnctypes(service: number | undefined, targetValue: number | undefined, aesKeysSince: string | null = null): EnctypesFacts {
  const f = healthy();
  const set = (a: EnctypesAccount, value: number | undefined): EnctypesAccount => {
    const { supportedEnctypes: _old, ...rest } = a;
    return value === undefined ? rest : { ...rest, supportedEnctypes: value };
  };
  return { ...f, service: set(f.service, service), targets: [set(target(), targetValue)], aesKeysSince };
}

describe('ad.enctypes judge, from facts recorded in the lab', () => {
  it('passes on the healthy lab: AES on the service account and the target', () => {
    expect(enctypes.judge(facts('healthy'))).toEqual({
      status: 'pass',
      evidence: [
        'service account aw_KCDsvc: msDS-SupportedEncryptionTypes 24 = 0x18 (AES128-CTS-HMAC-SHA1-96, AES256-CTS-HMAC-SHA1-96)',
        'target HTTP/semail01 SEMAIL01$: msDS-SupportedEncryptionTypes 24 = 0x18 (AES128-CTS-HMAC-SHA1-96, AES256-CTS-HMAC-SHA1-96)',
      ],
    });
  });

  it('fails when the target allows RC4 only, with the Set-ADComputer line', () => {
    const outcome = enctypes.judge(facts('rc4OnlyTarget'));
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.remedy).toBe(
      'target HTTP/semail01 SEMAIL01$ allows RC4 only: a client that offers AES only gets KDC_ERR_ETYPE_NOSUPP, and RC4 is being retired. Set AES128 + AES256 (24); a keytab exported for the account must be exported again afterwards.',
    );
    expect(outcome.command).toBe("Set-ADComputer -Identity 'SEMAIL01$' -Replace @{'msDS-SupportedEncryptionTypes'=24}");
  });

  it('only warns about a service account without AES that still has a usable type, or a target with none set', () => {
    const unset = enctypes.judge(withEnctypes(undefined, 24));
    expect(unset).toMatchObject({ status: 'warn', command: "Set-ADUser -Identity 'aw_KCDsvc' -Replace @{'msDS-SupportedEncryptionTypes'=24}" });
    expect(unset).toMatchObject({
      remedy: expect.stringMatching(/^service account aw_KCDsvc has no msDS-SupportedEncryptionTypes: the KDC then issues RC4 tickets for it\./) as unknown,
    });
    expect(unset.evidence?.[0]).toBe('service account aw_KCDsvc: msDS-SupportedEncryptionTypes not set');
    expect(enctypes.judge(withEnctypes(RC4, 24)).status).toBe('warn');
    expect(enctypes.judge(withEnctypes(24, undefined)).status).toBe('warn');
  });

  it('fails on DES or on no usable type, whichever account it is', () => {
    const des = enctypes.judge(withEnctypes(RC4 | DES_CBC_MD5, 24));
    expect(des).toMatchObject({
      status: 'fail',
      remedy: expect.stringMatching(/^service account aw_KCDsvc allows DES, which Windows has disabled since 2008 R2\./) as unknown,
    });
    const none = enctypes.judge(withEnctypes(24, FAST_ONLY));
    expect(none).toMatchObject({
      status: 'fail',
      remedy: expect.stringMatching(/^target HTTP\/semail01 SEMAIL01\$ allows no Kerberos encryption type the KDC can use\./) as unknown,
    });
  });

  it('lists every problem, in order, with one command each', () => {
    const outcome = enctypes.judge(withEnctypes(RC4, RC4));
    expect(outcome).toMatchObject({
      status: 'fail',
      command:
        "Set-ADUser -Identity 'aw_KCDsvc' -Replace @{'msDS-SupportedEncryptionTypes'=24}\nSet-ADComputer -Identity 'SEMAIL01$' -Replace @{'msDS-SupportedEncryptionTypes'=24}",
    });
  });

  it('asks for a password reset when the password predates AES keys in the domain', () => {
    const f = withEnctypes(RC4, RC4, '2099-01-01T00:00:00.000Z');
    const outcome = enctypes.judge(f);
    expect(outcome.status).toBe('fail');
    if (outcome.status !== 'fail') return;
    expect(outcome.remedy).toContain(
      'RC4 is being retired. Its password predates AES keys in this domain: reset it afterwards (the same password is fine) so that AES keys exist.',
    );
    expect(outcome.remedy).toContain(
      'Its password predates AES keys in this domain: reset the machine password (Reset-ComputerMachinePassword on SEMAIL01) so that AES keys exist.',
    );
  });

  it('asks for no reset when the password is newer than AES keys, unknown, or must change', () => {
    const newer = enctypes.judge(withEnctypes(RC4, 24, '2000-01-01T00:00:00.000Z'));
    expect(newer).toMatchObject({ status: 'warn' });
    expect(newer).not.toMatchObject({ remedy: expect.stringContaining('predates') as unknown });
    const mustChange = withEnctypes(RC4, 24, '2099-01-01T00:00:00.000Z');
    if (mustChange.read !== 'ok') throw new Error('derived from ok facts');
    const outcome = enctypes.judge({ ...mustChange, service: { ...mustChange.service, pwdLastSet: null } });
    expect(outcome).not.toMatchObject({ remedy: expect.stringContaining('predates') as unknown });
  });

  it('notes a target SPN that no account holds, judging the service account alone', () => {
    const outcome = enctypes.judge({ ...healthy(), targets: [] });
    expect(outcome).toEqual({
      status: 'pass',
      evidence: [
        'service account aw_KCDsvc: msDS-SupportedEncryptionTypes 24 = 0x18 (AES128-CTS-HMAC-SHA1-96, AES256-CTS-HMAC-SHA1-96)',
        'no account holds HTTP/semail01 (see ad.target-spn)',
      ],
    });
  });

  it('fails with the reason when the directory could not be read', () => {
    expect(enctypes.judge({ read: 'not-one', name: 'aw_KCDsvc', baseDn: 'DC=se,DC=airwlab,DC=com', count: 0 })).toMatchObject({ status: 'fail' });
  });

  it('a target of another domain read only from the global catalogue (no msDS-SupportedEncryptionTypes there) warns that it was not read, never that it is RC4', () => {
    const { supportedEnctypes: _read, ...gcCopy } = target();
    const why = 'No domain controller is set for CHILD.SE.AIRWLAB.COM';
    const outcome = enctypes.judge({ ...healthy(), targets: [{ ...gcCopy, gcCopy: { domain: 'child.se.airwlab.com', why } }] });
    expect(outcome.status).toBe('warn');
    if (outcome.status !== 'warn') return;
    expect(outcome.evidence[1]).toBe(`target HTTP/semail01 SEMAIL01$: msDS-SupportedEncryptionTypes not read (the global catalogue does not hold it; ${why})`);
    expect(outcome.remedy).toBe(
      'target HTTP/semail01 SEMAIL01$ was read only from the global catalogue, whose copy has no msDS-SupportedEncryptionTypes: add CHILD.SE.AIRWLAB.COM with a domain controller under KCD so that it is read there.',
    );
    expect(outcome.command).toBe("Get-ADComputer -Identity 'SEMAIL01$' -Server 'child.se.airwlab.com' -Properties msDS-SupportedEncryptionTypes");
  });
});
