import type { Client } from 'ldapts';
import type { ConnectionOptions } from 'node:tls';
import { ok, type CoreError, type Result } from '../contract/result';
import { readRootDse, type RootDse } from './root-dse';

/** How the connection is protected: never a bind in clear (lab-notes pitfall 6: Samba and hardened AD refuse it anyway). */
export type LdapTransport = 'ldaps' | 'starttls';

export interface LdapEndpoint {
  /** The DC's DNS name: what its certificate must name, whatever address is dialled. */
  readonly host: string;
  /** Where to connect: from network.hosts, the DNS server or the system. */
  readonly address: string;
  /** 636/389 for a domain controller, 3269/3268 for the global catalogue. */
  readonly tlsPort: number;
  readonly plainPort: number;
}

export interface LdapConnection {
  readonly client: Client;
  readonly transport: LdapTransport;
  readonly endpoint: LdapEndpoint;
  /** `ldaps://sedc01.se.airwlab.com:636 (127.0.0.11)`, for evidence. */
  readonly describe: string;
}

/**
 * An open connection and what its first operation, a rootDSE read, returned. The read is
 * not an AD check yet: a server that is no DC answers it too (`rootDse` is then the error).
 */
export interface OpenedLdap {
  readonly connection: LdapConnection;
  readonly rootDse: Result<RootDse>;
  /** Local clock halfway through the read, and how long it took (connect and TLS included). */
  readonly readAt: Date;
  readonly readMs: number;
}

