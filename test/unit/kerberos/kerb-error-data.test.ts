import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ctx, integer, octets, seq } from '../../../app/kerberos/asn1/der-writer';
import { kdcFailure } from '../../../app/kerberos/client/failure';
import { KRB_ERR, PA_TYPE } from '../../../app/kerberos/constants';
import { decode } from '../../../app/kerberos/messages/decode';
import { extendedError, ntStatusOf, parseErrorData } from '../../../app/kerberos/messages/kerb-error-data';
import { parseKrbError, type KrbError } from '../../../app/kerberos/messages/krb-error';
import { describeNtStatus, NT_STATUSES, ntStatusInfo } from '../../../app/kerberos/ntstatus';
import { mutate, prng } from './builders';

/** KRB-ERRORs recorded from the lab's Samba 4.17 KDC by test/lab/record-kdc-errors.ts. */
function recorded(name: string): KrbError {
  const hex = readFileSync(join(__dirname, '..', '..', 'fixtures', 'kerberos', `samba-${name}.hex`), 'utf8').trim();
  return parseKrbError(Buffer.from(hex, 'hex'));
}

function extError(status: number, flags = 1): Uint8Array {
  const b = Buffer.alloc(12);
  b.writeUInt32LE(status, 0);
  b.writeUInt32LE(flags, 8);
  return b;
}

describe("the KDC's own words: NTSTATUS in the e-data of Samba's KRB-ERRORs", () => {
  it.each([
    ['disabled', KRB_ERR.CLIENT_REVOKED, 'STATUS_ACCOUNT_DISABLED', 0xc0000072],
    ['expired', KRB_ERR.CLIENT_REVOKED, 'STATUS_ACCOUNT_EXPIRED', 0xc0000193],
    ['password-expired', KRB_ERR.KEY_EXPIRED, 'STATUS_PASSWORD_EXPIRED', 0xc0000071],
    ['must-change-password', KRB_ERR.KEY_EXPIRED, 'STATUS_PASSWORD_MUST_CHANGE', 0xc0000224],
  ])('%s: error %i carries %s', (name, code, statusName, status) => {
    const e = recorded(name);
    expect(e.errorCode).toBe(code);
    expect(ntStatusOf(e)).toBe(status);
    expect(ntStatusInfo(status)?.name).toBe(statusName);
    const data = parseErrorData(e.eData!);
    // Samba's shape: METHOD-DATA with PA-ETYPE-INFO2 and the KERB-EXT-ERROR as a PA-PW-SALT.
    expect(data.kind).toBe('method-data');
    if (data.kind === 'method-data') expect(data.padata.map((p) => p.type)).toEqual([PA_TYPE.ETYPE_INFO2, 3]);
    expect(extendedError(data)).toEqual({ status, flags: 1 });
  });

  it('locked out and wrong password carry no status (Samba 4.17 sends only PA-ETYPE-INFO2): no status is invented', () => {
    for (const name of ['locked-out', 'wrong-password']) {
      const e = recorded(name);
      expect(e.eData).toBeDefined();
      expect(ntStatusOf(e)).toBeUndefined();
    }
  });

  it('PREAUTH_REQUIRED: METHOD-DATA lists the methods, no status', () => {
    const e = recorded('preauth-required');
    expect(e.errorCode).toBe(KRB_ERR.PREAUTH_REQUIRED);
    const data = parseErrorData(e.eData!);
    expect(data.kind === 'method-data' && data.padata.map((p) => p.type)).toEqual([16, 15, 147, 2, 136, 655, 19]);
    expect(ntStatusOf(e)).toBeUndefined();
  });

  it("Windows' bare KERB-ERROR-DATA: KERB_ERR_TYPE_EXTENDED gives the status, SKEW_RECOVERY none", () => {
    expect(parseErrorData(seq([ctx(1, integer(3)), ctx(2, octets(extError(0xc000040b)))]))).toEqual({ kind: 'extended', status: 0xc000040b, flags: 1 });
    expect(parseErrorData(seq([ctx(1, integer(2))]))).toEqual({ kind: 'skew-recovery' });
    expect(parseErrorData(seq([ctx(1, integer(7)), ctx(2, octets(Uint8Array.of(1)))]))).toMatchObject({ kind: 'other', dataType: 7 });
  });

  it('a KERB-EXT-ERROR of the wrong size is malformed, never a status read from the wrong bytes', () => {
    for (const len of [0, 4, 11, 13]) {
      const r = decode('e-data', seq([ctx(1, integer(3)), ctx(2, octets(Buffer.alloc(len)))]), parseErrorData);
      expect(r).toMatchObject({ ok: false, error: { code: 'KRB_DECODE_BAD_VALUE' } });
    }
    expect(decode('e-data', seq([ctx(1, integer(3))]), parseErrorData).ok).toBe(false);
  });

  it("a real 12-character PA-PW-SALT is a salt, not a status; a status-shaped one without MS-KILE's flags is not taken either", () => {
    const inPwSalt = (v: Uint8Array) => extendedError(parseErrorData(seq([seq([ctx(1, integer(3)), ctx(2, octets(v))])])));
    expect(inPwSalt(Buffer.from('REALM.COMabc'))).toBeUndefined();
    expect(inPwSalt(extError(0xc0000072, 0))).toBeUndefined();
    expect(inPwSalt(extError(0xc0000072, 1))).toEqual({ status: 0xc0000072, flags: 1 });
  });

  it('the table names every status MS-KILE names for the KDC, each with words and a remedy', () => {
    const names = NT_STATUSES.map((x) => x.name);
    for (const n of [
      'STATUS_ACCOUNT_DISABLED',
      'STATUS_ACCOUNT_EXPIRED',
      'STATUS_ACCOUNT_LOCKED_OUT',
      'STATUS_PASSWORD_EXPIRED',
      'STATUS_PASSWORD_MUST_CHANGE',
      'STATUS_INVALID_LOGON_HOURS',
      'STATUS_INVALID_WORKSTATION',
      'STATUS_AUTHENTICATION_FIREWALL_FAILED',
      'STATUS_CROSSREALM_DELEGATION_FAILURE',
      'STATUS_NO_SUCH_USER',
      'STATUS_WRONG_PASSWORD',
      'STATUS_LOGON_FAILURE',
      'STATUS_ACCOUNT_RESTRICTION',
      'STATUS_NOT_SUPPORTED',
    ]) {
      expect(names).toContain(n);
    }
    expect(new Set(NT_STATUSES.map((x) => x.status)).size).toBe(NT_STATUSES.length);
    for (const x of NT_STATUSES) {
      expect(x.status >>> 0, x.name).toBeGreaterThanOrEqual(0xc0000000);
      expect(x.meaning.length, x.name).toBeGreaterThan(10);
      expect(x.remedy.length, x.name).toBeGreaterThan(10);
    }
    expect(describeNtStatus(0xc0000072)).toBe('STATUS_ACCOUNT_DISABLED (0xC0000072): the account is disabled.');
    expect(describeNtStatus(0xc0001234)).toMatch(/0xC0001234 \(not one this tool knows\)/);
  });
});

