import type { Settings } from '../contract/settings';
import type { ServerRole } from '../contract/iis';

export const SERVER_ROLES: readonly ServerRole[] = ['seg', 'exchange', 'ca'];

/** Choices the guide leaves to the person; the defaults are the guide's. */
export interface IisPlanOptions {
  /** The IIS site holding ActiveSync (SEG and Exchange) and CertEnroll (CA). */
  readonly siteName: string;
  /** "Required" when only certificates authenticate, "Accept" when other authentication is allowed (guide, SSL step 2). */
  readonly clientCertificates: 'require' | 'accept';
  /** The SEG's application pool; when absent it is read from the site's ActiveSync application. */
  readonly segAppPool?: string;
  /** The CA's virtual directory that serves CRLs and CA certificates. */
  readonly certEnrollPath: string;
}

export const DEFAULT_IIS_OPTIONS: IisPlanOptions = {
  siteName: 'Default Web Site',
  clientCertificates: 'require',
  certEnrollPath: 'CertEnroll',
};

/** The ActiveSync virtual path from the settings, e.g. "Microsoft-Server-ActiveSync". */
export function activeSyncApp(settings: Settings): string {
  const path = settings.email.path.replace(/^\/+|\/+$/g, '');
  return path === '' ? 'Microsoft-Server-ActiveSync' : path;
}

export function activeSyncLocation(settings: Settings, options: IisPlanOptions): string {
  return `${options.siteName}/${activeSyncApp(settings)}`;
}

/** The guide's value for uploadReadAheadSize: 10 MB instead of IIS's 48 KB. */
export const UPLOAD_READ_AHEAD_SIZE = '10485760';
