import { createServer } from 'node:net';

export interface TcpKdc {
  readonly port: number;
  /** Every request received, without its length prefix, in order. */
  readonly requests: Buffer[];
  close(): Promise<void>;
}

/**
 * A loopback KDC over TCP (RFC 4120 §7.2.2: a 4-byte big-endian length before each message):
 * each complete request gets `answer(request)` and the connection is closed.
 */
export function tcpKdc(answer: (request: Buffer) => Uint8Array): Promise<TcpKdc> {
  const requests: Buffer[] = [];
  const open = new Set<import('node:net').Socket>();
  const server = createServer((socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    let data = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      if (data.length < 4 || data.length < 4 + data.readUInt32BE(0)) return;
      const request = data.subarray(4, 4 + data.readUInt32BE(0));
      requests.push(request);
      const body = Buffer.from(answer(request));
      const head = Buffer.alloc(4);
      head.writeUInt32BE(body.length);
      socket.end(Buffer.concat([head, body]));
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        port: typeof address === 'object' && address !== null ? address.port : 0,
        requests,
        // The client's connection opened ahead for a next request stays open: closed here, not waited for.
        close: () =>
          new Promise<void>((r) => {
            server.close(() => r());
            open.forEach((s) => s.destroy());
          }),
      });
    }),
  );
}
