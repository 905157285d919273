import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { checkServerIdentity, connect, type PeerCertificate, type TLSSocket } from 'node:tls';
import { serverNameOption } from '../net/server-name';
import { peerCertificate, type TlsSessionStore } from '../net/tls-sessions';
import { trustFor, vouchedLine } from '../net/trust';
import { resolveHost, type NameSources } from '../net/resolve';
import { describeCertificate, summarizeCertificate, type CertificateSummary } from './peer-certificate';
import { uemErr, uemOk, type UemResult } from './uem-error';

export interface HttpsRequest {
  readonly url: URL;
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
}

export interface TransportOptions {
  /** One deadline for the whole exchange: connect, TLS, request, the complete answer. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** settings.network hosts and DNS server: the address is found there; the name stays for SNI, Host and the certificate check. */
  readonly names: NameSources;
  /**
   * Proceed when the certificate does not verify (settings.uem.ignoreTlsErrors), but only while
   * the server presents the pinned certificate; the problem is still reported.
   */
  readonly ignoreTlsErrors: boolean;
  /** settings.uem.pinnedCertificateSha256: the SHA-256 of the certificate accepted on first use (any case, colons optional). */
  readonly pinnedSha256?: string;
  /** The Certificates step's roots (PEM), trusted first; then the OS store, NODE_EXTRA_CA_CERTS and Node's bundled roots (app/net/trust.ts). */
  readonly trustedCa?: readonly string[];
  readonly maxResponseBytes: number;
  /** The run's TLS sessions: resumed with the same server, name and trust anchors, kept only from a certificate that verified and named the host. */
  readonly sessions?: TlsSessionStore;
}

export interface TlsObservation {
  readonly certificate: CertificateSummary | null;
  /** Why the certificate would be refused; null when it verifies and names the host. */
  readonly problem: string | null;
  /** Which trust store vouched for it ("trusted through …"); null when it did not verify. */
  readonly vouchedBy: string | null;
  /** True when a certificate that does not verify was accepted because it is the pinned one. */
  readonly pinned: boolean;
}

/** A SHA-256 fingerprint as Node writes it (upper-case hex pairs joined by colons), from any common spelling. */
export function normalizeFingerprint(value: string): string {
  const hex = value.replace(/[\s:]/g, '').toUpperCase();
  return /^[0-9A-F]{64}$/.test(hex) ? (hex.match(/../g) ?? []).join(':') : value.trim();
}

/**
 * Trust on first use for "ignore TLS errors": the person pinned the certificate they saw when
 * they turned it on, so a later man-in-the-middle (another certificate) is refused before any
 * credential is written. Null when the exchange may go on.
 */
function pinRefusal(tls: TlsObservation, pin: string, where: string): UemResult<never> | null {
  const presented = tls.certificate?.fingerprintSha256 ?? '';
  const evidence = [`TLS: ${tls.problem}`, ...(tls.certificate ? describeCertificate(tls.certificate) : ['server certificate: none presented'])];
  if (pin === '') {
    return uemErr(
      'uem.tls-unpinned',
      `The UEM API at ${where} presented a certificate this machine does not accept (${tls.problem}). "Ignore TLS errors" continues only with the certificate pinned; this one has SHA-256 ${presented || '(none)'}. Nothing was sent.`,
      'Compare that fingerprint with the API server\'s own certificate (on the server, or from its administrator). If it is the same, pin it in uem.pinnedCertificateSha256 (with "ignore TLS errors" on, the wizard shows the fingerprint to pin).',
      evidence,
    );
  }
  if (normalizeFingerprint(pin) !== presented) {
    return uemErr(
      'uem.tls-pin-mismatch',
      `The UEM API at ${where} presented another certificate than the one pinned: SHA-256 ${presented || '(none)'}, pinned ${normalizeFingerprint(pin)}. Nothing was sent.`,
      "Someone may be posing as the API server. If the server's certificate was replaced on purpose, compare the new fingerprint with the server's and pin it again.",
      evidence,
    );
  }
  return null;
}

export interface HttpsResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly tls: TlsObservation;
}

function tlsProblem(socket: TLSSocket, peer: PeerCertificate, hostname: string): string | null {
  const identity = checkServerIdentity(hostname, peer);
  // Node keeps only the OpenSSL code here (a string, despite its type), and with SNI set it has
  // already failed the name check as ERR_TLS_CERT_ALTNAME_INVALID: say that one in words below.
  const reason = String(socket.authorizationError as unknown);
  if (!socket.authorized && reason !== 'ERR_TLS_CERT_ALTNAME_INVALID') return `the certificate is not trusted (${reason})`;
  return identity === undefined ? null : `the certificate does not name ${hostname} (${identity.message})`;
}

const NETWORK_CODES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'nothing listens on that port (connection refused)',
  ECONNRESET: 'the server closed the connection',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
};

/**
 * One HTTPS exchange on a connection of its own. The TLS handshake is done here, not by an
 * https.Agent, so that the certificate can be inspected — and shown — *before* any request
 * (and so any credential) is written to the socket, and so that "ignore TLS errors" stays
 * scoped to this one call instead of a process-wide NODE_TLS_REJECT_UNAUTHORIZED.
 */
