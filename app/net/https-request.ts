import type { ClientRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { connect, type TLSSocket } from 'node:tls';
import { err, ok, type Result } from '../contract/result';
import { serverNameOption } from './server-name';
import { peerCertificate, type SessionPlace, type StoredSession, type TlsSessionStore } from './tls-sessions';

/**
 * An HTTPS request on a connection of its own, its certificate verified against `place.trust`
 * for `place.servername`. Not through an agent: the global agent would reuse a kept-alive socket
 * or its own cached session, both keyed without the trust context, so a connection verified
 * against other roots (an earlier run's) could carry this request. With `sessions`, it resumes
 * a session of this run with the same server, name and roots, and keeps the ones it receives.
 */
export function verifiedHttpsRequest(
  options: RequestOptions,
  place: SessionPlace,
  sessions: TlsSessionStore | undefined,
  onResponse: (res: IncomingMessage) => void,
  connection?: TLSSocket,
): ClientRequest {
  // A connection openVerifiedTls made for this place: verified, and its session already watched.
  // No agent: http uses createConnection only then (`agent: false` makes a fresh agent that dials anew).
  if (connection !== undefined && usable(connection))
    return httpsRequest({ ...options, agent: undefined, createConnection: () => connection } as RequestOptions, onResponse);
  // Resuming skips Node's name check (rejectUnauthorized checks it only on a full handshake):
  // the place names the host and the roots, so a session is offered only where both were checked.
  const offered = sessions?.offer(place);
  // secureContext and session are passed through to tls.connect, though https's option type does not list secureContext.
  const req = httpsRequest({ ...options, agent: false, ...verifiedTlsOptions(place, offered) } as RequestOptions, onResponse);
  req.once('socket', (socket) => keepSessions(socket as TLSSocket, place, sessions, offered));
  return req;
}

/** tls.connect's options that verify `place`: the chain against its roots, the certificate against its name; `offered` resumed. */
function verifiedTlsOptions(place: SessionPlace, offered: StoredSession | undefined) {
  return { secureContext: place.trust, ...serverNameOption(place.servername), rejectUnauthorized: true, ...(offered ? { session: offered.session } : {}) };
}

/** Keeps, in `sessions`, what a connection made with verifiedTlsOptions receives once its handshake is done. */
function keepSessions(socket: TLSSocket, place: SessionPlace, sessions: TlsSessionStore | undefined, offered: StoredSession | undefined): void {
  if (sessions === undefined) return;
  const watch = sessions.watch(socket, place);
  // rejectUnauthorized: reaching secureConnect means the chain verified and named the host, or the offered session was resumed.
  socket.once('secureConnect', () => watch.vouch(peerCertificate(socket, offered)));
}

/** Not closed by either side since it was opened (a server may drop an idle connection). */
function usable(socket: TLSSocket): boolean {
  return !socket.destroyed && socket.writable;
}

/**
 * A connection to `place`, verified as verifiedHttpsRequest verifies one (chain, host name; a
 * session of this run resumed, new sessions kept), opened before its request is known: a
 * check opens it while the exchanges it waits on (Kerberos) run, so that the handshake is not
 * on its path. Whoever opens it closes it.
 */
export function openVerifiedTls(
  place: SessionPlace,
  sessions: TlsSessionStore | undefined,
  opts: { readonly timeoutMs: number; readonly signal?: AbortSignal },
): Promise<Result<TLSSocket>> {
  return new Promise((resolve) => {
    const offered = sessions?.offer(place);
    const socket = connect({ host: place.address, port: place.port, ...verifiedTlsOptions(place, offered) });
    keepSessions(socket, place, sessions, offered);
    let settled = false;
    const done = (r: Result<TLSSocket>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (!r.ok) socket.destroy();
      resolve(r);
    };
    const onAbort = () => done(err('tls.cancelled', `The connection to ${place.servername} was cancelled`));
    const timer = setTimeout(() => done(err('tls.timeout', `No TLS handshake with ${place.servername} within ${opts.timeoutMs} ms`)), opts.timeoutMs);
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('secureConnect', () => done(ok(socket)));
    // Kept after the handshake: a server dropping the idle connection must not be an uncaught error.
    socket.on('error', (e) => done(err('tls.failed', `The TLS connection to ${place.servername} failed: ${e.message}`)));
  });
}
