/** Kerberos protocol numbers, named once (RFC 4120 §7.5, RFC 6113, MS-KILE, MS-SFU). */

export const PVNO = 5;

/** The KRB-ERROR codes the client and checks act on (RFC 4120 §7.5.9; words for every code: errors.ts). */
export const KRB_ERR = {
  C_PRINCIPAL_UNKNOWN: 6,
  S_PRINCIPAL_UNKNOWN: 7,
  BADOPTION: 13,
  CLIENT_REVOKED: 18,
  KEY_EXPIRED: 23,
  PREAUTH_FAILED: 24,
  PREAUTH_REQUIRED: 25,
  SKEW: 37,
  RESPONSE_TOO_BIG: 52,
} as const;

export const MSG_TYPE = {
  AS_REQ: 10,
  AS_REP: 11,
  TGS_REQ: 12,
  TGS_REP: 13,
  AP_REQ: 14,
  AP_REP: 15,
  KRB_ERROR: 30,
} as const;

/** [APPLICATION n] tags of the encrypted parts and inner structures (RFC 4120 §5). */
export const APP_TAG = {
  TICKET: 1,
  AUTHENTICATOR: 2,
  ENC_TICKET_PART: 3,
  ENC_AS_REP_PART: 25,
  ENC_TGS_REP_PART: 26,
  ENC_AP_REP_PART: 27,
} as const;

export const ETYPE = {
  AES128_CTS_HMAC_SHA1_96: 17,
  AES256_CTS_HMAC_SHA1_96: 18,
  AES128_CTS_HMAC_SHA256_128: 19,
  AES256_CTS_HMAC_SHA384_192: 20,
  RC4_HMAC: 23,
} as const;

export const ETYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'des-cbc-crc',
  3: 'des-cbc-md5',
  16: 'des3-cbc-sha1',
  17: 'aes128-cts-hmac-sha1-96',
  18: 'aes256-cts-hmac-sha1-96',
  19: 'aes128-cts-hmac-sha256-128',
  20: 'aes256-cts-hmac-sha384-192',
  23: 'rc4-hmac',
  24: 'rc4-hmac-exp',
};

export function etypeName(etype: number): string {
  return ETYPE_NAMES[etype] ?? `etype ${etype}`;
}

export const CKSUMTYPE = {
  HMAC_SHA1_96_AES128: 15,
  HMAC_SHA1_96_AES256: 16,
  HMAC_SHA256_128_AES128: 19,
  HMAC_SHA384_192_AES256: 20,
  /** RFC 4757 §4; the checksum of PA-FOR-USER whatever the session key (MS-SFU §2.2.1). */
  HMAC_MD5: -138,
  /** RFC 4121 §4.1.1: the authenticator checksum of a GSS krb5 AP-REQ. */
  GSSAPI: 0x8003,
} as const;

export const NAME_TYPE = {
  UNKNOWN: 0,
  PRINCIPAL: 1,
  SRV_INST: 2,
  SRV_HST: 3,
  ENTERPRISE: 10,
} as const;

export const PA_TYPE = {
  TGS_REQ: 1,
  ENC_TIMESTAMP: 2,
  ETYPE_INFO: 11,
  PK_AS_REQ_OLD: 14,
  PK_AS_REP_OLD: 15,
  PK_AS_REQ: 16,
  PK_AS_REP: 17,
  ETYPE_INFO2: 19,
  PAC_REQUEST: 128,
  FOR_USER: 129,
  S4U_X509_USER: 130,
  FX_FAST: 136,
  ENCRYPTED_CHALLENGE: 138,
  PKINIT_KX: 147,
  PAC_OPTIONS: 167,
  SUPPORTED_ETYPES: 165,
} as const;

