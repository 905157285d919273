import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as tls from 'node:tls';
import type { PeerCertificate, SecureContext } from 'node:tls';

/**
 * Where a trust anchor came from, in the order every TLS client of the product consults them
 * (issue 16): the Certificates step's roots (the customer's CAs), the operating system's
 * store where the runtime exposes it, NODE_EXTRA_CA_CERTS, Node's bundled roots (public
 * services such as a SaaS UEM API). LDAPS does not use this: it trusts the configured roots only.
 */
export type TrustStoreName = 'certificates-step' | 'system' | 'extra' | 'bundled';

export interface TrustStore {
  readonly name: TrustStoreName;
  /** Words for evidence: "trusted through <label>". */
  readonly label: string;
  readonly pems: readonly string[];
}

export interface Trust {
  /** Every store's roots; build connections with it. */
  readonly context: SecureContext;
  readonly stores: readonly TrustStore[];
  /** What the evidence should say about the stores themselves (the OS store not exposed here, an unreadable NODE_EXTRA_CA_CERTS). */
  readonly notes: readonly string[];
  /**
   * The first store, in order, holding the root of a chain that verified: the top of
   * getPeerCertificate(true), which Node completes with the anchor from the context's store.
   */
  vouchedBy(peer: PeerCertificate): TrustStore | null;
}

/** What the running Node or Electron offers; injected by tests to be the same on Node 20 and 22. */
export interface TrustRuntime {
  /** tls.getCACertificates (Node 22.15+, Electron 45); absent on Node 20. */
  readonly getCACertificates: ((type: 'system') => string[]) | undefined;
  readonly bundled: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The NODE_EXTRA_CA_CERTS this process started with: Node put its roots into its own default store then. */
  readonly extraLoadedAtStart?: string;
  readFile(path: string): string;
}

/** Read when this module loads, the nearest to the value Node read at start-up (the product never changes it). */
const EXTRA_AT_START = process.env.NODE_EXTRA_CA_CERTS;

