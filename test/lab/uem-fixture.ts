/**
 * A stand-in for the Workspace ONE UEM REST API, written to the public documentation summarised
 * in ../shared/uem-api-notes.md (section numbers below refer to it) — and to nothing more: it
 * serves only calls the public API documents, so a product that passes here relies on nothing
 * a real tenant does not offer. Self-contained: Node built-ins, node-forge for ASN.1, openssl
 * for test certificates. Listens on loopback only.
 */
import { createHash, randomBytes, verify as verifySignature, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import forge from 'node-forge';

export interface UemFixtureUser {
  readonly user: string;
  readonly password: string;
  /** False: a console admin whose role has no REST API permission (403 / 1011). Default true. */
  readonly apiAccess?: boolean;
}

export interface UemFixtureGroup {
  readonly id: number;
  readonly name: string;
  /** The "Group ID" (activation code). */
  readonly groupId: string;
  readonly uuid?: string;
  readonly type?: string;
}

/** A MEM configuration as the console holds it; the public API shows only its custom gateway settings (6.3). */
export interface UemFixtureMemConfig {
  readonly uuid: string;
  /** The friendly name: no public call returns it, so the fixture never serves it. */
  readonly name: string;
  readonly customSettings?: readonly { readonly key: string; readonly value: string; readonly valueType?: string }[];
}

/**
 * Ways a server can misbehave, for the client's robustness tests:
 * - `slow-headers`: waits `slowMs` before any answer; `slow-body`: sends half a body, then stalls `slowMs`;
 * - `oversized`: an endless JSON body; `malformed-json`: truncated JSON; `deep-json`: 200,000 nested arrays;
 * - `html`: a 200 HTML login page; `wrong-shape`: valid JSON of another shape; `not-found`: HTML 404 for
 *   everything (not a UEM API); `echo-secrets`: error messages repeat the Authorization header and tenant code;
 * - `v1-only`: `version=2` is refused with 503, as an edge gateway may do (2, "Conflict").
 */
export type UemFixtureHostility =
  'slow-headers' | 'slow-body' | 'oversized' | 'malformed-json' | 'deep-json' | 'html' | 'wrong-shape' | 'not-found' | 'echo-secrets' | 'v1-only';

export interface UemFixtureOptions {
  /** Loopback address to listen on; default 127.0.0.1. */
  readonly address?: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** PEM certificate and key; plain HTTP when absent. */
  readonly tls?: { readonly cert: string; readonly key: string };
  readonly users: readonly UemFixtureUser[];
  /** The REST API key (`aw-tenant-code`). */
  readonly tenantCode: string;
  readonly groups: readonly UemFixtureGroup[];
  readonly memConfigs?: readonly UemFixtureMemConfig[];
  /** OAuth clients of the token service, served at POST /connect/token (3.3). */
  readonly oauthClients?: readonly { readonly clientId: string; readonly clientSecret: string; readonly user: string }[];
  /** Admin API certificates (PEM) accepted for ``CMSURL`1`` authentication, each acting as a user (3.2). */
  readonly cmsAdmins?: readonly { readonly certificatePem: string; readonly user: string }[];
  /** "Enable API Access" unticked: every call gets 403 / 1014. */
  readonly apiDisabled?: boolean;
  /** An empty search answers 204 No Content instead of an empty page (7.1: UNCONFIRMED which one servers do). */
  readonly emptySearchNoContent?: boolean;
  /** How the search's `name` filter matches (5.1: UNCONFIRMED): `contains` ignoring case (default), or `exact`. */
  readonly nameMatch?: 'contains' | 'exact';
  readonly productVersion?: string;
  readonly hostile?: UemFixtureHostility;
  /** Delay of the slow modes; default 10 s. */
  readonly slowMs?: number;
}

/** What the fixture saw of one request (never the Authorization value). */
export interface UemFixtureRequest {
  readonly method: string;
  readonly path: string;
  readonly accept: string | undefined;
  readonly host: string | undefined;
  readonly authScheme: string | undefined;
  readonly tenantCode: string | undefined;
  readonly servername: string | undefined;
}

export interface UemFixture {
  readonly url: string;
  readonly port: number;
  readonly requests: readonly UemFixtureRequest[];
  /** Forgets every OAuth token issued so far, as a revocation on the token service does. */
  revokeTokens(): void;
  close(): Promise<void>;
}

const MODULES = new Set(['CONTENT_GATEWAY', 'TUNNEL', 'MEM']);
const TOKEN_LIFETIME_S = 3600;

function fault(res: ServerResponse, status: number, errorCode: number, message: string): void {
  // Schema BaseExceptionModel (7.1).
  const body = JSON.stringify({ errorCode, message, activityId: randomUuid(), links: [] });
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-correlation-id': randomUuid() });
  res.end(body);
}

function randomUuid(): string {
  const h = randomBytes(16).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(value));
}

