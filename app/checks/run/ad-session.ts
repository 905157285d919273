import { err, ok, type CoreError, type Result } from '../../contract/result';
import type { CheckContext } from '../types';
import { resolveHost } from '../../net/resolve';
import { bindRemedy, parseBindReason } from '../ad/bind-diagnostics';
import { pkiInputs } from './pki-inputs';
import { ldapFailure, openLdap, type LdapConnection, type LdapEndpoint, type OpenedLdap } from '../../ldap/connect';
import type { RootDse } from '../../ldap/root-dse';
import { dnsDomainOf } from '../../ldap/dn';
import type { KcdDomain } from '../../contract/settings';

/** The domain controller of one KCD domain: `<dcHost>.<realm lower-case>`. */
export interface DomainTarget {
  readonly realm: string;
  readonly dnsDomain: string;
  readonly dcFqdn: string;
}

/**
 * The domain of the service account: the first of the KCD step's domains (the SEG
 * Setup console asks for the account's DC and realm first; more domains are for targets
 * and users elsewhere in the forest, which the global catalogue reaches).
 */
export function homeDomain(ctx: Pick<CheckContext, 'settings'>): Result<DomainTarget> {
  const first = ctx.settings.kcd.domains[0];
  if (first === undefined || first.realm.trim() === '' || first.dcHost.trim() === '') {
    return err('ad.no-domain', 'No domain with a DC host and a realm is set in the KCD step', 'Enter kcd.domains.0.dcHost and kcd.domains.0.realm.');
  }
  return ok(domainTarget(first));
}

export function domainTarget(row: KcdDomain): DomainTarget {
  const realm = row.realm.trim().toUpperCase();
  const dnsDomain = realm.toLowerCase();
  return { realm, dnsDomain, dcFqdn: `${row.dcHost.trim().toLowerCase()}.${dnsDomain}` };
}

/** `aw_KCDsvc@SE.AIRWLAB.COM`: AD and Samba both take the implicit UPN; a bare name gives 52e (lab-notes). */
export function bindNameFor(serviceAccount: string, realm: string): string {
  return serviceAccount.includes('@') || serviceAccount.includes('\\') ? serviceAccount : `${serviceAccount}@${realm}`;
}

/**
 * The root and intermediate certificates of the Certificates step, as PEM: the only
 * anchors the DC's TLS certificate is checked against (the system store is not used, so
 * a DC certificate is trusted exactly when the enterprise PKI the wizard was given issued it).
 */
async function caCertificates(ctx: CheckContext): Promise<Result<string[]>> {
  const inputs = await pkiInputs(ctx);
  const broken = inputs.problems.find((p) => !p.field.startsWith('certificates.deviceCertificate'));
  if (broken !== undefined) return err(broken.error.code, broken.error.message, broken.error.remedy);
  return ok([...inputs.roots, ...inputs.intermediates].map((c) => c.summary.pem));
}

async function endpointFor(ctx: CheckContext, host: string, tlsPort: number, plainPort: number): Promise<Result<LdapEndpoint>> {
  const resolved = await resolveHost(host, ctx.settings.network, { timeoutMs: ctx.stepTimeoutMs, signal: ctx.signal });
  if (!resolved.ok) return resolved;
  return ok({ host, address: resolved.value.address, tlsPort, plainPort });
}

async function connect(ctx: CheckContext, host: string, tlsPort: number, plainPort: number): Promise<Result<OpenedLdap>> {
  const ca = await caCertificates(ctx);
  if (!ca.ok) return ca;
  if (ca.value.length === 0) {
    return err(
      'ldap.no-ca',
      "No root CA certificate is given, so the DC's TLS certificate cannot be verified",
      "Add the root CA (and intermediates) that issued the domain controller's certificate in the Certificates step.",
    );
  }
  const endpoint = await endpointFor(ctx, host, tlsPort, plainPort);
  if (!endpoint.ok) return endpoint;
  const opened = await openLdap(endpoint.value, { ca: ca.value, timeoutMs: ctx.stepTimeoutMs, signal: ctx.signal });
  if (opened.ok) ctx.onFinish(() => opened.value.connection.client.unbind().catch(() => undefined));
  return opened;
}

/** The home DC, connected and its rootDSE read, before any bind. */
export interface DcConnection {
  readonly domain: DomainTarget;
  readonly connection: LdapConnection;
  readonly rootDse: RootDse;
  /** Local clock halfway through the rootDSE read, and its duration: time.dc-skew compares currentTime with it. */
  readonly readAt: Date;
  readonly readMs: number;
}

