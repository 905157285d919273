import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLdap } from '../../../app/ldap/connect';

/**
 * A DC that accepts the TCP connection and never answers (a half-dead DC, or a firewall that
 * swallows the TLS hello): cancelling must end the open at once, whatever stage it is in.
 * The time-out is far beyond the test's, so only the abort can end it.
 */
let server: Server;
let port = 0;
const sockets: Socket[] = [];

beforeAll(async () => {
  server = createServer((socket) => void sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  sockets.forEach((s) => s.destroy());
  await new Promise((resolve) => server.close(resolve));
});

const endpoint = () => ({ host: 'sedc01.se.airwlab.com', address: '127.0.0.1', tlsPort: port, plainPort: port });

describe('openLdap against a DC that never answers', () => {
  it('ends when the signal aborts during the TLS handshake', async () => {
    const controller = new AbortController();
    const opening = openLdap(endpoint(), { ca: [], timeoutMs: 60_000, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('the run was cancelled')), 50);
    const r = await opening;
    expect(r.ok).toBe(false);
  }, 5_000);

  it('ends at once when the signal was aborted before it started', async () => {
    const r = await openLdap(endpoint(), { ca: [], timeoutMs: 60_000, signal: AbortSignal.abort(new Error('the run has ended')) });
    expect(r.ok).toBe(false);
  }, 5_000);
});