/** The `version=N` of an Accept header; null when none is given. */
function acceptedVersion(accept: string | undefined): number | null {
  const match = /version\s*=\s*(\d+)/i.exec(accept ?? '');
  return match?.[1] === undefined ? null : Number(match[1]);
}

const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
const OID_SHA1 = '1.3.14.3.2.26';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';

/**
 * Verifies a ``CMSURL`1`` header (3.2): a detached SignedData whose signed attributes carry the
 * digest of the request's absolute path, signed by a registered admin certificate. Returns the
 * signer certificate's SHA-256 fingerprint, or null.
 */
export function verifyCmsUrl(header: string, absolutePath: string): string | null {
  try {
    const der = Buffer.from(header.slice('CMSURL`1 '.length), 'base64');
    const contentInfo = forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')));
    const children = (node: forge.asn1.Asn1 | undefined): forge.asn1.Asn1[] => (node && Array.isArray(node.value) ? (node.value as forge.asn1.Asn1[]) : []);
    const signedData = children(children(contentInfo)[1])[0];
    const fields = children(signedData);
    const certificates = fields.find((n) => n.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && n.type === 0);
    const signerInfo = children(fields[fields.length - 1])[0];
    const signerCert = children(certificates)[0];
    if (!signerCert || !signerInfo) return null;
    const cert = new X509Certificate(Buffer.from(forge.asn1.toDer(signerCert).getBytes(), 'binary'));
    const parts = children(signerInfo);
    const digestOid = forge.asn1.derToOid(children(parts[2])[0]?.value as string);
    const hash = digestOid === OID_SHA256 ? 'sha256' : digestOid === OID_SHA1 ? 'sha1' : null;
    const attributes = parts.find((n) => n.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && n.type === 0);
    const signature = parts[parts.length - 1];
    if (hash === null || !attributes || !signature) return null;
    const digestAttribute = children(attributes).find((a) => forge.asn1.derToOid(children(a)[0]?.value as string) === OID_MESSAGE_DIGEST);
    const digest = children(children(digestAttribute)[1])[0]?.value as string | undefined;
    if (digest === undefined || Buffer.from(digest, 'binary').compare(createHash(hash).update(absolutePath, 'utf8').digest()) !== 0) return null;
    // RFC 5652 section 5.4: the signature covers the attributes DER-encoded as an explicit SET OF (tag 0x31).
    const signed = Buffer.from(forge.asn1.toDer(attributes).getBytes(), 'binary');
    signed[0] = 0x31;
    const ok = verifySignature(hash, signed, cert.publicKey, Buffer.from(signature.value as string, 'binary'));
    return ok ? cert.fingerprint256 : null;
  } catch {
    return null;
  }
}

