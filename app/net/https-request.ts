import type { ClientRequest, IncomingMessage } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { serverNameOption } from './server-name';
import { peerCertificate, type SessionPlace, type TlsSessionStore } from './tls-sessions';

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
): ClientRequest {
  // Resuming skips Node's name check (rejectUnauthorized checks it only on a full handshake):
  // the place names the host and the roots, so a session is offered only where both were checked.
  const offered = sessions?.offer(place);
  const req = httpsRequest(
    // secureContext and session are passed through to tls.connect, though https's option type does not list secureContext.
    {
      ...options,
      agent: false,
      secureContext: place.trust,
      ...serverNameOption(place.servername),
      rejectUnauthorized: true,
      ...(offered ? { session: offered.session } : {}),
    } as RequestOptions,
    onResponse,
  );
  if (sessions !== undefined) {
    req.once('socket', (socket) => {
      const tls = socket as TLSSocket;
      const watch = sessions.watch(tls, place);
      // rejectUnauthorized: reaching secureConnect means the chain verified and named the host, or the offered session was resumed.
      tls.once('secureConnect', () => watch.vouch(peerCertificate(tls, offered)));
    });
  }
  return req;
}
