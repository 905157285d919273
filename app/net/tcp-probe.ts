import { connect } from 'node:net';

/** What a TCP connect attempt found: the cells of net.paths' table. */
export type PortState = 'open' | 'refused' | 'timeout' | 'unreachable';

export interface PortProbe {
  readonly state: PortState;
  readonly ms: number;
  /** The socket error code when there was one (ECONNREFUSED, EHOSTUNREACH, …). */
  readonly detail?: string;
}

/**
 * One TCP connect, closed as soon as it is made. Never rejects: a refused port (RST) and
 * a silent one (filtered: no answer within the limit) are results, not errors.
 */
export function probeTcp(address: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<PortProbe> {
  const started = performance.now();
  return new Promise<PortProbe>((resolve) => {
    const socket = connect({ host: address, port });
    let settled = false;
    const finish = (state: PortState, detail?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve({ state, ms: Math.round(performance.now() - started), ...(detail !== undefined ? { detail } : {}) });
    };
    const onAbort = () => finish('timeout', 'cancelled');
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => finish('open'));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? 'error';
      finish(code === 'ECONNREFUSED' ? 'refused' : code === 'ETIMEDOUT' ? 'timeout' : 'unreachable', code);
    });
  });
}
