import { describe, expect, it } from 'vitest';
import { decodeUac, describeUac, hasUac } from '../../../app/ldap/uac';
import { decodeEnctypes, describeEnctypes, judgeEnctypes } from '../../../app/ldap/enctypes';

describe('userAccountControl', () => {
  it('names the flags of the lab service account (0x1010200)', () => {
    expect(decodeUac(16843264)).toEqual(['NORMAL_ACCOUNT', 'DONT_EXPIRE_PASSWORD', 'TRUSTED_TO_AUTH_FOR_DELEGATION']);
    expect(describeUac(16843264)).toBe('16843264 = 0x1010200 (NORMAL_ACCOUNT | DONT_EXPIRE_PASSWORD | TRUSTED_TO_AUTH_FOR_DELEGATION)');
  });

  it('finds NOT_DELEGATED and a disabled workstation account, and keeps unknown bits visible', () => {
    expect(hasUac(0x100200, 'NOT_DELEGATED')).toBe(true);
    expect(hasUac(0x200, 'NOT_DELEGATED')).toBe(false);
    expect(decodeUac(4098)).toEqual(['ACCOUNTDISABLE', 'WORKSTATION_TRUST_ACCOUNT']);
    expect(decodeUac(0x200 | 0x8000000)).toEqual(['NORMAL_ACCOUNT', '0x8000000']);
    expect(describeUac(0)).toBe('0 = 0x0 (no flags)');
  });
});

describe('msDS-SupportedEncryptionTypes', () => {
  it('decodes names', () => {
    expect(decodeEnctypes(24)).toEqual(['AES128-CTS-HMAC-SHA1-96', 'AES256-CTS-HMAC-SHA1-96']);
    expect(decodeEnctypes(0x1001c)).toEqual(['RC4-HMAC', 'AES128-CTS-HMAC-SHA1-96', 'AES256-CTS-HMAC-SHA1-96', 'FAST-supported']);
    expect(describeEnctypes(undefined)).toBe('not set');
    expect(describeEnctypes(4)).toBe('4 = 0x4 (RC4-HMAC)');
  });

  it.each([
    [undefined, 'unset'],
    [0, 'unset'],
    [4, 'rc4-only'],
    [24, 'aes'],
    [28, 'aes'],
    [16, 'aes'],
    [0x1c | 0x3, 'des'],
    [2, 'des'],
    [0x10000, 'none'],
  ] as const)('judges %s as %s', (value, kind) => {
    expect(judgeEnctypes(value).kind).toBe(kind);
  });
});
