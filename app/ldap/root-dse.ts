import type { Client } from 'ldapts';
import { err, ok, type Result } from '../contract/result';
import { text, texts } from './entry';

/** The rootDSE facts the checks use (MS-ADTS 3.1.1.3.2), readable before any bind. */
export interface RootDse {
  readonly defaultNamingContext: string;
  readonly configurationNamingContext: string;
  readonly rootDomainNamingContext: string;
  readonly dnsHostName?: string;
  readonly currentTime?: Date;
  readonly isGlobalCatalogReady: boolean;
}

/** rootDSE currentTime: GeneralizedTime `YYYYMMDDhhmmss.0Z`, whole seconds (lab-notes "Clock skew"). */
export function parseGeneralizedTime(value: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:[.,](\d+))?Z$/.exec(value.trim());
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, frac] = m;
  const ms = frac === undefined ? 0 : Math.round(Number(`0.${frac}`) * 1000);
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms));
  if (
    Number.isNaN(date.getTime()) ||
    date.getUTCMonth() !== Number(mo) - 1 ||
    date.getUTCDate() !== Number(d) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 60
  )
    return null;
  return date;
}

const ATTRIBUTES = ['defaultNamingContext', 'configurationNamingContext', 'rootDomainNamingContext', 'dnsHostName', 'currentTime', 'isGlobalCatalogReady'];

export async function readRootDse(client: Client): Promise<Result<RootDse>> {
  const { searchEntries } = await client.search('', { scope: 'base', filter: '(objectClass=*)', attributes: ATTRIBUTES });
  const entry = searchEntries[0];
  const defaultNamingContext = entry === undefined ? undefined : text(entry, 'defaultNamingContext');
  if (entry === undefined || defaultNamingContext === undefined) {
    return err(
      'ldap.no-rootdse',
      'The server did not return a rootDSE with defaultNamingContext: it is not an Active Directory domain controller',
      'Check the DC host name: it must be a domain controller of the domain.',
    );
  }
  const time = text(entry, 'currentTime');
  const currentTime = time === undefined ? null : parseGeneralizedTime(time);
  const dnsHostName = text(entry, 'dnsHostName');
  return ok({
    defaultNamingContext,
    configurationNamingContext: text(entry, 'configurationNamingContext') ?? `CN=Configuration,${defaultNamingContext}`,
    rootDomainNamingContext: text(entry, 'rootDomainNamingContext') ?? defaultNamingContext,
    ...(dnsHostName !== undefined ? { dnsHostName } : {}),
    ...(currentTime !== null ? { currentTime } : {}),
    isGlobalCatalogReady: texts(entry, 'isGlobalCatalogReady').some((v) => v.toUpperCase() === 'TRUE'),
  });
}
