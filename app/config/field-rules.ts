/**
 * Rules for single values of the settings, each returning the reason in words when the value
 * is wrong, or null when it is right. The `input.*` checks and the wizard's as-you-type
 * validation both use them, so a person sees the same sentence in both places.
 */

export type Problem = string | null;

const DNS_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIpv4(value: string): boolean {
  return IPV4.test(value);
}

export function isIpv6(value: string): boolean {
  return value.includes(':') && /^[0-9A-Fa-f:.]+$/.test(value) && value.split('::').length <= 2;
}

function dnsNameProblem(value: string, what: string): Problem {
  if (value.length > 253) return `${what} is longer than 253 characters, the limit for a DNS name`;
  if (value.endsWith('.')) return `${what} must not end with a dot`;
  for (const label of value.split('.')) {
    if (label.length === 0) return `${what} has an empty part between two dots`;
    if (label.length > 63) return `${what} has a part longer than 63 characters ("${label.slice(0, 20)}…")`;
    if (!DNS_LABEL.test(label)) {
      return `${what} may contain only letters, digits and hyphens between the dots, and no part may start or end with a hyphen ("${label}")`;
    }
  }
  return null;
}

function required(value: string, what: string): Problem {
  return value.trim().length === 0 ? `${what} is required` : null;
}

export function realmProblem(value: string): Problem {
  const missing = required(value, 'The domain name (realm)');
  if (missing) return missing;
  if (value !== value.toUpperCase()) {
    return `The realm must be in upper case: "${value.toUpperCase()}". Kerberos realms are case-sensitive and AD realms are the DNS domain in capitals`;
  }
  if (!value.includes('.')) {
    return `The realm must be the full DNS domain name, such as SE.AIRWLAB.COM, not the NetBIOS name "${value}"`;
  }
  return dnsNameProblem(value, 'The realm');
}

export function dcHostProblem(value: string): Problem {
  const missing = required(value, 'The domain controller host name');
  if (missing) return missing;
  if (isIpv4(value)) return 'Enter the host name, not an IP address: Kerberos needs the name (pin an address under network hosts)';
  if (value.includes('.')) {
    const short = value.split('.')[0] ?? value;
    return `Enter the host name without its domain ("${short}"); the domain comes from the realm`;
  }
  return dnsNameProblem(value, 'The domain controller host name');
}

export function hostNameProblem(value: string, what: string): Problem {
  const missing = required(value, what);
  if (missing) return missing;
  if (/\s/.test(value)) return `${what} must not contain spaces`;
  if (value.includes('://') || value.includes('/')) return `${what} is a host name only, without "https://" or a path`;
  if (value.includes(':') && !isIpv6(value)) return `${what} must not contain a port; the port has its own field`;
  if (isIpv4(value) || isIpv6(value)) return null;
  return dnsNameProblem(value, what);
}