export async function httpsExchange(req: HttpsRequest, options: TransportOptions): Promise<UemResult<HttpsResponse>> {
  const started = performance.now();
  const hostname = req.url.hostname.replace(/^\[|\]$/g, '');
  const resolved = await resolveHost(hostname, options.names, { timeoutMs: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) });
  if (!resolved.ok) return uemErr('uem.dns', `The UEM API host: ${resolved.error.message}`, resolved.error.remedy);
  const { address, source } = resolved.value;
  const port = req.url.port === '' ? 443 : Number(req.url.port);
  const where = `${hostname}:${port}${source === 'literal' ? '' : ` (${address} from ${source})`}`;
  const timeoutMs = Math.max(1, options.timeoutMs - Math.round(performance.now() - started));
  return exchangeAt(address, port, hostname, where, timeoutMs, req, options);
}

function exchangeAt(
  address: string,
  port: number,
  hostname: string,
  where: string,
  timeoutMs: number,
  req: HttpsRequest,
  options: TransportOptions,
): Promise<UemResult<HttpsResponse>> {
  return new Promise((resolve) => {
    let settled = false;

    const trust = trustFor(options.trustedCa ?? []);
    // The place names the host and the anchors: a resumed session, whose certificate is neither
    // presented nor checked again, is offered only where it was verified and named the host.
    const place = { address, port, servername: hostname, trust: trust.context };
    const offered = options.sessions?.offer(place);
    const socket = connect({
      host: address,
      port,
      ...serverNameOption(hostname),
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
      secureContext: trust.context,
      ...(offered ? { session: offered.session } : {}),
    });
    const watch = options.sessions?.watch(socket, place);

    const finish = (result: UemResult<HttpsResponse>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(result);
    };
    const onAbort = () => finish(uemErr('uem.cancelled', `The request to ${where} was cancelled`, undefined));
    const timer = setTimeout(
      () =>
        finish(
          uemErr(
            'uem.timeout',
            `The UEM API at ${where} did not answer within ${options.timeoutMs} ms`,
            'Check that the API server is reachable from here (firewall, proxy, the address pinned for it), or raise network.timeoutMs for a slow link.',
          ),
        ),
      timeoutMs,
    );
    if (options.signal?.aborted) {
      onAbort();
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });

    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code?.startsWith('ERR_SSL') || /SSL routines/i.test(error.message)) {
        finish(
          uemErr(
            'uem.tls-handshake',
            `No TLS session with the UEM API at ${where}: ${error.message.slice(0, 160)}`,
            'Check the port in the API server URL: it must be the HTTPS port of the API server (443 unless your site changed it), not a plain HTTP port.',
          ),
        );
        return;
      }
      const known = error.code === undefined ? undefined : NETWORK_CODES[error.code];
      finish(
        uemErr(
          'uem.unreachable',
          `Cannot connect to the UEM API at ${where}: ${known ?? error.message}`,
          'Check the API server URL, that the server runs, and that a firewall lets this machine reach it on that port.',
        ),
      );
    });

    socket.once('secureConnect', () => {
      const peer = peerCertificate(socket, offered);
      const problem = tlsProblem(socket, peer, hostname);
      const tls: TlsObservation = {
        certificate: summarizeCertificate(peer),
        problem,
        vouchedBy: problem === null ? vouchedLine(trust, peer) : null,
        pinned: problem !== null && options.ignoreTlsErrors,
      };
      // Kept only from a certificate that passed both checks, even when "ignore TLS errors" proceeds: a session stands in for them.
      if (tls.problem === null) watch?.vouch(peer);
      const refusal = tls.pinned ? pinRefusal(tls, options.pinnedSha256 ?? '', where) : null;
      if (refusal) {
        finish(refusal);
        return;
      }
      if (tls.problem !== null && !options.ignoreTlsErrors) {
        const cert = tls.certificate;
        finish(
          uemErr(
            'uem.tls-untrusted',
            `The UEM API at ${where} presented a certificate this machine does not accept: ${tls.problem}.` +
              (cert ? ` Subject: ${cert.subject}; issuer: ${cert.issuer}; SHA-256 fingerprint: ${cert.fingerprintSha256}.` : ''),
            'Compare the fingerprint with the API server\'s certificate. Install the issuing CA as trusted, or give the server a certificate that names this host. "Ignore TLS errors" proceeds anyway, for this API only, and is shown in every report.',
            [`TLS: ${tls.problem}`, ...(cert ? describeCertificate(cert) : ['server certificate: none presented']), ...trust.notes.map((n) => `trust: ${n}`)],
          ),
        );
        return;
      }
      const outgoing = httpRequest({
        createConnection: () => socket,
        method: req.method,
        path: `${req.url.pathname}${req.url.search}`,
        headers: {
          host: req.url.host,
          connection: 'close',
          ...req.headers,
          ...(req.body ? { 'content-length': String(req.body.length) } : {}),
        },
      });
      outgoing.on('error', (error) =>
        finish(
          uemErr(
            'uem.protocol',
            `The exchange with the UEM API at ${where} broke off: ${error.message}`,
            'Check that the URL points at the UEM API server, not at a proxy or another service.',
          ),
        ),
      );
      outgoing.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxResponseBytes) {
            finish(
              uemErr(
                'uem.response-too-large',
                `The UEM API at ${where} sent more than ${options.maxResponseBytes} bytes for ${req.url.pathname}; the answer was not read further`,
                'Check that the URL points at the UEM API server. A real API pages its answers.',
              ),
            );
            return;
          }
          chunks.push(chunk);
        });
        res.on('end', () => finish(uemOk({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), tls })));
        res.on('error', (error) => finish(uemErr('uem.protocol', `The answer from ${where} broke off: ${error.message}`, undefined)));
      });
      outgoing.end(req.body);
    });
  });
}
