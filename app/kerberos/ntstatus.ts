/**
 * The Windows NTSTATUS values a KDC puts in the KERB-EXT-ERROR of a KRB-ERROR (MS-KILE §2.2.1,
 * values from MS-ERREF §2.3): every status MS-KILE and MS-SFU name for the KDC, and the logon
 * statuses AD's and Samba's KDCs send for an account that may not log on (MS-KILE §3.3.5.7.1,
 * MS-APDS §3.1.5). They say which of several causes lies behind one RFC error code: a bare
 * KDC_ERR_CLIENT_REVOKED may be disabled, expired or locked out; the status names the one.
 * The RFC table (errors.ts) keeps its own names; this table only adds the KDC's reason.
 */
export interface NtStatusInfo {
  readonly status: number;
  readonly name: string;
  /** What the KDC says, in words. */
  readonly meaning: string;
  /** What a person does about it. */
  readonly remedy: string;
  /**
   * The Win32 error of the same cause, as AD writes it in an LDAP bind's diagnostic
   * ("data 533"), so a refusal at the KDC and at LDAP read as one cause.
   */
  readonly win32?: string;
}

const s = (status: number, name: string, meaning: string, remedy: string, win32?: string): NtStatusInfo => ({
  status,
  name,
  meaning,
  remedy,
  ...(win32 === undefined ? {} : { win32 }),
});