export async function startUemFixture(options: UemFixtureOptions): Promise<UemFixture> {
  const address = options.address ?? '127.0.0.1';
  if (!/^127\./.test(address)) throw new Error(`uem fixture: listens on loopback only, not ${address}`);
  const requests: UemFixtureRequest[] = [];
  const tokens = new Map<string, { user: string; expires: number }>();
  const slowMs = options.slowMs ?? 10_000;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const cmsAdmins = (options.cmsAdmins ?? []).map((a) => ({ fingerprint: new X509Certificate(a.certificatePem).fingerprint256, user: a.user }));

  const hostile = (req: IncomingMessage, res: ServerResponse): boolean => {
    switch (options.hostile) {
      case 'slow-headers':
        later(slowMs, () => json(res, 200, { ProductVersion: '0' }));
        return true;
      case 'slow-body':
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '40' });
        res.write('{"ProductVersion":"24.');
        later(slowMs, () => res.end('10.0.1","Version":1}  '));
        return true;
      case 'oversized': {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"LocationGroups":[');
        const chunk = Buffer.from('{"Id":{"Value":1},"Name":"x"},'.repeat(2000));
        const pump = () => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once('drain', pump);
        };
        pump();
        return true;
      }
      case 'malformed-json':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ProductVersion":"24.10.0.1","Resources":{"Workspaces":[{"Name":');
        return true;
      case 'deep-json':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
        return true;
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!DOCTYPE html><html><head><title>Sign in</title></head><body><form action="/login"></form></body></html>');
        return true;
      case 'wrong-shape':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"status":"ok","__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"items":[{"id":"a"}]}');
        return true;
      case 'not-found':
        res.writeHead(404, { 'content-type': 'text/html' });
        res.end('<!DOCTYPE html><html><body><h1>404 - File or directory not found.</h1></body></html>');
        return true;
      case 'echo-secrets':
        if (/^\/api\//i.test(req.url ?? '')) {
          fault(res, 401, 1005, `Credentials ${req.headers.authorization ?? ''} for tenant ${String(req.headers['aw-tenant-code'])} are invalid`);
          return true;
        }
        return false;
      default:
        return false;
    }
  };

  /** 3.1–3.3: who is calling, or the 401 a real tenant sends (7.2 codes). */
  const authenticate = (req: IncomingMessage, res: ServerResponse, path: string): UemFixtureUser | null => {
    const header = req.headers.authorization;
    if (!header) {
      fault(res, 401, 1004, 'Authorization header is null or empty');
      return null;
    }
    let userName: string | undefined;
    if (/^Basic /i.test(header)) {
      const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const user = options.users.find((u) => u.user.toLowerCase() === decoded.slice(0, colon).toLowerCase());
      if (colon < 0 || !user || user.password !== decoded.slice(colon + 1)) {
        fault(res, 401, 1005, 'User credentials are invalid or the user was not found');
        return null;
      }
      userName = user.user;
    } else if (/^Bearer /i.test(header)) {
      const token = tokens.get(header.slice(7));
      if (!token || token.expires < Date.now()) {
        fault(res, 401, 4207, 'Invalid access token');
        return null;
      }
      userName = token.user;
    } else if (header.startsWith('CMSURL`1 ')) {
      const fingerprint = verifyCmsUrl(header, path);
      userName = cmsAdmins.find((a) => a.fingerprint === fingerprint)?.user;
      if (userName === undefined) {
        fault(res, 401, 6177, 'Authorization header is incorrect');
        return null;
      }
    } else {
      fault(res, 401, 6177, 'Authorization header is incorrect');
      return null;
    }
    return options.users.find((u) => u.user === userName) ?? null;
  };

  const systemInfo = (res: ServerResponse, base: string) =>
    json(res, 200, {
      ProductName: 'AirWatch Platform Service',
      ProductVersion: options.productVersion ?? '24.10.0.1',
      ProductCopyright: 'Copyright (c) Omnissa, LLC.',
      Version: 1,
      Resources: {
        Workspaces: [
          { Name: 'Mobile Device Management', Location: `${base}/API/mdm` },
          { Name: 'Mobile Email Management', Location: `${base}/API/mem` },
          { Name: 'System Administration', Location: `${base}/API/system` },
        ],
      },
    });

  /** 5.1–5.3: filters, 0-based paging, and the version 1 or 2 shape chosen by the Accept header. */
  const groupSearch = (req: IncomingMessage, res: ServerResponse, url: URL, base: string) => {
    const version = acceptedVersion(req.headers.accept) ?? 1;
    if (version === 2 && options.hostile === 'v1-only') return fault(res, 503, 0, 'Service unavailable');
    if (version !== 1 && version !== 2) return fault(res, 406, 0, `API version ${version} is not supported`);
    const q = (name: string) => {
      for (const [key, value] of url.searchParams) if (key.toLowerCase() === name) return value;
      return null;
    };
    const pageText = q('page') ?? '0';
    const sizeText = q('pagesize') ?? '500';
    if (!/^\d+$/.test(pageText) || !/^\d+$/.test(sizeText) || Number(sizeText) === 0) return fault(res, 422, 1012, 'Invalid page or pagesize');
    const page = Number(pageText);
    const pageSize = Number(sizeText);
    const name = q('name');
    const groupId = q('groupid');
    const type = q('type');
    const orderBy = q('orderby') ?? 'Id';
    const descending = (q('sortorder') ?? 'ASC').toUpperCase() === 'DESC';
    if (!['id', 'name', 'groupid', 'locationgrouptype'].includes(orderBy.toLowerCase())) return fault(res, 422, 1012, 'Invalid sort column');
    const matching = options.groups
      .filter((g) => name === null || (options.nameMatch === 'exact' ? g.name === name : g.name.toLowerCase().includes(name.toLowerCase())))
      .filter((g) => groupId === null || g.groupId.toLowerCase() === groupId.toLowerCase())
      .filter((g) => type === null || (g.type ?? 'Container').toLowerCase() === type.toLowerCase())
      .sort((a, b) => {
        const key = orderBy.toLowerCase();
        const va = key === 'id' ? a.id : key === 'name' ? a.name : key === 'groupid' ? a.groupId : (a.type ?? 'Container');
        const vb = key === 'id' ? b.id : key === 'name' ? b.name : key === 'groupid' ? b.groupId : (b.type ?? 'Container');
        const order = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb));
        return descending ? -order : order;
      });
    if (matching.length === 0 && options.emptySearchNoContent) {
      res.writeHead(204);
      res.end();
      return;
    }
    const slice = matching.slice(page * pageSize, (page + 1) * pageSize);
    const common = (g: UemFixtureGroup) => ({
      Uuid: g.uuid ?? `00000000-0000-4000-8000-${String(g.id).padStart(12, '0')}`,
      Name: g.name,
      GroupId: g.groupId,
      LocationGroupType: g.type ?? 'Container',
      Country: 'United States',
      Locale: 'English (United States)',
      CreatedOn: '10/27/2023 3:05:53 PM',
      LgLevel: 1,
      Users: '0',
      Admins: '1',
      Devices: '0',
    });
    const headers = { 'x-api-version': `v${version}`, 'api-supported-versions': options.hostile === 'v1-only' ? '1' : '1, 2' };
    if (version === 2) {
      json(
        res,
        200,
        {
          OrganizationGroups: slice.map((g) => ({ Id: g.id, ...common(g) })),
          AdditionalInfo: { Links: [{ Rel: 'self', Href: `${base}/API/system/groups/search?page=${page}&pagesize=${pageSize}` }] },
          TotalResults: matching.length,
        },
        headers,
      );
    } else {
      json(
        res,
        200,
        { LocationGroups: slice.map((g) => ({ Id: { Value: g.id }, ...common(g) })), Page: page, PageSize: pageSize, Total: matching.length },
        headers,
      );
    }
  };

  /** 6.3: GET /api/system/custom-gateway-settings/{moduleName}/configuration/{configurationUuid}. */
  const customGatewaySettings = (res: ServerResponse, moduleName: string, configurationUuid: string) => {
    if (!MODULES.has(moduleName.toUpperCase())) return fault(res, 404, 6204, 'Module name not found');
    const config = (options.memConfigs ?? []).find((c) => c.uuid.toLowerCase() === configurationUuid.toLowerCase());
    if (moduleName.toUpperCase() !== 'MEM' || !config) return fault(res, 404, 6200, 'Gateway Configuration not found');
    json(
      res,
      200,
      (config.customSettings ?? []).map((s, i) => ({
        CustomGatewaySettingID: i + 1,
        CustomGatewaySettingUUID: randomUuid(),
        GatewayConfigurationID: 1,
        Key: s.key,
        Module: 'MEM',
        Value: s.value,
        ValueType: s.valueType ?? 'String',
      })),
    );
  };

  /** 3.3: RFC 6749 client credentials, the client authenticated by HTTP Basic or form fields. */
  const tokenEndpoint = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const form = new URLSearchParams(body);
    let clientId = form.get('client_id');
    let clientSecret = form.get('client_secret');
    const header = req.headers.authorization;
    if (header && /^Basic /i.test(header)) {
      const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      clientId = decodeURIComponent(decoded.slice(0, colon));
      clientSecret = decodeURIComponent(decoded.slice(colon + 1));
    }
    if (form.get('grant_type') !== 'client_credentials') return json(res, 400, { error: 'unsupported_grant_type' });
    const client = (options.oauthClients ?? []).find((c) => c.clientId === clientId && c.clientSecret === clientSecret);
    if (!client) return json(res, 401, { error: 'invalid_client' });
    const token = randomBytes(24).toString('base64url');
    tokens.set(token, { user: client.user, expires: Date.now() + TOKEN_LIFETIME_S * 1000 });
    json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: TOKEN_LIFETIME_S, scope: 'api' });
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const url = new URL(req.url ?? '/', 'http://fixture');
    const servername = (req.socket as { servername?: string }).servername;
    requests.push({
      method: req.method ?? '',
      path: `${url.pathname}${url.search}`,
      accept: req.headers.accept,
      host: req.headers.host,
      authScheme: req.headers.authorization?.split(' ')[0],
      tenantCode: req.headers['aw-tenant-code'] as string | undefined,
      servername: typeof servername === 'string' ? servername : undefined,
    });
    if (hostile(req, res)) return;
    const base = `${options.tls ? 'https' : 'http'}://${req.headers.host ?? address}`;
    if (req.method === 'POST' && url.pathname === '/connect/token') return tokenEndpoint(req, res, body);
    // 1: both /API/ and /api/ work on real tenants.
    const path = url.pathname.toLowerCase();
    if (!path.startsWith('/api/')) {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><body>Not found</body></html>');
      return;
    }
    const user = authenticate(req, res, url.pathname);
    if (!user) {
      if (!res.headersSent) fault(res, 401, 1005, 'User credentials are invalid or the user was not found');
      return;
    }
    const tenantCode = req.headers['aw-tenant-code'];
    if (typeof tenantCode !== 'string' || tenantCode === '') return fault(res, 403, 1013, 'Api tenant code header is missing');
    if (tenantCode !== options.tenantCode) return fault(res, 403, 1013, 'Tenant code provided does not identify an Organization Group');
    if (options.apiDisabled) return fault(res, 403, 1014, 'Rest API access is disabled');
    if (user.apiAccess === false) return fault(res, 403, 1011, 'User does not have the required permission to perform this operation');
    if (req.method !== 'GET') return fault(res, 405, 0, 'Method not allowed');
    if (path === '/api/system/info') return systemInfo(res, base);
    if (path === '/api/system/groups/search') return groupSearch(req, res, url, base);
    const gateway = /^\/api\/system\/custom-gateway-settings\/([^/]+)\/configuration\/([^/]+)$/.exec(url.pathname.replace(/^\/API\//i, '/api/'));
    if (gateway?.[1] !== undefined && gateway[2] !== undefined)
      return customGatewaySettings(res, decodeURIComponent(gateway[1]), decodeURIComponent(gateway[2]));
    fault(res, 404, 0, 'Resource not found');
  };

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= 65_536) chunks.push(c);
    });
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  };
  const server: Server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, listener) : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, address, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${options.tls ? 'https' : 'http'}://${address}:${port}`,
    port,
    requests,
    revokeTokens: () => tokens.clear(),
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A CA, a server certificate for `names` signed by it, and a client (admin API) certificate, all made with openssl in a temp folder. */
export interface FixtureCertificates {
  readonly caPem: string;
  readonly serverCertPem: string;
  readonly serverKeyPem: string;
  readonly adminCertPem: string;
  readonly adminKeyPem: string;
}

