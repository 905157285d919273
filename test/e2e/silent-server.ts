import { createSocket } from 'node:dgram';
import { createServer, type Socket } from 'node:net';

/**
 * A server that accepts TCP connections and UDP datagrams on these ports and never answers:
 * a DC whose services hang (a firewall that lets SYN through, a wedged KDC).
 */
export async function startSilentServer(address: string, ports: readonly number[]): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const servers = await Promise.all(
    ports.map(
      (port) =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer((socket) => {
            sockets.add(socket);
            socket.on('close', () => sockets.delete(socket));
            socket.on('error', () => undefined);
          });
          server.once('error', reject);
          server.listen(port, address, () => resolve(server));
        }),
    ),
  );
  const udp = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    udp.once('error', reject);
    udp.bind(88, address, () => resolve());
  });
  return {
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
      await new Promise<void>((resolve) => udp.close(() => resolve()));
    },
  };
}