export interface ConnectOptions {
  /** Root and intermediate CA certificates (PEM) the DC's certificate must chain to. */
  readonly ca: readonly string[];
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

const TLS_TRUST_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

function tlsOptions(endpoint: LdapEndpoint, options: ConnectOptions): ConnectionOptions {
  return {
    // Verification uses servername, so a pinned address still has to present the DC's name.
    servername: endpoint.host,
    ca: [...options.ca],
    minVersion: 'TLSv1.2',
    rejectUnauthorized: true,
  };
}

export interface LdapFailure {
  readonly ok: false;
  readonly error: CoreError;
}

function err(code: string, message: string, remedy: string): LdapFailure {
  return { ok: false, error: { code, message, remedy } };
}

/** LDAP result codes (RFC 4511 §4.1.9) the words below tell apart. */
const RESULT = { strongerAuthRequired: 8, invalidCredentials: 49 } as const;

/**
 * The result code of an LDAP error answer: ldapts's ResultCodeError and its subclasses carry it
 * as a number (Node's own errors carry text codes). Read from the value, not by class, so that
 * ldapts is loaded only when a connection is opened (issue 21: it was ~40 ms of every verify
 * process, LDAP or not).
 */
export function ldapResultCode(error: unknown): number | null {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'number' ? code : null;
}

/** An LDAP failure as a value, with the words a Windows administrator acts on. */
export function ldapFailure(error: unknown, endpoint: LdapEndpoint, what: string): LdapFailure {
  const e = error as NodeJS.ErrnoException & { code?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const where = `${endpoint.host} (${endpoint.address})`;
  if (TLS_TRUST_CODES.has(code)) {
    return err(
      'ldap.tls-untrusted',
      `${what}: the TLS certificate of ${where} does not chain to the CA certificates of the Certificates step (${code})`,
      `Add the root CA (and any intermediate) that issued the DC's certificate to the Certificates step, or give the DC a certificate from your enterprise CA.`,
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return err(
      'ldap.tls-name',
      `${what}: the TLS certificate of ${where} does not name ${endpoint.host} (${e.message})`,
      `Connect by the name in the DC's certificate (check the DC host name and the domain), or reissue the DC certificate with ${endpoint.host} in its subject alternative names.`,
    );
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return err(
      'ldap.tls-expired',
      `${what}: the TLS certificate of ${where} is outside its validity period (${code})`,
      'Renew the domain controller certificate (autoenrolment of the "Domain Controller Authentication" or "Kerberos Authentication" template), or check this machine\'s clock.',
    );
  }
  if (code === 'ECONNREFUSED')
    return err(
      'ldap.refused',
      `${what}: ${where} refused the connection`,
      'Check that the DC host and its LDAP ports are right and open from here (see net.paths).',
    );
  if (code === 'ETIMEDOUT' || /timeout|timed out/i.test(e.message ?? '')) {
    return err(
      'ldap.timeout',
      `${what}: no answer from ${where} in time`,
      'Check that the DC is reachable from here (see net.paths), or raise network.timeoutMs for slow links.',
    );
  }
  const result = ldapResultCode(error);
  if (result === RESULT.strongerAuthRequired) {
    return err(
      'ldap.strong-auth',
      `${what}: ${where} demands stronger protection (${e.message})`,
      'The DC requires signing or TLS: use LDAPS (636) or StartTLS, which this tool always does; check that TLS is enabled on the DC.',
    );
  }
  if (result !== null && result !== RESULT.invalidCredentials) {
    return err('ldap.result', `${what}: LDAP result ${result} from ${where}: ${e.message}`, "See the DC's directory service event log for the reason.");
  }
  return err('ldap.failed', `${what}: ${where}: ${e.message ?? String(error)}`, "Check the DC host, the network path and the DC's TLS certificate.");
}

/**
 * ldapts treats any client given tlsOptions as LDAPS from the first byte, so the plain
 * client for StartTLS gets them only in startTLS() (a TLS hello on 389 is reset by the DC).
 */
async function clientFor(url: string, endpoint: LdapEndpoint, options: ConnectOptions, tls: boolean): Promise<Client> {
  const { Client } = await import('ldapts');
  return new Client({
    url,
    timeout: options.timeoutMs,
    connectTimeout: options.timeoutMs,
    ...(tls ? { tlsOptions: tlsOptions(endpoint, options) } : {}),
    strictDN: false,
  });
}

/**
 * The first operation: ldapts connects lazily, so this is where TCP and TLS happen. It reads
 * the rootDSE, which every user of a DC connection needs (naming contexts, the DC's clock).
 */
async function firstRead(client: Client): Promise<Pick<OpenedLdap, 'rootDse' | 'readAt' | 'readMs'>> {
  const sent = Date.now();
  const started = performance.now();
  const rootDse = await readRootDse(client);
  const readMs = performance.now() - started;
  return { rootDse, readAt: new Date(sent + readMs / 2), readMs };
}

function abortable<T>(work: Promise<T>, client: Client, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return work;
  const onAbort = () => void client.unbind().catch(() => undefined);
  signal.addEventListener('abort', onAbort, { once: true });
  return work.finally(() => signal.removeEventListener('abort', onAbort));
}

/**
 * LDAPS first; when the TLS port is closed or silent, StartTLS on the plain port. A
 * certificate that does not verify is an answer, not a reason to try elsewhere: both
 * transports present the same certificate.
 */
export async function openLdap(endpoint: LdapEndpoint, options: ConnectOptions): Promise<Result<OpenedLdap>> {
  const ldapsUrl = `ldaps://${endpoint.address.includes(':') ? `[${endpoint.address}]` : endpoint.address}:${endpoint.tlsPort}`;
  const ldaps = await clientFor(ldapsUrl, endpoint, options, true);
  let first: LdapFailure;
  try {
    const read = await abortable(firstRead(ldaps), ldaps, options.signal);
    return ok({
      connection: { client: ldaps, transport: 'ldaps', endpoint, describe: `ldaps://${endpoint.host}:${endpoint.tlsPort} (${endpoint.address})` },
      ...read,
    });
  } catch (error) {
    await ldaps.unbind().catch(() => undefined);
    first = ldapFailure(error, endpoint, `LDAPS to port ${endpoint.tlsPort}`);
    if (first.error.code !== 'ldap.refused' && first.error.code !== 'ldap.timeout') return first;
  }
  const plainUrl = `ldap://${endpoint.address.includes(':') ? `[${endpoint.address}]` : endpoint.address}:${endpoint.plainPort}`;
  const plain = await clientFor(plainUrl, endpoint, options, false);
  try {
    await abortable(plain.startTLS(tlsOptions(endpoint, options)), plain, options.signal);
    const read = await abortable(firstRead(plain), plain, options.signal);
    return ok({
      connection: {
        client: plain,
        transport: 'starttls',
        endpoint,
        describe: `ldap://${endpoint.host}:${endpoint.plainPort} + StartTLS (${endpoint.address})`,
      },
      ...read,
    });
  } catch (error) {
    await plain.unbind().catch(() => undefined);
    const second = ldapFailure(error, endpoint, `StartTLS on port ${endpoint.plainPort}`);
    return err(second.error.code, `${first.error.message}; ${second.error.message}`, second.error.remedy ?? '');
  }
}
