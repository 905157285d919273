import { SHARE_ENV, Worker } from 'node:worker_threads';

/**
 * The worker's end, kept on globalThis: the CLI's dispatcher starts it (dist/cli/main.cjs) and a
 * check of the command's own bundle (another copy of this module) waits for it.
 */
const WARMED = Symbol.for('seg-kcd-setup.root-store-warmed');
const state = globalThis as { [WARMED]?: Promise<void> };

/**
 * Node builds its store of bundled roots (~140 PEMs parsed by OpenSSL) once per process, on the
 * thread that first makes a TLS context: 17 ms on Node 20 and 5 ms on Node 22 of a verify run's
 * critical path, where the first TLS connection (to Exchange) waits on the Kerberos chain. The
 * store is the process's, not the thread's, so a worker thread that makes a context as the
 * process starts builds it on another core while the main thread loads the checks and talks to
 * the KDC (issue 21; `npm run bench -- chain-process`). The worker says when the store is built,
 * a few milliseconds before its thread is torn down; it does not keep the process alive, and its
 * failure only leaves the work to the main thread.
 */
export function warmRootStore(): Worker | null {
  try {
    // Its environment shared, not copied, and its standard streams not piped to ours (it writes
    // nothing): half the main thread's cost of starting it, 1.3 ms instead of 2.6.
    const worker = new Worker("require('node:tls').createSecureContext();require('node:worker_threads').parentPort.postMessage('built')", {
      eval: true,
      env: SHARE_ENV,
      stdout: true,
      stderr: true,
    });
    worker.unref();
    state[WARMED] = new Promise((resolve) => {
      worker.once('message', () => resolve());
      worker.once('exit', () => resolve());
      worker.once('error', () => resolve());
    });
    return worker;
  } catch {
    return null;
  }
}

/**
 * Settles when the worker of warmRootStore() is done, at once when none runs. A TLS context made
 * before then waits, blocking the main thread, for the worker to finish the store: work that can
 * wait (a connection opened ahead) waits here instead.
 */
export function rootStoreWarmed(): Promise<void> {
  return state[WARMED] ?? Promise.resolve();
}