export function nodeTrustRuntime(): TrustRuntime {
  const get = (tls as { getCACertificates?: (type: 'system') => string[] }).getCACertificates;
  return {
    getCACertificates: typeof get === 'function' ? get : undefined,
    bundled: tls.rootCertificates,
    env: process.env,
    ...(EXTRA_AT_START ? { extraLoadedAtStart: EXTRA_AT_START } : {}),
    readFile: (path) => readFileSync(path, 'utf8'),
  };
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The DER inside one PEM block. */
function derOf(pem: string): Buffer {
  return Buffer.from(pem.replace(/-----[A-Z0-9 ]+-----|\s/g, ''), 'base64');
}

/**
 * Whether a PEM block is whole DER: one SEQUENCE filling the block exactly, as a certificate is.
 * A cut or garbled block fails it. Not a parse: parsing a corporate bundle of ~140 roots took
 * ~20 ms of every process, for roots Node itself had parsed at start-up (issue 21).
 */
function wholeDer(pem: string): boolean {
  const der = derOf(pem);
  if (der.length < 2 || der[0] !== 0x30) return false;
  const first = der[1] as number;
  if (first < 0x80) return der.length === 2 + first;
  const octets = first & 0x7f;
  if (octets === 0 || octets > 4 || der.length < 2 + octets) return false;
  const length = der.subarray(2, 2 + octets).reduce((n, b) => n * 256 + b, 0);
  return der.length === 2 + octets + length;
}

function systemStore(runtime: TrustRuntime, notes: string[]): string[] {
  if (runtime.getCACertificates === undefined) {
    notes.push(
      "the operating system's store is not consulted: this runtime does not expose it (tls.getCACertificates needs Node 22.15 or later; the desktop app has it)",
    );
    return [];
  }
  return runtime.getCACertificates('system');
}

/**
 * NODE_EXTRA_CA_CERTS, read here: Node adds the file to its default store, but a context given
 * its own `ca` list, as ours is, replaces that store.
 */
function extraStore(runtime: TrustRuntime, notes: string[]): { path: string; pems: string[] } | null {
  const path = runtime.env.NODE_EXTRA_CA_CERTS;
  if (path === undefined || path === '') return null;
  let text: string;
  try {
    text = runtime.readFile(path);
  } catch (e) {
    notes.push(
      `NODE_EXTRA_CA_CERTS names ${path}, which cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}): none of its certificates is trusted`,
    );
    return { path, pems: [] };
  }
  const blocks = text.match(PEM_BLOCK) ?? [];
  const pems = blocks.filter(wholeDer);
  if (pems.length < blocks.length)
    notes.push(`NODE_EXTRA_CA_CERTS (${path}): ${blocks.length - pems.length} of its ${blocks.length} certificates do not parse and are not trusted`);
  if (blocks.length === 0) notes.push(`NODE_EXTRA_CA_CERTS names ${path}, which holds no PEM certificate`);
  return { path, pems };
}

/**
 * A PEM's SHA-256 fingerprint in PeerCertificate's form, hashed from its DER without parsing
 * it: crediting a store hashes every root of every store, ~140 of them.
 */
function fingerprint(pem: string): string {
  return createHash('sha256').update(derOf(pem)).digest('hex').toUpperCase().match(/../g)?.join(':') ?? '';
}

function topOf(peer: PeerCertificate): PeerCertificate {
  let cert = peer as PeerCertificate & { issuerCertificate?: PeerCertificate };
  for (
    let hops = 0;
    hops < 16 && cert.issuerCertificate !== undefined && cert.issuerCertificate !== cert && cert.issuerCertificate.fingerprint256 !== cert.fingerprint256;
    hops++
  ) {
    cert = cert.issuerCertificate as PeerCertificate & { issuerCertificate?: PeerCertificate };
  }
  return cert;
}

/** The native handle Node's own `ca` option adds each root through (lib/internal/tls/secure-context.js). */
interface NativeContext {
  readonly context: { addCACert(pem: string): void };
}

/**
 * Node's default context (its bundled roots, which it parses once per process in C++), plus
 * the other stores' roots. Handing createSecureContext every root as `ca` instead re-parsed
 * ~140 bundled PEMs per context: 20 to 60 ms of each verify process (issue 21). A root given
 * twice (NODE_EXTRA_CA_CERTS, also read by Node at start-up) is one root to OpenSSL.
 */
function contextWith(stores: readonly TrustStore[]): SecureContext {
  const context = tls.createSecureContext();
  const native = (context as unknown as NativeContext).context;
  for (const pem of new Set(stores.flatMap((s) => s.pems.map((p) => p.trim())))) native.addCACert(pem);
  return context;
}

/**
 * A trust for these configured roots on this runtime; trustFor() keeps one per set. Its
 * context holds Node's own bundled roots: `runtime.bundled` (the same list, tls.rootCertificates)
 * only names the store that vouched.
 */
export function buildTrust(configuredRoots: readonly string[], runtime: TrustRuntime): Trust {
  const notes: string[] = [];
  const stores: TrustStore[] = [{ name: 'certificates-step', label: "the Certificates step's roots", pems: [...configuredRoots] }];
  const system = systemStore(runtime, notes);
  if (system.length > 0) stores.push({ name: 'system', label: "the operating system's store", pems: system });
  const extra = extraStore(runtime, notes);
  if (extra !== null) stores.push({ name: 'extra', label: `NODE_EXTRA_CA_CERTS (${extra.path})`, pems: extra.pems });
  stores.push({ name: 'bundled', label: "Node's bundled roots", pems: [...runtime.bundled] });
  // Node's default context holds the bundled roots, and the extra file's when Node loaded it at start-up.
  const inNodeStore = (s: TrustStore) => s.name === 'bundled' || (s.name === 'extra' && extra?.path === runtime.extraLoadedAtStart);
  const context = contextWith(stores.filter((s) => !inNodeStore(s)));
  let byFingerprint: Map<string, TrustStore> | undefined;
  return {
    context,
    stores,
    notes,
    vouchedBy(peer) {
      if (byFingerprint === undefined) {
        byFingerprint = new Map();
        for (const store of stores) {
          for (const pem of store.pems) {
            const f = fingerprint(pem);
            if (!byFingerprint.has(f)) byFingerprint.set(f, store);
          }
        }
      }
      const top = topOf(peer);
      return top.fingerprint256 === undefined ? null : (byFingerprint.get(top.fingerprint256) ?? null);
    },
  };
}

const trusts = new Map<string, Trust>();

/**
 * The one trust of every TLS client (UEM API and its group picker, EAS, AIA/CRL over HTTPS)
 * for these configured roots, built once per distinct set of roots and NODE_EXTRA_CA_CERTS.
 */
export function trustFor(configuredRoots: readonly string[]): Trust {
  const runtime = nodeTrustRuntime();
  const key = createHash('sha256')
    .update([...configuredRoots].sort().join('\n'))
    .update(`\0${runtime.env.NODE_EXTRA_CA_CERTS ?? ''}`)
    .digest('hex');
  let trust = trusts.get(key);
  if (trust === undefined) {
    trust = buildTrust(configuredRoots, runtime);
    trusts.set(key, trust);
  }
  return trust;
}

/** The evidence line for a connection whose certificate verified. */
export function vouchedLine(trust: Trust, peer: PeerCertificate): string {
  const store = trust.vouchedBy(peer);
  return store === null ? 'trusted through a root of the trust list (its store could not be told)' : `trusted through ${store.label}`;
}
