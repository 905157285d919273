import type { PeerCertificate, SecureContext, TLSSocket } from 'node:tls';

/**
 * Where a session may be offered again: the same server (address and port), the same name
 * checked on its certificate, and the same trust anchors. A resumed handshake sends no
 * certificate, so Node checks neither chain nor name on it (_tls_wrap onConnectSecure skips
 * checkServerIdentity when isSessionReused()): the session stands in for both checks, which is
 * sound only while the name and the anchors are those it was made with.
 */
export interface SessionPlace {
  readonly address: string;
  readonly port: number;
  /** The name the certificate was checked against (also the SNI, unless it is an address). */
  readonly servername: string;
  /** The trust anchors the chain was verified against. */
  readonly trust: SecureContext;
}

/** A session to offer, with the certificate verified when it was made: a resumed handshake presents none. */
export interface StoredSession {
  readonly session: Buffer;
  readonly peer: PeerCertificate;
}

export interface SessionWatch {
  /** The certificate verified and named the host (or this connection resumed one that did): keep what the server issues. */
  vouch(peer: PeerCertificate): void;
}

/**
 * The TLS sessions of one verify run, so that later connections to a server resume instead of
 * repeating the full handshake (chain verification, the server's RSA signature), as any HTTPS
 * client and the SEG itself do. Only sessions of connections that were vouched for are kept: a
 * certificate a person was told is untrusted must never be skipped past by resuming.
 */
export class TlsSessionStore {
  // trustFor() makes one context per set of roots (and NODE_EXTRA_CA_CERTS), so the object itself names the anchors.
  readonly #byTrust = new WeakMap<SecureContext, Map<string, StoredSession>>();

  offer(place: SessionPlace): StoredSession | undefined {
    return this.#byTrust.get(place.trust)?.get(keyOf(place));
  }

  /**
   * Collects the sessions a connection receives, kept once vouch() is called. Call it before
   * the handshake ends: Node asks OpenSSL for sessions only once a 'session' listener exists.
   * TLS 1.2 delivers the session during the handshake, TLS 1.3 tickets after it; the newest wins.
   */
  watch(socket: TLSSocket, place: SessionPlace): SessionWatch {
    let latest: Buffer | undefined;
    let peer: PeerCertificate | undefined;
    const keep = () => {
      if (latest !== undefined && peer !== undefined) this.#put(place, { session: latest, peer });
    };
    socket.on('session', (session: Buffer) => {
      latest = session;
      keep();
    });
    return {
      vouch: (verified) => {
        peer = verified;
        keep();
      },
    };
  }

  #put(place: SessionPlace, stored: StoredSession): void {
    let sessions = this.#byTrust.get(place.trust);
    if (sessions === undefined) {
      sessions = new Map();
      this.#byTrust.set(place.trust, sessions);
    }
    sessions.set(keyOf(place), stored);
  }
}

function keyOf(place: SessionPlace): string {
  return JSON.stringify([place.address, place.port, place.servername.toLowerCase()]);
}

/**
 * The certificate behind a connection that may have resumed `offered`: a resumed handshake
 * presents none (getPeerCertificate() is empty), so it is the one the session was made with.
 */
export function peerCertificate(socket: TLSSocket, offered: StoredSession | undefined): PeerCertificate {
  return offered !== undefined && socket.isSessionReused() ? offered.peer : socket.getPeerCertificate(true);
}
