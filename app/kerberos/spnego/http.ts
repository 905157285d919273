import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { err, ok, type Result } from '../../contract/result';
import type { TLSSocket } from 'node:tls';
import { verifiedHttpsRequest } from '../../net/https-request';
import type { SessionPlace, TlsSessionStore } from '../../net/tls-sessions';
import { trustFor } from '../../net/trust';
import { challenges, offeredSchemes } from '../../net/www-authenticate';
import type { Credential } from '../client/credential';
import { krb5ApReqToken } from './krb5-token';
import { verifyMutualAuth } from './mutual-auth';
import { negTokenInit } from './negotiation-token';
import type { EncApRepPart } from '../messages/ap-rep';

export interface HttpTarget {
  /** Host name the request is for (Host header, TLS server name). */
  readonly host: string;
  /** Address to connect to when the name is pinned (network.hosts); otherwise the name is resolved. */
  readonly address?: string;
  readonly port: number;
  readonly tls: boolean;
  readonly path: string;
  readonly method: string;
  /** Extra trusted roots (PEM) besides Node's bundled ones. */
  readonly extraCa?: readonly string[];
}

export type MutualAuth = { readonly verified: true; readonly apRep: EncApRepPart } | { readonly verified: false; readonly reason: string };

export interface NegotiateResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** At most 64 KiB of the body, as text. */
  readonly body: string;
  /** The auth schemes a 401 offered (WWW-Authenticate). */
  readonly offered: readonly string[];
  readonly mutual: MutualAuth;
  /** Which token form was sent. */
  readonly tokenForm: 'spnego' | 'krb5';
}

const MAX_BODY = 64 * 1024;

/** `Negotiate <base64>`: the header value for a token (RFC 4559 §4). */
export function negotiateHeader(token: Uint8Array): string {
  return `Negotiate ${Buffer.from(token).toString('base64')}`;
}

/** The token of a `WWW-Authenticate: Negotiate <token>` answer, if any (RFC 4559 §5). */
export function negotiateReplyToken(header: string | string[] | undefined): Uint8Array | undefined {
  for (const v of challenges(header)) {
    const m = /^\s*Negotiate\s+([A-Za-z0-9+/=]+)\s*$/i.exec(v);
    if (m?.[1]) return Buffer.from(m[1], 'base64');
  }
  return undefined;
}

/** Where an HTTPS target's connection goes and what its certificate is checked against. */
export function placeOf(target: HttpTarget): SessionPlace {
  return { address: target.address ?? target.host, port: target.port, servername: target.host, trust: trustFor(target.extraCa ?? []).context };
}

/**
 * One HTTP request carrying `Authorization: Negotiate` with a fresh AP-REQ for the credential
 * (SPNEGO-wrapped, or the raw krb5 token), and the check of the server's mutual-auth reply.
 */
export function negotiateRequest(
  cred: Credential,
  target: HttpTarget,
  opts: {
    timeoutMs: number;
    signal?: AbortSignal;
    spnego?: boolean;
    sessions?: TlsSessionStore;
    /** A verified connection to `placeOf(target)` opened beforehand (openVerifiedTls), used if still open. */
    connection?: TLSSocket;
  },
): Promise<Result<NegotiateResponse>> {
  const spnego = opts.spnego !== false;
  const { token, context } = krb5ApReqToken(cred);
  const wire = spnego ? negTokenInit(token) : token;
  const defaultPort = target.tls ? 443 : 80;
  const hostHeader = target.port === defaultPort ? target.host : `${target.host}:${target.port}`;
  const where = `${target.tls ? 'https' : 'http'}://${hostHeader}${target.path}`;
  return new Promise((resolve) => {
    const options = {
      host: target.address ?? target.host,
      port: target.port,
      path: target.path,
      method: target.method,
      headers: { Host: hostHeader, Authorization: negotiateHeader(wire), 'User-Agent': 'seg-kcd-setup' },
      timeout: opts.timeoutMs,
      ...(opts.signal ? { signal: opts.signal } : {}),
    };
    const onResponse = (res: import('node:http').IncomingMessage): void => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        if (size < MAX_BODY) chunks.push(c.subarray(0, MAX_BODY - size));
        size += c.length;
      });
      res.on('error', (e) => resolve(err('EAS_HTTP_FAILED', `Reading the answer of ${where} failed: ${e.message}.`)));
      res.on('end', () => {
        clearTimeout(timer);
        const reply = negotiateReplyToken(res.headers['www-authenticate']);
        let mutual: MutualAuth;
        if (!reply) mutual = { verified: false, reason: 'the server sent no Negotiate reply token (no AP-REP)' };
        else {
          const v = verifyMutualAuth(reply, context);
          mutual = v.ok ? { verified: true, apRep: v.value } : { verified: false, reason: v.error.message };
        }
        resolve(
          ok({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            offered: offeredSchemes(res.headers['www-authenticate']),
            mutual,
            tokenForm: spnego ? 'spnego' : 'krb5',
          }),
        );
      });
    };
    const req = target.tls ? verifiedHttpsRequest(options, placeOf(target), opts.sessions, onResponse, opts.connection) : httpRequest(options, onResponse);
    // The socket timeout covers idle time only; this bounds the whole exchange.
    const timer = setTimeout(() => req.destroy(new Error(`no complete answer within ${opts.timeoutMs} ms`)), opts.timeoutMs);
    req.on('timeout', () => req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)));
    req.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(
        err(
          'EAS_HTTP_FAILED',
          `The request to ${where} failed: ${e.code ?? ''} ${e.message}.`.replace(/\s+/g, ' '),
          'Check the email server host, port and TLS settings, its pinned address, and that the port is open from this machine.',
        ),
      );
    });
    req.end();
  });
}