describe("kdcFailure uses the KDC's reason before any guess", () => {
  it('disabled: the status in the message, its remedy instead of the likely causes', () => {
    const f = kdcFailure('as', recorded('disabled'), new Date());
    expect(f.code).toBe('KRB_KDC_ERR_CLIENT_REVOKED');
    expect(f.ntStatus).toBe(0xc0000072);
    expect(f.message).toContain("The KDC's reason: STATUS_ACCOUNT_DISABLED (0xC0000072): the account is disabled.");
    expect(f.remedy).toBe('Enable the account.');
  });
  it("locked out (no status from Samba): the RFC table's likely causes stay, said as such", () => {
    const f = kdcFailure('as', recorded('locked-out'), new Date());
    expect(f.ntStatus).toBeUndefined();
    expect(f.remedy).toMatch(/^Likely causes: .*locked out/);
  });
});

describe('the e-data decoder under hostile input', () => {
  const samples = [recorded('disabled').eData!, recorded('preauth-required').eData!, seq([ctx(1, integer(3)), ctx(2, octets(extError(0xc0000072)))])];

  it('random bytes and mutations of real e-data never throw anything but a typed error, and always finish', () => {
    const rnd = prng(0xe0da7a);
    for (let i = 0; i < 6000; i++) {
      const input =
        i % 3 === 0 ? Buffer.from(Array.from({ length: Math.floor(rnd() * 64) }, () => Math.floor(rnd() * 256))) : mutate(samples[i % samples.length]!, rnd);
      const r = decode('e-data', input, parseErrorData);
      if (!r.ok) expect(r.error.code).toMatch(/^KRB_DECODE_/);
      else expect(() => extendedError(r.value)).not.toThrow();
    }
  });

  it('ntStatusOf never throws on a KRB-ERROR with mutated e-data', () => {
    const base = recorded('expired');
    const rnd = prng(0x57a7);
    for (let i = 0; i < 3000; i++) {
      const status = ntStatusOf({ ...base, eData: mutate(base.eData!, rnd) });
      expect(status === undefined || (Number.isInteger(status) && status >= 0 && status <= 0xffffffff)).toBe(true);
    }
  });

  it('nesting and element count stay bounded (a forged deep or wide input is refused, not walked)', () => {
    let deep: Uint8Array = Uint8Array.of(0x30, 0);
    for (let i = 0; i < 200; i++) deep = seq([deep]);
    expect(decode('e-data', deep, parseErrorData).ok).toBe(false);
    const wide = seq(Array.from({ length: 300 }, () => seq([ctx(1, integer(3)), ctx(2, octets(Uint8Array.of()))])));
    expect(decode('e-data', wide, parseErrorData)).toMatchObject({ ok: false, error: { code: 'KRB_DECODE_TOO_MANY' } });
  });
});
