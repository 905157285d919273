import type { Settings } from '../../app/contract/settings';

/**
 * Answers the wizard already knows, offered as one-click fixes beside a field ("Use
 * SE.AIRWLAB.COM"). Each returns the value to put in, or null when there is nothing sure to
 * offer: the field's own validation message still says what is wrong.
 */

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const isAddress = (host: string) => IPV4.test(host) || host.includes(':');

/** The host of something typed as a URL or host:port ("https://semail01.se.airwlab.com:443/owa" → semail01.se.airwlab.com). */
function hostOf(value: string): string {
  const withoutScheme = value.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  return (withoutScheme.split('/')[0] ?? '').replace(/:\d*$/, '');
}

/** Kerberos realms are the DNS domain in capitals: "se.airwlab.com" → SE.AIRWLAB.COM. */
export function realmFix(value: string): string | null {
  const realm = value.trim();
  return realm.includes('.') && realm !== realm.toUpperCase() ? realm.toUpperCase() : null;
}

/** A DC typed with its domain: the host name alone, and the realm its domain gives. */
export function dcHostFix(value: string): { readonly dcHost: string; readonly realm: string } | null {
  const host = value.trim();
  if (isAddress(host) || !host.includes('.')) return null;
  const [dcHost = '', ...domain] = host.split('.');
  if (dcHost === '' || domain.some((label) => label === '')) return null;
  return { dcHost, realm: domain.join('.').toUpperCase() };
}

/** The target SPN as the SEG asks for it: HTTP/host, no realm, no port ("semail01" → HTTP/semail01). */
export function targetSpnFix(value: string): string | null {
  const typed = value.trim();
  if (typed === '' || /\s/.test(typed)) return null;
  const slash = typed.indexOf('/');
  const scheme = /^https?:\/\//i.test(typed);
  const host = scheme ? hostOf(typed) : (typed.slice(slash + 1).split(/[@:/]/)[0] ?? '');
  if (host === '') return null;
  const fixed = `HTTP/${host}`;
  return fixed === typed ? null : fixed;
}

/** The pre-Windows 2000 name alone: "SE\aw_KCDsvc" or "aw_KCDsvc@se.airwlab.com" → aw_KCDsvc. */
export function accountNameFix(value: string): string | null {
  const typed = value.trim();
  const name = typed.includes('\\') ? typed.slice(typed.lastIndexOf('\\') + 1) : typed.includes('@') ? typed.slice(0, typed.indexOf('@')) : typed;
  return name !== typed && name !== '' ? name : null;
}

/** A host name typed as a URL or with a port: the host alone. */
export function hostNameFix(value: string): string | null {
  const typed = value.trim();
  const host = hostOf(typed);
  return host !== typed && host !== '' && !isAddress(host) ? host : null;
}

/** The API server typed without https:// or with a path: the origin alone. */
export function apiUrlFix(value: string): string | null {
  const typed = value.trim();
  if (typed === '' || /\s/.test(typed)) return null;
  const host = hostOf(typed);
  if (host === '' || !host.includes('.')) return null;
  const port = /^(?:[a-z][a-z0-9+.-]*:\/\/)?[^/]*?(:\d+)(?:\/|$)/i.exec(typed)?.[1] ?? '';
  const fixed = `https://${host}${port}`;
  return fixed === typed ? null : fixed;
}

/**
 * The target SPN the email server calls for (guide, "Configure SEG on the UEM console", step 7):
 * HTTP/ and the host the SEG uses for Exchange, or the CAS array's when there is one, without its domain.
 */
function spnForEmail(email: Settings['email']): { readonly spn: string; readonly host: string } | null {
  const host = hostOf(email.casArray.enabled ? email.casArray.fqdn : email.host);
  if (host === '' || isAddress(host)) return null;
  return { spn: `HTTP/${host.split('.')[0] ?? host}`, host };
}

/**
 * The SPN to offer when the target SPN names another host than the email server (or CAS array):
 * HTTP/semail01 and HTTP/semail01.se.airwlab.com both name semail01.se.airwlab.com.
 */
export function spnCrossCheck(targetSpn: string, email: Settings['email']): { readonly spn: string; readonly host: string } | null {
  const wanted = spnForEmail(email);
  const named = /^HTTP\/([^/@:\s]+)$/i.exec(targetSpn.trim())?.[1]?.toLowerCase();
  if (wanted === null || named === undefined) return null;
  const host = wanted.host.toLowerCase();
  return named === host || named === host.split('.')[0] ? null : wanted;
}
