import { describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:net';
import { probeTcp } from '../../../app/net/tcp-probe';

function listen(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer((s) => s.destroy());
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('probeTcp', () => {
  it('finds an open port and times it', async () => {
    const server = await listen();
    const r = await probeTcp('127.0.0.1', portOf(server), 1000);
    server.close();
    expect(r.state).toBe('open');
    expect(r.ms).toBeGreaterThanOrEqual(0);
  });

  it('tells a refused port (nothing listening) from an open one', async () => {
    const server = await listen();
    const port = portOf(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await probeTcp('127.0.0.1', port, 1000)).toMatchObject({ state: 'refused', detail: 'ECONNREFUSED' });
  });

  it('returns at once when cancelled, without throwing', async () => {
    const server = await listen();
    const controller = new AbortController();
    const pending = probeTcp('127.0.0.1', portOf(server), 5000, controller.signal);
    controller.abort();
    const r = await pending;
    server.close();
    expect(r).toMatchObject({ state: 'timeout', detail: 'cancelled' });
  });
});