export const NT_STATUSES: readonly NtStatusInfo[] = [
  s(0xc0000022, 'STATUS_ACCESS_DENIED', 'access was denied.', 'Check the account and the permissions the request needs.'),
  s(
    0xc000005e,
    'STATUS_NO_LOGON_SERVERS',
    "no domain controller of the account's domain could be reached from this DC.",
    'Check that the DCs of the other domain are running and reachable from the DC that answered.',
  ),
  s(0xc0000064, 'STATUS_NO_SUCH_USER', 'no account of that name exists in the domain.', 'Check the account name and its domain (realm).', '525'),
  s(
    0xc000006a,
    'STATUS_WRONG_PASSWORD',
    'the password is wrong.',
    "Enter the account's current password. Every wrong attempt counts toward the lockout threshold.",
    '52e',
  ),
  s(
    0xc000006d,
    'STATUS_LOGON_FAILURE',
    'the logon failed: unknown user name or wrong password.',
    'Check the account name and password. Every wrong attempt counts toward the lockout threshold.',
    '52e',
  ),
  s(
    0xc000006e,
    'STATUS_ACCOUNT_RESTRICTION',
    'an account restriction forbids this logon (for example Protected Users, a blank password, or an authentication policy).',
    'Remove the restriction for this account: a service account must not be in Protected Users nor under a restrictive authentication policy.',
  ),
  s(
    0xc000006f,
    'STATUS_INVALID_LOGON_HOURS',
    'the account may not log on at this time (logon hours).',
    'Clear the logon hours restriction of the account.',
    '530',
  ),
  s(
    0xc0000070,
    'STATUS_INVALID_WORKSTATION',
    'the account may not log on from this computer (logon workstations, "Log On To").',
    'Clear the workstation restriction (userWorkstations) of the account.',
    '531',
  ),
  s(
    0xc0000071,
    'STATUS_PASSWORD_EXPIRED',
    "the account's password has expired (older than the domain's maximum password age).",
    'Set a new password, and mark it "password never expires" for a service account.',
    '532',
  ),
  s(0xc0000072, 'STATUS_ACCOUNT_DISABLED', 'the account is disabled.', 'Enable the account.', '533'),
  s(
    0xc00000bb,
    'STATUS_NOT_SUPPORTED',
    'the KDC does not support the request.',
    "Check the KDC's version and the domain functional level for the feature used (S4U needs Windows Server 2003 domain functional level or later).",
  ),
  s(
    0xc0000133,
    'STATUS_TIME_DIFFERENCE_AT_DC',
    'the clocks of this computer and the domain controller are too far apart.',
    "Synchronise the clock with the domain's time source (within 5 minutes).",
  ),
  s(
    0xc000018b,
    'STATUS_NO_TRUST_SAM_ACCOUNT',
    'the domain controller has no trust account for this computer or domain.',
    'Re-create the trust (or the computer account).',
  ),
  s(
    0xc000018c,
    'STATUS_TRUSTED_DOMAIN_FAILURE',
    'the trust between the two domains failed.',
    'Validate the trust in Active Directory Domains and Trusts (netdom trust /verify) on both sides.',
  ),
  s(0xc0000190, 'STATUS_TRUST_FAILURE', 'the network logon failed: the trust relationship is broken.', 'Validate or reset the trust between the domains.'),
  s(0xc0000193, 'STATUS_ACCOUNT_EXPIRED', 'the account has expired (accountExpires is in the past).', "Clear or move the account's expiry date.", '701'),
  s(
    0xc0000224,
    'STATUS_PASSWORD_MUST_CHANGE',
    'the account must change its password at next logon.',
    'Set a new password without "must change at next logon", and enter it in the KCD step.',
    '773',
  ),
  s(0xc0000225, 'STATUS_NOT_FOUND', 'the object was not found.', 'Check the names in the request (principal, SPN, realm).'),
  s(
    0xc0000234,
    'STATUS_ACCOUNT_LOCKED_OUT',
    'the account is locked out (too many wrong passwords).',
    'Unlock the account, and find what keeps sending a wrong password before it locks again.',
    '775',
  ),
  s(
    0xc0000388,
    'STATUS_DOWNGRADE_DETECTED',
    'the KDC detected a downgrade of the protocol (FAST or encryption type).',
    'Check for something rewriting Kerberos traffic, and the encryption types of the accounts.',
  ),
  s(0xc00002f9, 'STATUS_PKINIT_NAME_MISMATCH', 'the certificate does not name the account (PKINIT).', "Check the certificate's UPN against the account."),
  s(
    0xc00002fa,
    'STATUS_SMARTCARD_LOGON_REQUIRED',
    'the account requires a smart card to log on, so it has no password key.',
    'Clear "Smart card is required for interactive logon" on the service account.',
  ),
  s(
    0xc0000408,
    'STATUS_USER2USER_REQUIRED',
    'the service can only be reached with user-to-user Kerberos.',
    'Give the target SPN to an account with a password (a computer or service account).',
  ),
  s(
    0xc000040a,
    'STATUS_NO_S4U_PROT_SUPPORT',
    'a domain controller on the path does not support S4U (protocol transition).',
    'Raise the domain functional level and update the DCs of every domain on the trust path.',
  ),
  s(
    0xc000040b,
    'STATUS_CROSSREALM_DELEGATION_FAILURE',
    "constrained delegation may not cross into another domain this way: classic KCD (msDS-AllowedToDelegateTo) only reaches services in the service account's own domain.",
    "Keep the service account and the target SPN in one domain, or use resource-based constrained delegation on the target's account.",
  ),
  s(
    0xc0000413,
    'STATUS_AUTHENTICATION_FIREWALL_FAILED',
    'the logon crossed a firewall: a trust with selective authentication, or an authentication policy silo, does not allow it.',
    'Grant "Allowed to authenticate" on the target\'s computer account to the user (selective authentication), or allow the account in the authentication policy.',
  ),
];

const BY_STATUS = new Map(NT_STATUSES.map((x) => [x.status, x]));

export function ntStatusInfo(status: number): NtStatusInfo | undefined {
  return BY_STATUS.get(status >>> 0);
}

export function ntStatusHex(status: number): string {
  return `0x${(status >>> 0).toString(16).toUpperCase().padStart(8, '0')}`;
}

/** "STATUS_ACCOUNT_DISABLED (0xC0000072): the account is disabled." or the bare hex for an unknown one. */
export function describeNtStatus(status: number): string {
  const info = ntStatusInfo(status);
  return info ? `${info.name} (${ntStatusHex(status)}): ${info.meaning}` : `NTSTATUS ${ntStatusHex(status)} (not one this tool knows).`;
}
