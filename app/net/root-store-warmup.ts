import { Worker } from 'node:worker_threads';

/**
 * Node builds its store of bundled roots (~140 PEMs parsed by OpenSSL) once per process, on the
 * thread that first makes a TLS context: 17 ms on Node 20 and 5 ms on Node 22 of a verify run's
 * critical path, where the first TLS connection (to Exchange) waits on the Kerberos chain. The
 * store is the process's, not the thread's, so a worker thread that makes a context at the start
 * of the run builds it on another core while the main thread loads the checks and talks to the
 * KDC (issue 21; `npm run bench -- chain-process`). The worker holds nothing and sends nothing;
 * it does not keep the process alive, and its failure only leaves the work to the main thread.
 */
export function warmRootStore(): Worker | null {
  try {
    const worker = new Worker("require('node:tls').createSecureContext()", { eval: true });
    worker.on('error', () => undefined);
    worker.unref();
    return worker;
  } catch {
    return null;
  }
}
