import type { Settings } from '../../contract/settings';
import type { CheckContext } from '../types';
import { pkiInputs } from '../run/pki-inputs';

/** The domain controllers of the settings, as FQDN and realm. */
export function dcHosts(settings: Settings): { fqdn: string; realm: string }[] {
  return settings.kcd.domains
    .filter((d) => d.dcHost.trim() !== '' && d.realm.trim() !== '')
    .map((d) => ({ fqdn: `${d.dcHost.trim()}.${d.realm.trim()}`.toLowerCase(), realm: d.realm.trim().toUpperCase() }));
}

export function apiHost(settings: Settings): { host: string; port: number } | null {
  if (settings.uem.apiUrl.trim() === '') return null;
  try {
    const url = new URL(settings.uem.apiUrl.trim());
    return { host: url.hostname.replace(/^\[|\]$/g, ''), port: url.port === '' ? (url.protocol === 'http:' ? 80 : 443) : Number(url.port) };
  } catch {
    return null;
  }
}

/** HTTP CRL distribution points of the device certificate and its CAs (LDAP ones are pki.no-ldap-urls' business). */
export async function cdpEndpoints(ctx: CheckContext): Promise<{ host: string; port: number; url: string }[]> {
  const inputs = await pkiInputs(ctx);
  const certs = [...(inputs.device === null ? [] : [inputs.device]), ...inputs.intermediates, ...inputs.roots];
  const out: { host: string; port: number; url: string }[] = [];
  for (const url of certs.flatMap((c) => [...c.summary.cdp, ...c.summary.freshestCrl])) {
    try {
      const u = new URL(url);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') continue;
      const port = u.port === '' ? (u.protocol === 'http:' ? 80 : 443) : Number(u.port);
      if (!out.some((e) => e.host === u.hostname && e.port === port)) out.push({ host: u.hostname, port, url });
    } catch {
      continue;
    }
  }
  return out;
}