/**
 * One connection to the home DC per run: time.dc-skew reads its rootDSE clock and the ad.*
 * checks bind on it, so a run makes one TLS handshake with the DC instead of one per use.
 */
export function dcConnection(ctx: CheckContext): Promise<Result<DcConnection>> {
  return ctx.memo('ldap.dc', async () => {
    const domain = homeDomain(ctx);
    if (!domain.ok) return domain;
    const opened = await connect(ctx, domain.value.dcFqdn, 636, 389);
    if (!opened.ok) return opened;
    const { connection, rootDse, readAt, readMs } = opened.value;
    return rootDse.ok ? ok({ domain: domain.value, connection, rootDse: rootDse.value, readAt, readMs }) : rootDse;
  });
}

/**
 * The global catalogue's connection, opened but not bound. adSession starts it beside the DC's,
 * so its TLS handshake and rootDSE read are done by the time the first forest-wide search
 * needs them (on a WAN link that is several round trips off the ad.* checks' critical path).
 */
function gcConnection(ctx: CheckContext, dcFqdn: string): Promise<Result<OpenedLdap>> {
  return ctx.memo('ldap.gc.opened', () => connect(ctx, dcFqdn, 3269, 3268));
}

/**
 * The home DC's and the global catalogue's connections opened ahead of need, not bound: a check
 * that reads the directory only after another check's work (krb.s4u2self after krb.as) gets its
 * TLS handshakes done beside that work, while the password waits for that work to show it is
 * right (a wrong one would otherwise count twice towards the account's lockout in one run).
 */
export function openHomeConnections(ctx: CheckContext): Promise<Result<DcConnection>> {
  const domain = homeDomain(ctx);
  if (domain.ok) gcConnection(ctx, domain.value.dcFqdn).catch(() => undefined);
  return dcConnection(ctx);
}

/** The bound session the ad.* checks share, opened and bound once per run. */
export interface AdSession {
  readonly domain: DomainTarget;
  readonly connection: LdapConnection;
  readonly rootDse: RootDse;
  readonly bindName: string;
}

/** Why there is no session, with what ad.bind shows and the fix. */
export interface SessionFailure {
  readonly ok: false;
  readonly error: CoreError;
  readonly evidence: readonly string[];
  readonly command?: string;
}

export type SessionResult = { readonly ok: true; readonly value: AdSession } | SessionFailure;

function failed(error: CoreError, evidence: readonly string[], extra: Partial<Pick<SessionFailure, 'command'>> = {}): SessionFailure {
  return { ok: false, error, evidence, ...extra };
}

/**
 * Connects to the home domain's DC, reads the rootDSE and binds as the service account.
 * The bind is attempted once per run whatever the number of checks asking: a wrong
 * password tried again only brings the account closer to lockout.
 */
export function adSession(ctx: CheckContext): Promise<SessionResult> {
  return ctx.memo('ldap.session', async (): Promise<SessionResult> => {
    const domain = homeDomain(ctx);
    if (!domain.ok) return failed(domain.error, []);
    const account = ctx.settings.kcd.serviceAccount.trim();
    const password = ctx.secrets.kcdPassword;
    if (account === '' || password === undefined || password.isEmpty) {
      return failed(
        {
          code: 'ad.no-credentials',
          message: 'The service account name or its password is missing',
          remedy: 'Enter kcd.serviceAccount and the service account password (SEG_KCD_PASSWORD for the CLI).',
        },
        [],
      );
    }
    // The GC's connection opened now, bound only after the DC bind succeeds: the password is never sent twice.
    const dc = await openHomeConnections(ctx);
    if (!dc.ok) return failed(dc.error, [`DC: ${domain.value.dcFqdn}`]);
    const { connection: conn, rootDse } = dc.value;
    const bindName = bindNameFor(account, domain.value.realm);
    const evidence = [`connection: ${conn.describe}, certificate verified for ${conn.endpoint.host}`, `bind name: ${bindName}`];
    try {
      await conn.client.bind(bindName, password.reveal());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const reason = parseBindReason(message);
      const withDiag = [...evidence, `LDAP result: ${message}`];
      if (reason !== null) {
        const fix = bindRemedy(reason, account, domain.value.realm);
        return failed(
          {
            code: `ad.bind.${reason.subCode}`,
            message: `The bind as ${bindName} was refused: ${reason.meaning} (data ${reason.subCode}, ${reason.win32})`,
            remedy: fix.remedy,
          },
          withDiag,
          { command: fix.command },
        );
      }
      return failed(ldapFailure(error, conn.endpoint, `Binding as ${bindName}`).error, withDiag);
    }
    return { ok: true, value: { domain: domain.value, connection: conn, rootDse, bindName } };
  });
}

