import { connect, checkServerIdentity, type PeerCertificate, type DetailedPeerCertificate } from 'node:tls';
import { err, ok, type Result } from '../contract/result';
import { serverNameOption } from '../net/server-name';
import { vouchedLine } from '../net/trust';
import type { TlsSessionStore } from '../net/tls-sessions';
import type { EasTarget } from './eas-target';

export interface PresentedCertificate {
  readonly subject: string;
  readonly issuer: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly dnsNames: readonly string[];
  readonly fingerprint256: string;
}

export interface TlsInspection {
  readonly protocol: string | null;
  readonly chain: readonly PresentedCertificate[];
  /** Null when the chain verifies against the roots; else OpenSSL's reason code. */
  readonly trustError: string | null;
  /** Which trust store vouched ("trusted through …"), when the chain verified. */
  readonly vouchedBy: string | null;
  /** Null when the leaf names the host the SEG uses; else why not. */
  readonly nameError: string | null;
  readonly expiresInDays: number;
}

function nameOf(entries: Record<string, string | string[]> | undefined): string {
  if (!entries) return '';
  return Object.entries(entries)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
    .join(', ');
}

function present(cert: PeerCertificate): PresentedCertificate {
  return {
    subject: nameOf(cert.subject as unknown as Record<string, string>),
    issuer: nameOf(cert.issuer as unknown as Record<string, string>),
    validFrom: new Date(cert.valid_from).toISOString(),
    validTo: new Date(cert.valid_to).toISOString(),
    dnsNames: (cert.subjectaltname ?? '')
      .split(', ')
      .filter((n) => n.startsWith('DNS:') || n.startsWith('IP Address:'))
      .map((n) => n.replace(/^DNS:|^IP Address:/, '')),
    fingerprint256: cert.fingerprint256,
  };
}

/** The presented chain, leaf first, stopping where a certificate issues itself. */
function chainOf(leaf: DetailedPeerCertificate): PresentedCertificate[] {
  const out: PresentedCertificate[] = [];
  let current: DetailedPeerCertificate | undefined = leaf;
  const seen = new Set<string>();
  while (current && !seen.has(current.fingerprint256) && out.length < 10) {
    seen.add(current.fingerprint256);
    out.push(present(current));
    current = current.issuerCertificate === current ? undefined : current.issuerCertificate;
  }
  return out;
}

/**
 * Completes a TLS handshake as the SEG does (SNI = the host name it uses) and reports the
 * chain, whether it is trusted and whether it names that host, without stopping at the first
 * problem: a person needs to see all of them at once. Always a full handshake (a resumed one
 * presents no chain); with `sessions`, a session from a chain that verified and named the host
 * is kept for the requests that follow.
 */
export function inspectTls(target: EasTarget, timeoutMs: number, signal: AbortSignal, sessions?: TlsSessionStore): Promise<Result<TlsInspection>> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect({
      host: target.address,
      port: target.port,
      ...serverNameOption(target.host),
      secureContext: target.trust.context,
      rejectUnauthorized: false,
      timeout: timeoutMs,
    });
    const watch = sessions?.watch(socket, { address: target.address, port: target.port, servername: target.host, trust: target.trust.context });
    let report: TlsInspection | undefined;
    let ticketWait: NodeJS.Timeout | undefined;
    const abort = () => socket.destroy(new Error('cancelled'));
    signal.addEventListener('abort', abort, { once: true });
    const done = (r: Result<TlsInspection>) => {
      clearTimeout(ticketWait);
      signal.removeEventListener('abort', abort);
      socket.destroy();
      resolve(r);
    };
    // Once the inspection is made, an error or timeout while waiting for a ticket only ends the wait.
    const fail = (r: Result<TlsInspection>) => done(report === undefined ? r : ok(report));
    socket.once('secureConnect', () => {
      const leaf = socket.getPeerCertificate(true);
      if (!leaf || Object.keys(leaf).length === 0) return done(err('eas.tls-no-certificate', `${target.host} presented no certificate`));
      const identity = checkServerIdentity(target.host, leaf);
      const authorizationError = socket.authorizationError as unknown as string | Error | null;
      report = {
        protocol: socket.getProtocol(),
        chain: chainOf(leaf),
        trustError: socket.authorized
          ? null
          : String(
              authorizationError instanceof Error ? ((authorizationError as NodeJS.ErrnoException).code ?? authorizationError.message) : authorizationError,
            ),
        nameError: identity ? identity.message : null,
        vouchedBy: socket.authorized ? vouchedLine(target.trust, leaf) : null,
        expiresInDays: Math.floor((new Date(leaf.valid_to).getTime() - Date.now()) / 86_400_000),
      };
      if (watch === undefined || report.trustError !== null || report.nameError !== null) return done(ok(report));
      watch.vouch(leaf);
      // TLS 1.2 delivered its session with the handshake. A TLS 1.3 ticket is sent when the
      // server reads our Finished, about one round trip from now; the handshake took at least
      // two, so waiting as long again suffices, and bounds what a server issuing none costs.
      if (report.protocol !== 'TLSv1.3') return done(ok(report));
      const inspected = report;
      socket.once('session', () => done(ok(inspected)));
      ticketWait = setTimeout(() => done(ok(inspected)), Math.ceil(performance.now() - started));
    });
    socket.once('timeout', () =>
      fail(
        err(
          'eas.timeout',
          `No TLS handshake with ${target.host} (${target.address}:${target.port}) within ${timeoutMs} ms`,
          'Check that the email server listens for HTTPS on this port (net.paths).',
        ),
      ),
    );
    socket.once('error', (e: NodeJS.ErrnoException) =>
      fail(
        err(
          'eas.tls-failed',
          `TLS with ${target.host} (${target.address}:${target.port}) failed: ${e.message}`,
          e.code === 'ECONNREFUSED'
            ? `Nothing listens on port ${target.port}: check the port and that IIS runs on Exchange.`
            : 'Check that this port serves HTTPS (not plain HTTP) and that TLS 1.2 is enabled on Exchange.',
        ),
      ),
    );
  });
}
