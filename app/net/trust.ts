import { createHash } from 'node:crypto';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';

const contexts = new Map<string, SecureContext>();

/**
 * A TLS context trusting the system's roots plus the given PEM roots (the CAs of the
 * Certificates step). Building one parses ~140 certificates, which costs tens of
 * milliseconds of blocked event loop, so each distinct set is built once per process.
 */
export function trustContext(extraRootsPem: readonly string[]): SecureContext {
  const key = createHash('sha256').update([...extraRootsPem].sort().join('\n')).digest('hex');
  let context = contexts.get(key);
  if (context === undefined) {
    context = createSecureContext({ ca: [...rootCertificates, ...extraRootsPem] });
    contexts.set(key, context);
  }
  return context;
}