/**
 * The global catalogue of the forest (3269, or 3268 with StartTLS), bound as the service
 * account: the only place an SPN can be searched forest-wide. Bound only after the DC bind
 * has succeeded, so a wrong password is never sent twice.
 */
export function globalCatalog(ctx: CheckContext, session: AdSession): Promise<Result<LdapConnection>> {
  return ctx.memo('ldap.gc', async () => {
    const opened = await gcConnection(ctx, session.domain.dcFqdn);
    if (!opened.ok) {
      return err(
        'ldap.gc',
        `The global catalogue on ${session.domain.dcFqdn} cannot be reached: ${opened.error.message}`,
        `Make ${session.domain.dcFqdn} a global catalogue server, or open ports 3268/3269 to it. ${opened.error.remedy ?? ''}`.trim(),
      );
    }
    const password = ctx.secrets.kcdPassword;
    // An empty password would be an unauthenticated bind (RFC 4513 §5.1.2), which servers accept as anonymous.
    if (password === undefined || password.isEmpty)
      return err('ad.no-credentials', 'The service account password is missing', 'Enter it in the KCD step (SEG_KCD_PASSWORD for the CLI).');
    const { connection } = opened.value;
    try {
      await connection.client.bind(session.bindName, password.reveal());
    } catch (error) {
      return ldapFailure(error, connection.endpoint, 'Binding to the global catalogue');
    }
    return ok(connection);
  });
}

/**
 * The DC of another kcd.domains row (a domain of the forest, or of a trusted forest), bound
 * as the service account under its home bind name: across a trust that DC passes the bind on
 * to the home domain. One session per DC per run, asked for only after the home bind
 * succeeded, so a wrong password is never sent to a second DC.
 */
export function domainSession(ctx: CheckContext, home: AdSession, realm: string): Promise<Result<AdSession>> {
  const wanted = realm.trim().toUpperCase();
  if (wanted === home.domain.realm) return Promise.resolve(ok(home));
  return ctx.memo(`ldap.session.${wanted}`, async (): Promise<Result<AdSession>> => {
    const row = ctx.settings.kcd.domains.find((d) => d.realm.trim().toUpperCase() === wanted && d.dcHost.trim() !== '');
    if (row === undefined)
      return err('ad.no-domain-row', `No domain controller is set for ${wanted}`, `Add ${wanted} with its domain controller under KCD (kcd.domains).`);
    const domain = domainTarget(row);
    const password = ctx.secrets.kcdPassword;
    if (password === undefined || password.isEmpty)
      return err('ad.no-credentials', 'The service account password is missing', 'Enter it in the KCD step (SEG_KCD_PASSWORD for the CLI).');
    const opened = await connect(ctx, domain.dcFqdn, 636, 389);
    if (!opened.ok) return opened;
    const { connection, rootDse } = opened.value;
    if (!rootDse.ok) return rootDse;
    try {
      await connection.client.bind(home.bindName, password.reveal());
    } catch (error) {
      const reason = parseBindReason(error instanceof Error ? error.message : String(error));
      if (reason !== null)
        return err(
          `ad.bind.${reason.subCode}`,
          `${domain.dcFqdn} refused the bind as ${home.bindName}: ${reason.meaning} (data ${reason.subCode})`,
          `The DCs of ${domain.realm} must accept the service account of ${home.domain.realm}: a two-way trust (or a one-way trust in which ${domain.realm} trusts ${home.domain.realm}) lets them pass the bind on.`,
        );
      return ldapFailure(error, connection.endpoint, `Binding to ${domain.dcFqdn} as ${home.bindName}`);
    }
    return ok({ domain, connection, rootDse: rootDse.value, bindName: home.bindName });
  });
}

/** A session with a DC of the domain this DN lives in (its DC= parts): the home one, or another kcd.domains row's. */
export function sessionForDn(ctx: CheckContext, home: AdSession, dn: string): Promise<Result<AdSession>> {
  return domainSession(ctx, home, dnsDomainOf(dn));
}
