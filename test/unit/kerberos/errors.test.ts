import { describe, expect, it } from 'vitest';
import { KRB_ERRORS, describeKrbError, describeSkew, krbErrorInfo } from '../../../app/kerberos/errors';
import { kdcFailure } from '../../../app/kerberos/client/failure';

/**
 * The oracle, typed from the RFC text: RFC 4120 §7.5.9, RFC 4556 §3.1.3, RFC 6113 §5.4.3.
 * Several tools shift 27/29 and 66/69; these lines pin them.
 */
const EXPECTED: [number, string][] = [
  [0, 'KDC_ERR_NONE'],
  [1, 'KDC_ERR_NAME_EXP'],
  [2, 'KDC_ERR_SERVICE_EXP'],
  [3, 'KDC_ERR_BAD_PVNO'],
  [4, 'KDC_ERR_C_OLD_MAST_KVNO'],
  [5, 'KDC_ERR_S_OLD_MAST_KVNO'],
  [6, 'KDC_ERR_C_PRINCIPAL_UNKNOWN'],
  [7, 'KDC_ERR_S_PRINCIPAL_UNKNOWN'],
  [8, 'KDC_ERR_PRINCIPAL_NOT_UNIQUE'],
  [9, 'KDC_ERR_NULL_KEY'],
  [10, 'KDC_ERR_CANNOT_POSTDATE'],
  [11, 'KDC_ERR_NEVER_VALID'],
  [12, 'KDC_ERR_POLICY'],
  [13, 'KDC_ERR_BADOPTION'],
  [14, 'KDC_ERR_ETYPE_NOSUPP'],
  [15, 'KDC_ERR_SUMTYPE_NOSUPP'],
  [16, 'KDC_ERR_PADATA_TYPE_NOSUPP'],
  [17, 'KDC_ERR_TRTYPE_NOSUPP'],
  [18, 'KDC_ERR_CLIENT_REVOKED'],
  [19, 'KDC_ERR_SERVICE_REVOKED'],
  [20, 'KDC_ERR_TGT_REVOKED'],
  [21, 'KDC_ERR_CLIENT_NOTYET'],
  [22, 'KDC_ERR_SERVICE_NOTYET'],
  [23, 'KDC_ERR_KEY_EXPIRED'],
  [24, 'KDC_ERR_PREAUTH_FAILED'],
  [25, 'KDC_ERR_PREAUTH_REQUIRED'],
  [26, 'KDC_ERR_SERVER_NOMATCH'],
  [27, 'KDC_ERR_MUST_USE_USER2USER'],
  [28, 'KDC_ERR_PATH_NOT_ACCEPTED'],
  [29, 'KDC_ERR_SVC_UNAVAILABLE'],
  [31, 'KRB_AP_ERR_BAD_INTEGRITY'],
  [32, 'KRB_AP_ERR_TKT_EXPIRED'],
  [33, 'KRB_AP_ERR_TKT_NYV'],
  [34, 'KRB_AP_ERR_REPEAT'],
  [35, 'KRB_AP_ERR_NOT_US'],
  [36, 'KRB_AP_ERR_BADMATCH'],
  [37, 'KRB_AP_ERR_SKEW'],
  [38, 'KRB_AP_ERR_BADADDR'],
  [39, 'KRB_AP_ERR_BADVERSION'],
  [40, 'KRB_AP_ERR_MSG_TYPE'],
  [41, 'KRB_AP_ERR_MODIFIED'],
  [42, 'KRB_AP_ERR_BADORDER'],
  [43, 'KRB_AP_ERR_ILL_CR_TKT'],
  [44, 'KRB_AP_ERR_BADKEYVER'],
  [45, 'KRB_AP_ERR_NOKEY'],
  [46, 'KRB_AP_ERR_MUT_FAIL'],
  [47, 'KRB_AP_ERR_BADDIRECTION'],
  [48, 'KRB_AP_ERR_METHOD'],
  [49, 'KRB_AP_ERR_BADSEQ'],
  [50, 'KRB_AP_ERR_INAPP_CKSUM'],
  [51, 'KRB_AP_PATH_NOT_ACCEPTED'],
  [52, 'KRB_ERR_RESPONSE_TOO_BIG'],
  [60, 'KRB_ERR_GENERIC'],
  [61, 'KRB_ERR_FIELD_TOOLONG'],
  [62, 'KDC_ERR_CLIENT_NOT_TRUSTED'],
  [63, 'KDC_ERR_KDC_NOT_TRUSTED'],
  [64, 'KDC_ERR_INVALID_SIG'],
  [65, 'KDC_ERR_DH_KEY_PARAMETERS_NOT_ACCEPTED'],
  [66, 'KDC_ERR_CERTIFICATE_MISMATCH'],
  [67, 'KRB_AP_ERR_NO_TGT'],
  [68, 'KDC_ERR_WRONG_REALM'],
  [69, 'KRB_AP_ERR_USER_TO_USER_REQUIRED'],
  [70, 'KDC_ERR_CANT_VERIFY_CERTIFICATE'],
  [71, 'KDC_ERR_INVALID_CERTIFICATE'],
  [72, 'KDC_ERR_REVOKED_CERTIFICATE'],
  [73, 'KDC_ERR_REVOCATION_STATUS_UNKNOWN'],
  [74, 'KDC_ERR_REVOCATION_STATUS_UNAVAILABLE'],
  [75, 'KDC_ERR_CLIENT_NAME_MISMATCH'],
  [76, 'KDC_ERR_KDC_NAME_MISMATCH'],
  [77, 'KDC_ERR_INCONSISTENT_KEY_PURPOSE'],
  [78, 'KDC_ERR_DIGEST_IN_CERT_NOT_ACCEPTED'],
  [79, 'KDC_ERR_PA_CHECKSUM_MUST_BE_INCLUDED'],
  [80, 'KDC_ERR_DIGEST_IN_SIGNED_DATA_NOT_ACCEPTED'],
  [81, 'KDC_ERR_PUBLIC_KEY_ENCRYPTION_NOT_SUPPORTED'],
  [90, 'KDC_ERR_PREAUTH_EXPIRED'],
  [91, 'KDC_ERR_MORE_PREAUTH_DATA_REQUIRED'],
  [92, 'KDC_ERR_PREAUTH_BAD_AUTHENTICATION_SET'],
  [93, 'KDC_ERR_UNKNOWN_CRITICAL_FAST_OPTIONS'],
];

