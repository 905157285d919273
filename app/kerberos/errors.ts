/**
 * Every KRB-ERROR code of RFC 4120 §7.5.9, RFC 4556 §3.1.3 (PKINIT) and RFC 6113 §5.4.3
 * (FAST), with the name, plain words and the causes seen in Active Directory KCD setups.
 * Numbering checked against the RFC text: 27 is MUST_USE_USER2USER and 29 SVC_UNAVAILABLE;
 * 66 is CERTIFICATE_MISMATCH and 69 USER_TO_USER_REQUIRED (tools that shift these are wrong).
 */
export interface KrbErrorInfo {
  readonly code: number;
  readonly name: string;
  readonly source: 'RFC 4120' | 'RFC 4556' | 'RFC 6113' | 'RFC 1510';
  /** What the KDC or server said, in words. */
  readonly meaning: string;
  /** What usually causes it in a KCD deployment, most likely first. */
  readonly causes: readonly string[];
}

const e = (code: number, name: string, source: KrbErrorInfo['source'], meaning: string, causes: string[] = []): KrbErrorInfo => ({
  code,
  name,
  source,
  meaning,
  causes,
});

export const KRB_ERRORS: readonly KrbErrorInfo[] = [
  e(0, 'KDC_ERR_NONE', 'RFC 4120', 'No error: the request succeeded.'),
  e(1, 'KDC_ERR_NAME_EXP', 'RFC 4120', "The client's account has expired.", ['The account expiry date (accountExpires) has passed.']),
  e(2, 'KDC_ERR_SERVICE_EXP', 'RFC 4120', "The service's account has expired.", ['The account holding the SPN has an expiry date in the past.']),
  e(3, 'KDC_ERR_BAD_PVNO', 'RFC 4120', 'The KDC does not support the requested protocol version.', ['The request was not Kerberos 5.']),
  e(4, 'KDC_ERR_C_OLD_MAST_KVNO', 'RFC 4120', "The client's key is encrypted in an old master key."),
  e(5, 'KDC_ERR_S_OLD_MAST_KVNO', 'RFC 4120', "The server's key is encrypted in an old master key."),
  e(6, 'KDC_ERR_C_PRINCIPAL_UNKNOWN', 'RFC 4120', 'The client principal is not in the Kerberos database.', [
    'The service account name is misspelt or lives in another domain.',
    "For S4U2Self: the UPN from the device certificate does not match any user's userPrincipalName.",
    'The realm is wrong for this user.',
  ]),
  e(7, 'KDC_ERR_S_PRINCIPAL_UNKNOWN', 'RFC 4120', 'The service principal is not in the Kerberos database.', [
    'The target SPN is not registered on any account (setspn -Q shows none).',
    'The SPN is registered on two accounts (duplicate SPN): the KDC then refuses it.',
    'The host name in the SPN is not the one registered (short name vs. FQDN).',
  ]),
  e(8, 'KDC_ERR_PRINCIPAL_NOT_UNIQUE', 'RFC 4120', 'More than one database entry has this principal name.', ['A duplicate SPN or UPN in the forest.']),
  e(9, 'KDC_ERR_NULL_KEY', 'RFC 4120', 'The client or server has a null key.', [
    'The account has no password set (e.g. a computer account created but never given a password).',
  ]),
  e(10, 'KDC_ERR_CANNOT_POSTDATE', 'RFC 4120', 'The ticket cannot be postdated.'),
  e(11, 'KDC_ERR_NEVER_VALID', 'RFC 4120', 'The requested start time is later than the end time.', ['The local clock is far off.']),
  e(12, 'KDC_ERR_POLICY', 'RFC 4120', 'KDC policy rejects the request.', [
    'The account is disabled.',
    'Logon hours or workstation restrictions apply.',
    'The account is restricted from delegation by policy.',
  ]),
  e(13, 'KDC_ERR_BADOPTION', 'RFC 4120', 'The KDC cannot accommodate a requested option.', [
    "S4U2Proxy: the target SPN is not in the service account's msDS-AllowedToDelegateTo.",
    'S4U2Proxy: the S4U2Self ticket is not forwardable (the service account lacks TRUSTED_TO_AUTH_FOR_DELEGATION, or the user is "sensitive and cannot be delegated").',
    'Protocol transition ("use any authentication protocol") is off for the service account.',
  ]),
  e(14, 'KDC_ERR_ETYPE_NOSUPP', 'RFC 4120', 'The KDC has no support for the encryption type.', [
    'The account has no keys of the offered types (e.g. RC4-only msDS-SupportedEncryptionTypes while only AES is offered).',
    'The password was last set before AES keys existed for the account: set it again.',
  ]),
  e(15, 'KDC_ERR_SUMTYPE_NOSUPP', 'RFC 4120', 'The KDC has no support for the checksum type.'),
  e(16, 'KDC_ERR_PADATA_TYPE_NOSUPP', 'RFC 4120', 'The KDC has no support for the pre-authentication data type.'),
  e(17, 'KDC_ERR_TRTYPE_NOSUPP', 'RFC 4120', 'The KDC has no support for the transited type.'),
  e(18, 'KDC_ERR_CLIENT_REVOKED', 'RFC 4120', "The client's credentials have been revoked.", [
    'The account is locked out (too many bad passwords).',
    'The account is disabled.',
  ]),
  e(19, 'KDC_ERR_SERVICE_REVOKED', 'RFC 4120', "The server's credentials have been revoked."),
  e(20, 'KDC_ERR_TGT_REVOKED', 'RFC 4120', 'The TGT has been revoked.'),
  e(21, 'KDC_ERR_CLIENT_NOTYET', 'RFC 4120', 'The client is not yet valid; try again later.'),
  e(22, 'KDC_ERR_SERVICE_NOTYET', 'RFC 4120', 'The server is not yet valid; try again later.'),
  e(23, 'KDC_ERR_KEY_EXPIRED', 'RFC 4120', "The client's password has expired.", [
    'The service account password passed its maximum age; set "password never expires" for it.',
  ]),
  e(24, 'KDC_ERR_PREAUTH_FAILED', 'RFC 4120', 'Pre-authentication failed.', [
    'Wrong service account password (each attempt counts toward lockout).',
    'The password was changed in AD but not in the settings.',
  ]),
  e(25, 'KDC_ERR_PREAUTH_REQUIRED', 'RFC 4120', 'Additional pre-authentication is required.', ['Normal first step: the KDC asks for PA-ENC-TIMESTAMP.']),
  e(26, 'KDC_ERR_SERVER_NOMATCH', 'RFC 4120', "The requested server and the ticket don't match."),
  e(27, 'KDC_ERR_MUST_USE_USER2USER', 'RFC 4120', 'The server principal is valid for user-to-user only.'),
  e(28, 'KDC_ERR_PATH_NOT_ACCEPTED', 'RFC 4120', 'KDC policy rejects the transited path.', ['A cross-realm trust path is not allowed.']),
  e(29, 'KDC_ERR_SVC_UNAVAILABLE', 'RFC 4120', 'A service is not available.', ['The KDC is starting, overloaded or cannot reach its database.']),
  e(31, 'KRB_AP_ERR_BAD_INTEGRITY', 'RFC 4120', 'The integrity check on a decrypted field failed.', [
    'The key used does not match (stale keytab, wrong password, wrong key usage).',
    'A message was modified in transit.',
  ]),
  e(32, 'KRB_AP_ERR_TKT_EXPIRED', 'RFC 4120', 'The ticket has expired.', ['Get a new ticket; check the clock.']),
  e(33, 'KRB_AP_ERR_TKT_NYV', 'RFC 4120', 'The ticket is not yet valid.', ['Clock skew between the client, the KDC and the server.']),
  e(34, 'KRB_AP_ERR_REPEAT', 'RFC 4120', 'The request is a replay.', ['An authenticator was sent twice (each request needs a fresh one).']),
  e(35, 'KRB_AP_ERR_NOT_US', 'RFC 4120', "The ticket isn't for us.", ['The server has a different SPN than the ticket names.']),
  e(36, 'KRB_AP_ERR_BADMATCH', 'RFC 4120', "The ticket and authenticator don't match."),
  e(37, 'KRB_AP_ERR_SKEW', 'RFC 4120', 'The clock skew is too great (more than 5 minutes by default).', [
    'The local clock, or the DC clock, is wrong: synchronise both with NTP.',
  ]),
  e(38, 'KRB_AP_ERR_BADADDR', 'RFC 4120', 'Incorrect network address.', ['The ticket is bound to addresses and the request came from another one.']),
  e(39, 'KRB_AP_ERR_BADVERSION', 'RFC 4120', 'Protocol version mismatch.'),
  e(40, 'KRB_AP_ERR_MSG_TYPE', 'RFC 4120', 'Invalid message type.'),
  e(41, 'KRB_AP_ERR_MODIFIED', 'RFC 4120', 'The message stream was modified.', [
    'The server decrypted the ticket with a different key than the KDC used: stale keytab or a duplicate SPN on another account.',
  ]),
  e(42, 'KRB_AP_ERR_BADORDER', 'RFC 4120', 'Message out of order.'),
  e(43, 'KRB_AP_ERR_ILL_CR_TKT', 'RFC 1510', 'Illegal cross-realm ticket (RFC 1510; not listed in RFC 4120).'),
  e(44, 'KRB_AP_ERR_BADKEYVER', 'RFC 4120', 'The specified version of the key is not available.', [
    'The keytab is older than the account password (kvno mismatch); re-export it.',
  ]),
  e(45, 'KRB_AP_ERR_NOKEY', 'RFC 4120', 'The service key is not available.', ["The keytab has no key of the ticket's encryption type."]),
  e(46, 'KRB_AP_ERR_MUT_FAIL', 'RFC 4120', 'Mutual authentication failed.'),
  e(47, 'KRB_AP_ERR_BADDIRECTION', 'RFC 4120', 'Incorrect message direction.'),
  e(48, 'KRB_AP_ERR_METHOD', 'RFC 4120', 'An alternative authentication method is required.'),
  e(49, 'KRB_AP_ERR_BADSEQ', 'RFC 4120', 'Incorrect sequence number in the message.'),
  e(50, 'KRB_AP_ERR_INAPP_CKSUM', 'RFC 4120', 'Inappropriate type of checksum in the message.', [
    'A TGS-REQ authenticator without the checksum over the request body (Samba 4.17 requires it).',
    'A checksum type that does not go with the key.',
  ]),
  e(51, 'KRB_AP_PATH_NOT_ACCEPTED', 'RFC 4120', 'Policy rejects the transited path.'),
  e(52, 'KRB_ERR_RESPONSE_TOO_BIG', 'RFC 4120', 'The response is too big for UDP; retry with TCP.', [
    'A PAC makes replies larger than one datagram; use TCP (MaxPacketSize 1 on Windows clients).',
  ]),
  e(60, 'KRB_ERR_GENERIC', 'RFC 4120', 'Generic error; the e-text says more.'),
  e(61, 'KRB_ERR_FIELD_TOOLONG', 'RFC 4120', 'A field is too long for this implementation.'),
  e(62, 'KDC_ERR_CLIENT_NOT_TRUSTED', 'RFC 4556', 'PKINIT: the client certificate is not trusted.', ['The issuing CA is not in NTAuth.']),
  e(63, 'KDC_ERR_KDC_NOT_TRUSTED', 'RFC 4120', 'PKINIT: the KDC is not trusted (reserved in RFC 4120).'),
  e(64, 'KDC_ERR_INVALID_SIG', 'RFC 4556', 'PKINIT: the signature is invalid.'),
  e(65, 'KDC_ERR_DH_KEY_PARAMETERS_NOT_ACCEPTED', 'RFC 4556', 'PKINIT: the Diffie-Hellman parameters are not accepted (KDC_ERR_KEY_TOO_WEAK in RFC 4120).'),
  e(66, 'KDC_ERR_CERTIFICATE_MISMATCH', 'RFC 4120', 'PKINIT: certificate mismatch (reserved in RFC 4120).'),
  e(67, 'KRB_AP_ERR_NO_TGT', 'RFC 4120', 'No TGT is available to validate user-to-user.'),
  e(68, 'KDC_ERR_WRONG_REALM', 'RFC 4120', 'Wrong realm: the request belongs to another realm (referral).', [
    'The user or service is in another domain of the forest.',
  ]),
  e(69, 'KRB_AP_ERR_USER_TO_USER_REQUIRED', 'RFC 4120', 'The ticket must be for user-to-user.'),
  e(70, 'KDC_ERR_CANT_VERIFY_CERTIFICATE', 'RFC 4556', 'PKINIT: the client certificate cannot be verified.', [
    'The chain does not build on the DC; an intermediate is missing.',
  ]),
  e(71, 'KDC_ERR_INVALID_CERTIFICATE', 'RFC 4556', 'PKINIT: the client certificate is invalid.'),
  e(72, 'KDC_ERR_REVOKED_CERTIFICATE', 'RFC 4556', 'PKINIT: the client certificate is revoked.'),
  e(73, 'KDC_ERR_REVOCATION_STATUS_UNKNOWN', 'RFC 4556', 'PKINIT: the revocation status is unknown.', ['The DC cannot fetch the CRL.']),
  e(74, 'KDC_ERR_REVOCATION_STATUS_UNAVAILABLE', 'RFC 4120', 'PKINIT: the revocation status is unavailable (reserved in RFC 4120).'),
  e(75, 'KDC_ERR_CLIENT_NAME_MISMATCH', 'RFC 4556', 'PKINIT: the client name does not match the certificate.'),
  e(76, 'KDC_ERR_KDC_NAME_MISMATCH', 'RFC 4120', 'PKINIT: the KDC name does not match its certificate (reserved in RFC 4120).'),
  e(77, 'KDC_ERR_INCONSISTENT_KEY_PURPOSE', 'RFC 4556', 'PKINIT: the certificate lacks the required key purpose (EKU).'),
  e(78, 'KDC_ERR_DIGEST_IN_CERT_NOT_ACCEPTED', 'RFC 4556', 'PKINIT: the digest algorithm in the certificate is not accepted.'),
  e(79, 'KDC_ERR_PA_CHECKSUM_MUST_BE_INCLUDED', 'RFC 4556', 'PKINIT: the paChecksum must be included.'),
  e(80, 'KDC_ERR_DIGEST_IN_SIGNED_DATA_NOT_ACCEPTED', 'RFC 4556', 'PKINIT: the digest algorithm in the signed data is not accepted.'),
  e(81, 'KDC_ERR_PUBLIC_KEY_ENCRYPTION_NOT_SUPPORTED', 'RFC 4556', 'PKINIT: public-key encryption delivery is not supported.'),
  e(90, 'KDC_ERR_PREAUTH_EXPIRED', 'RFC 6113', 'The pre-authentication data has expired.'),
  e(91, 'KDC_ERR_MORE_PREAUTH_DATA_REQUIRED', 'RFC 6113', 'More pre-authentication data is required.'),
  e(92, 'KDC_ERR_PREAUTH_BAD_AUTHENTICATION_SET', 'RFC 6113', 'The pre-authentication set is bad.'),
  e(93, 'KDC_ERR_UNKNOWN_CRITICAL_FAST_OPTIONS', 'RFC 6113', 'An unknown critical FAST option was requested.'),
];

