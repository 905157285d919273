import dns from 'node:dns';
import net from 'node:net';
import { describe, expect, it } from 'vitest';

describe('the test traffic guard', () => {
  it('refuses a TCP connect off the machine before any packet is sent', () => {
    expect(() => net.connect({ host: '10.1.2.3', port: 88 })).toThrow(/not a loopback address/);
  });

  it('refuses DNS lookups of real names, so an unpinned name fails the test', async () => {
    await expect(dns.promises.lookup('sedc01.se.airwlab.com')).rejects.toThrow(/pin it in network.hosts/);
  });

  it('lets loopback through', async () => {
    const server = net.createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as net.AddressInfo;
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.destroy();
    server.close();
  });
});
