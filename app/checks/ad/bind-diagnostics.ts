import { psLiteral } from '../../scripts/quote';

/**
 * LDAP result 49 (invalidCredentials) from AD, and from Samba which copies it, carries the
 * Windows reason in its diagnostic message: `AcceptSecurityContext error, data 52e, v1db1`.
 * The `data` value is a Win32 error code (winerror.h), which tells a wrong password from a
 * disabled, locked or expired account.
 */

export type BindSubCode = '525' | '52e' | '530' | '531' | '532' | '533' | '701' | '773' | '775';

export interface BindReason {
  readonly subCode: BindSubCode;
  /** The Win32 name, for people who search for it. */
  readonly win32: string;
  readonly meaning: string;
  /** True when the password itself was wrong: trying it again only counts toward lockout. */
  readonly wrongPassword: boolean;
}

const REASONS: Readonly<Record<BindSubCode, Omit<BindReason, 'subCode'>>> = {
  '525': { win32: 'ERROR_NO_SUCH_USER', meaning: 'the account does not exist', wrongPassword: false },
  '52e': {
    win32: 'ERROR_LOGON_FAILURE',
    meaning: 'wrong password, or no account of that name (AD does not say which)',
    wrongPassword: true,
  },
  '530': { win32: 'ERROR_INVALID_LOGON_HOURS', meaning: 'logon is not allowed at this time (logon hours)', wrongPassword: false },
  '531': { win32: 'ERROR_INVALID_WORKSTATION', meaning: 'logon is not allowed from this computer (logon workstations)', wrongPassword: false },
  '532': { win32: 'ERROR_PASSWORD_EXPIRED', meaning: 'the password has expired (older than the maximum password age)', wrongPassword: false },
  '533': { win32: 'ERROR_ACCOUNT_DISABLED', meaning: 'the account is disabled', wrongPassword: false },
  '701': { win32: 'ERROR_ACCOUNT_EXPIRED', meaning: 'the account has expired (accountExpires is in the past)', wrongPassword: false },
  '773': { win32: 'ERROR_PASSWORD_MUST_CHANGE', meaning: 'the password must be changed at next logon', wrongPassword: false },
  '775': { win32: 'ERROR_ACCOUNT_LOCKED_OUT', meaning: 'the account is locked out', wrongPassword: false },
};

/** The reason in a result-49 diagnostic message, or null when it names none this product knows. */
export function parseBindReason(diagnostic: string): BindReason | null {
  const match = /\bdata\s+([0-9a-f]{3,8})\b/i.exec(diagnostic);
  return bindReason(match?.[1] ?? '');
}

/** The reason for a Win32 sub-code (hex, as AD writes it: "533"), or null for one this product does not know. */
export function bindReason(code: string): BindReason | null {
  const lower = code.toLowerCase();
  if (!Object.hasOwn(REASONS, lower)) return null;
  const subCode = lower as BindSubCode;
  return { subCode, ...REASONS[subCode] };
}

/** What a person does about it: words and a PowerShell line for a domain admin. */
export function bindRemedy(reason: BindReason, account: string, realm: string): { remedy: string; command: string } {
  const id = psLiteral(account);
  switch (reason.subCode) {
    case '52e':
      return {
        remedy: `Check the service account password in the KCD step (and that ${account} exists in ${realm}). The tool does not try again: every wrong password counts toward the account's lockout threshold.`,
        command: `Get-ADUser -Identity ${id} -Server ${psLiteral(realm.toLowerCase())} -Properties 'badPwdCount','LockedOut','userPrincipalName'`,
      };
    case '525':
      return {
        remedy: `No account ${account} exists in ${realm}: check the service account name, or create it.`,
        command: `New-ADUser -Name ${id} -SamAccountName ${id} -UserPrincipalName ${psLiteral(`${account}@${realm.toLowerCase()}`)} -AccountPassword (Read-Host -AsSecureString) -Enabled $true -PasswordNeverExpires $true`,
      };
    case '530':
    case '531':
      return {
        remedy: `${account} is restricted to certain logon hours or computers: remove the restriction for a service account.`,
        command: `Set-ADUser -Identity ${id} -Clear 'logonHours','userWorkstations'`,
      };
    case '532':
    case '773':
      return {
        remedy: `Set a new password for ${account} and enter it in the KCD step; a service account's password should not expire.`,
        command: `Set-ADAccountPassword -Identity ${id} -Reset -NewPassword (Read-Host -AsSecureString); Set-ADUser -Identity ${id} -PasswordNeverExpires $true -ChangePasswordAtLogon $false`,
      };
    case '533':
      return { remedy: `Enable the account ${account}.`, command: `Enable-ADAccount -Identity ${id}` };
    case '701':
      return { remedy: `The account ${account} has expired: clear its expiry date.`, command: `Clear-ADAccountExpiration -Identity ${id}` };
    case '775':
      return {
        remedy: `Unlock ${account}, and find what keeps sending a wrong password (an old password saved on another SEG?) before it locks again.`,
        command: `Unlock-ADAccount -Identity ${id}`,
      };
  }
}