const BY_CODE = new Map(KRB_ERRORS.map((x) => [x.code, x]));

/** The entry for a code; an unknown code still gets a readable entry. */
export function krbErrorInfo(code: number): KrbErrorInfo {
  return (
    BY_CODE.get(code) ?? { code, name: `KRB_ERROR_${code}`, source: 'RFC 4120', meaning: `Kerberos error ${code} (not in RFC 4120, 4556 or 6113).`, causes: [] }
  );
}

/** "KDC_ERR_BADOPTION (13): The KDC cannot accommodate a requested option." */
export function describeKrbError(code: number): string {
  const info = krbErrorInfo(code);
  return `${info.name} (${code}): ${info.meaning}`;
}

/**
 * Clock-skew words with both clocks and the difference (KRB_AP_ERR_SKEW carries the KDC's
 * stime/susec; lab-notes "Clock skew").
 */
export function describeSkew(local: Date, kdc: Date): string {
  const diffMs = local.getTime() - kdc.getTime();
  const abs = Math.abs(diffMs) / 1000;
  const m = Math.floor(abs / 60);
  const s = (abs - m * 60).toFixed(3);
  const dir = diffMs >= 0 ? 'ahead of' : 'behind';
  return `local clock ${local.toISOString()}, KDC clock ${kdc.toISOString()}: this machine is ${m} min ${s} s ${dir} the KDC (Kerberos allows 5 minutes)`;
}