export function makeFixtureCertificates(names: readonly string[]): FixtureCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'uem-fixture-'));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
  try {
    openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=UEM Fixture Test CA');
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${names[0] ?? 'localhost'}`);
    writeFileSync(
      join(dir, 'server.ext'),
      `subjectAltName=${names.map((n) => (/^[\d.]+$/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',')}\nextendedKeyUsage=serverAuth\n`,
    );
    openssl(
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      '-days',
      '2',
      '-extfile',
      'server.ext',
    );
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'admin.key', '-out', 'admin.csr', '-subj', '/CN=692:segadmin');
    openssl('x509', '-req', '-in', 'admin.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'admin.pem', '-days', '2');
    const read = (name: string) => readFileSync(join(dir, name), 'utf8');
    return {
      caPem: read('ca.pem'),
      serverCertPem: read('server.pem'),
      serverKeyPem: read('server.key'),
      adminCertPem: read('admin.pem'),
      adminKeyPem: read('admin.key'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The KCD values a MEM configuration holds on the console (vendor guide, "Configure SEG on the UEM console", step 7). */
export interface ConsoleKcdValues {
  readonly targetSpn: string;
  readonly serviceAccount: string;
  readonly dcHost: string;
  readonly realm: string;
}

/**
 * A tenant as the vendor guide and product.md describe it: admin `api-admin`, the group
 * "SE Lab" (id 570) among enough others to need several pages, and one MEM configuration
 * "SEG-KCD" whose KCD fields are shown as custom gateway settings. The lab passes its own
 * names so that the checks compare like with like.
 */
export function guideTenant(kcd: ConsoleKcdValues, password: string): Omit<UemFixtureOptions, 'tls' | 'address' | 'port'> & { readonly memConfigId: string } {
  const memConfigId = '6f1c2b7e-3d4a-4b5c-9e8f-0a1b2c3d4e5f';
  return {
    users: [
      { user: 'api-admin', password },
      { user: 'helpdesk', password, apiAccess: false },
    ],
    tenantCode: 'gT8uLq3ZfXKc0n5yR2wA9sVb1HdJ4mEo',
    groups: [
      { id: 7, name: 'Global', groupId: 'global', type: 'Global' },
      { id: 570, name: 'SE Lab', groupId: 'selab', type: 'Customer' },
      ...Array.from({ length: 140 }, (_, i) => ({ id: 1000 + i, name: `SE Branch ${String(i + 1).padStart(3, '0')}`, groupId: `sebr${i + 1}` })),
    ],
    memConfigs: [
      {
        uuid: memConfigId,
        name: 'SEG-KCD',
        customSettings: [
          { key: 'enableKCDAuthentication', value: 'true', valueType: 'Boolean' },
          { key: 'targetSPN', value: kcd.targetSpn },
          { key: 'serviceAccountUsername', value: kcd.serviceAccount },
          { key: 'domainControllerHostName', value: kcd.dcHost },
          { key: 'domainName', value: kcd.realm },
        ],
      },
    ],
    memConfigId,
  };
}