export const PA_TYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'PA-TGS-REQ',
  2: 'PA-ENC-TIMESTAMP',
  3: 'PA-PW-SALT',
  11: 'PA-ETYPE-INFO',
  14: 'PA-PK-AS-REQ_OLD',
  15: 'PA-PK-AS-REP_OLD',
  16: 'PA-PK-AS-REQ',
  17: 'PA-PK-AS-REP',
  19: 'PA-ETYPE-INFO2',
  128: 'PA-PAC-REQUEST',
  129: 'PA-FOR-USER',
  130: 'PA-S4U-X509-USER',
  133: 'PA-FX-COOKIE',
  136: 'PA-FX-FAST',
  138: 'PA-ENCRYPTED-CHALLENGE',
  147: 'PKINIT-KX',
  149: 'PA-REQ-ENC-PA-REP',
  165: 'PA-SUPPORTED-ETYPES',
  167: 'PA-PAC-OPTIONS',
  655: 'PA-GSS',
};

/** Key usage numbers (RFC 4120 §7.5.1, MS-SFU, RFC 4121). */
export const KEY_USAGE = {
  AS_REQ_PA_ENC_TIMESTAMP: 1,
  KDC_REP_TICKET: 2,
  AS_REP_ENC_PART: 3,
  TGS_REQ_AUTHZ_DATA_SESSION_KEY: 4,
  TGS_REQ_AUTHZ_DATA_SUBKEY: 5,
  TGS_REQ_PA_TGS_REQ_CKSUM: 6,
  TGS_REQ_PA_TGS_REQ_AUTHENTICATOR: 7,
  TGS_REP_ENC_PART_SESSION_KEY: 8,
  TGS_REP_ENC_PART_SUBKEY: 9,
  AP_REQ_AUTHENTICATOR_CKSUM: 10,
  AP_REQ_AUTHENTICATOR: 11,
  AP_REP_ENC_PART: 12,
  /** MS-SFU §2.2.1: the PA-FOR-USER checksum. */
  PA_FOR_USER_CKSUM: 17,
} as const;

/** KDCOptions bit numbers (RFC 4120 §5.4.1; bit 14 from MS-SFU §2.2.4 / RFC 4120 "reserved"). */
export const KDC_OPTION = {
  FORWARDABLE: 1,
  FORWARDED: 2,
  PROXIABLE: 3,
  PROXY: 4,
  ALLOW_POSTDATE: 5,
  POSTDATED: 6,
  RENEWABLE: 8,
  CNAME_IN_ADDL_TKT: 14,
  CANONICALIZE: 15,
  DISABLE_TRANSITED_CHECK: 26,
  RENEWABLE_OK: 27,
  ENC_TKT_IN_SKEY: 28,
  RENEW: 30,
  VALIDATE: 31,
} as const;

/** TicketFlags bit numbers (RFC 4120 §5.3), with the letters klist uses. */
export const TICKET_FLAGS: readonly { readonly bit: number; readonly name: string; readonly letter: string }[] = [
  { bit: 1, name: 'forwardable', letter: 'F' },
  { bit: 2, name: 'forwarded', letter: 'f' },
  { bit: 3, name: 'proxiable', letter: 'P' },
  { bit: 4, name: 'proxy', letter: 'p' },
  { bit: 5, name: 'may-postdate', letter: 'D' },
  { bit: 6, name: 'postdated', letter: 'd' },
  { bit: 7, name: 'invalid', letter: 'i' },
  { bit: 8, name: 'renewable', letter: 'R' },
  { bit: 9, name: 'initial', letter: 'I' },
  // klist prints H before A; this list is in klist's order so letters compare equal.
  { bit: 11, name: 'hw-authent', letter: 'H' },
  { bit: 10, name: 'pre-authent', letter: 'A' },
  { bit: 12, name: 'transited-policy-checked', letter: 'T' },
  { bit: 13, name: 'ok-as-delegate', letter: 'O' },
  { bit: 15, name: 'enc-pa-rep', letter: 'e' },
  { bit: 16, name: 'anonymous', letter: 'a' },
];

/** GSS-API context flags in the 0x8003 checksum (RFC 4121 §4.1.1.1). DCE_STYLE (0x1000) is deliberately absent: lab-notes. */
export const GSS_FLAG = {
  DELEG: 1,
  MUTUAL: 2,
  REPLAY: 4,
  SEQUENCE: 8,
  CONF: 16,
  INTEG: 32,
} as const;

export const OID = {
  KRB5: '1.2.840.113554.1.2.2',
  MS_KRB5: '1.2.840.48018.1.2.2',
  SPNEGO: '1.3.6.1.5.5.2',
} as const;