/** sAMAccountName rules: 20 characters at most for users, none of "/\[]:;|=,+*?<>@ and no control characters. */
export function samAccountNameProblem(value: string, what = 'The service account user name'): Problem {
  const missing = required(value, what);
  if (missing) return missing;
  if (value.includes('\\')) {
    const name = value.slice(value.lastIndexOf('\\') + 1);
    return `Enter the user name without the domain: "${name}", not "${value}"`;
  }
  if (value.includes('@')) {
    const name = value.slice(0, value.indexOf('@'));
    return `Enter the pre-Windows 2000 user name (sAMAccountName) such as "${name}", not the UPN "${value}"`;
  }
  if (value.length > 20) return `${what} is ${value.length} characters long; a user's sAMAccountName has at most 20`;
  const bad = value.match(/["/[\]:;|=,+*?<>]/);
  if (bad) return `${what} must not contain the character ${bad[0]}`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return `${what} must not contain control characters`;
  if (/^[. ]+$/.test(value)) return `${what} cannot consist only of dots and spaces`;
  if (value.endsWith('.')) return `${what} must not end with a dot`;
  return null;
}

/** The target SPN as the SEG asks for it: HTTP/host or HTTP/host.domain, no port, no realm. */
export function targetSpnProblem(value: string): Problem {
  const missing = required(value, 'The target SPN');
  if (missing) return missing;
  if (/\s/.test(value)) return 'The target SPN must not contain spaces';
  const slash = value.indexOf('/');
  if (slash < 0) return `The target SPN has the form HTTP/host, for example "HTTP/${value}"`;
  const serviceClass = value.slice(0, slash);
  const rest = value.slice(slash + 1);
  if (serviceClass !== 'HTTP') {
    const suggestion = `HTTP/${rest.split(/[@:/]/)[0] ?? rest}`;
    if (serviceClass.toUpperCase() === 'HTTP') return `Write the service class in capitals: "${suggestion}"`;
    return `ActiveSync is reached over HTTP, so the service class is HTTP: "${suggestion}", not "${serviceClass}/…"`;
  }
  if (rest.includes('@')) return `Leave the realm out of the SPN: "HTTP/${rest.slice(0, rest.indexOf('@'))}"`;
  if (rest.includes('/')) return 'The target SPN has exactly one slash: HTTP/host';
  if (rest.includes(':')) return `Leave the port out of the SPN: "HTTP/${rest.slice(0, rest.indexOf(':'))}"; Exchange registers HTTP SPNs without one`;
  return hostNameProblem(rest, 'The host in the target SPN');
}

export function portProblem(value: number): Problem {
  if (!Number.isInteger(value) || value < 1 || value > 65535) return `The port must be a whole number from 1 to 65535, not ${value}`;
  return null;
}

export function apiUrlProblem(value: string): Problem {
  const missing = required(value, 'The API server URL');
  if (missing) return missing;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a URL; enter it as https://as1506.awmdm.com`;
  }
  if (url.protocol !== 'https:') return `The API server URL must start with https:// (the UEM API is served over TLS), not ${url.protocol}//`;
  if (url.username || url.password) return 'Do not put a user name or password in the URL; use the fields for them';
  if (url.search || url.hash) return 'The API server URL must not contain a query (?…) or fragment (#…)';
  if (url.pathname !== '/' && url.pathname !== '') return `Enter only the server, without a path: "${url.origin}"`;
  return hostNameProblem(url.hostname.replace(/^\[|\]$/g, ''), 'The API server host');
}

/** The Workspace ONE token service: https://<region>.uemauth.workspaceone.com/connect/token (uem-api-notes.md 3.3). */
export function oauthTokenUrlProblem(value: string): Problem {
  const missing = required(value, 'The OAuth token URL');
  if (missing) return missing;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a URL; it looks like https://na.uemauth.workspaceone.com/connect/token`;
  }
  if (url.protocol !== 'https:') return 'The OAuth token URL must start with https://';
  if (url.pathname !== '/connect/token' || url.search || url.hash || url.username || url.password) {
    return `The token URL ends in /connect/token, e.g. https://${url.host}/connect/token`;
  }
  return hostNameProblem(url.hostname, 'The token service host');
}

export function emailPathProblem(value: string): Problem {
  if (!value.startsWith('/')) return `The ActiveSync path must start with "/", for example /Microsoft-Server-ActiveSync`;
  if (/[\s?#]/.test(value)) return 'The ActiveSync path must not contain spaces, "?" or "#"';
  return null;
}

/** Who the test mailbox is: a UPN, DOMAIN\user or a plain user name. */
export function mailboxUserProblem(value: string): Problem {
  if (/\s/.test(value.trim()) || value !== value.trim()) return 'The test mailbox must not contain spaces';
  if (value.includes('@')) {
    const [user, domain] = value.split('@');
    if (!user || !domain || value.split('@').length !== 2) return `"${value}" is not a valid user principal name (user@domain)`;
    return hostNameProblem(domain, 'The domain of the test mailbox');
  }
  if (value.includes('\\')) {
    const [domain, user] = value.split('\\');
    if (!domain || !user || value.split('\\').length !== 2) return `"${value}" is not of the form DOMAIN\\user`;
    return samAccountNameProblem(user, 'The test mailbox user name');
  }
  return samAccountNameProblem(value, 'The test mailbox user name');
}

export function ipAddressProblem(value: string, what: string): Problem {
  return isIpv4(value) || isIpv6(value) ? null : `${what} must be an IP address such as 10.1.2.3, not "${value}"`;
}

export function timeoutProblem(value: number): Problem {
  if (!Number.isInteger(value) || value < 100 || value > 120_000) {
    return `The network timeout must be a whole number of milliseconds from 100 to 120000, not ${value}`;
  }
  return null;
}