describe('the KRB-ERROR table', () => {
  it.each(EXPECTED)('code %i is %s, with words', (code, name) => {
    const info = krbErrorInfo(code);
    expect(info.name).toBe(name);
    expect(info.meaning.length).toBeGreaterThan(10);
    expect(describeKrbError(code)).toBe(`${name} (${code}): ${info.meaning}`);
  });
  it('has exactly these codes, each once, in order', () => {
    expect(KRB_ERRORS.map((e) => [e.code, e.name])).toEqual(EXPECTED);
  });
  it('names the RFC of each code', () => {
    expect(krbErrorInfo(92).source).toBe('RFC 6113');
    expect(krbErrorInfo(77).source).toBe('RFC 4556');
    expect(krbErrorInfo(13).source).toBe('RFC 4120');
  });
  it('gives likely causes for the codes a KCD setup meets', () => {
    for (const code of [6, 7, 12, 13, 14, 18, 23, 24, 37, 41, 50, 52]) expect(krbErrorInfo(code).causes.length).toBeGreaterThan(0);
    expect(krbErrorInfo(13).causes.join(' ')).toMatch(/msDS-AllowedToDelegateTo/);
  });
  it('an unknown code still reads as something', () => {
    expect(krbErrorInfo(999).name).toBe('KRB_ERROR_999');
  });
});

describe('clock skew words', () => {
  it('show both clocks and the difference, either way', () => {
    const kdc = new Date('2026-11-25T12:00:00.000Z');
    expect(describeSkew(new Date('2026-11-25T12:10:30.250Z'), kdc)).toBe(
      'local clock 2026-11-25T12:10:30.250Z, KDC clock 2026-11-25T12:00:00.000Z: this machine is 10 min 30.250 s ahead of the KDC (Kerberos allows 5 minutes)',
    );
    expect(describeSkew(new Date('2026-11-25T11:53:00.000Z'), kdc)).toMatch(/7 min 0.000 s behind the KDC/);
  });
  it('a KRB_AP_ERR_SKEW failure carries them, with the KDC time from stime + susec', () => {
    const f = kdcFailure(
      'as',
      { stime: new Date('2026-11-25T12:00:00Z'), susec: 500_000, errorCode: 37, realm: 'EX.COM', sname: { nameType: 2, nameString: ['krbtgt', 'EX.COM'] } },
      new Date('2026-11-25T12:06:00Z'),
    );
    expect(f.code).toBe('KRB_KRB_AP_ERR_SKEW');
    expect(f.message).toContain('KDC clock 2026-11-25T12:00:00.500Z');
    expect(f.message).toContain('5 min 59.500 s ahead');
    expect(f.remedy).toMatch(/NTP/);
  });
});
