import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, createServer, type Server, type Socket } from 'node:net';

/** What crossed one relay: connections, and round trips (a reply after a request). */
export interface RelayCount {
  connections: number;
  roundTrips: number;
}

export interface Relay {
  readonly port: number;
  readonly udp: boolean;
  readonly count: RelayCount;
  reset(): void;
  close(): Promise<void>;
}

/**
 * A TCP relay on `listen:port` to `target:port` that holds every chunk `delayMs` in each
 * direction, as a WAN link would: a request/response costs two delays. A round trip is
 * counted each time the server answers after the client spoke.
 */
export async function tcpRelay(listen: string, target: string, port: number, delayMs: number): Promise<Relay> {
  const count: RelayCount = { connections: 0, roundTrips: 0 };
  const sockets = new Set<Socket>();
  const later = (fn: () => void) => void setTimeout(fn, delayMs);
  const server: Server = createServer((client) => {
    count.connections++;
    let lastUp = false;
    const upstream = connect({ host: target, port });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk) => {
      lastUp = true;
      later(() => upstream.write(chunk));
    });
    upstream.on('data', (chunk) => {
      if (lastUp) count.roundTrips++;
      lastUp = false;
      later(() => client.write(chunk));
    });
    client.on('end', () => later(() => upstream.end()));
    upstream.on('end', () => later(() => client.end()));
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, listen, resolve));
  return {
    port,
    udp: false,
    count,
    reset: () => Object.assign(count, { connections: 0, roundTrips: 0 }),
    close: () => {
      sockets.forEach((s) => s.destroy());
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The same for UDP datagrams (Kerberos over UDP 88): one upstream socket per client. */
export async function udpRelay(listen: string, target: string, port: number, delayMs: number): Promise<Relay> {
  const count: RelayCount = { connections: 0, roundTrips: 0 };
  const front = createSocket('udp4');
  const backs = new Map<string, UdpSocket>();
  front.on('message', (msg, from) => {
    const key = `${from.address}:${from.port}`;
    let back = backs.get(key);
    if (back === undefined) {
      count.connections++;
      const socket = createSocket('udp4');
      socket.on('message', (reply) => {
        count.roundTrips++;
        setTimeout(() => front.send(reply, from.port, from.address), delayMs);
      });
      backs.set(key, socket);
      back = socket;
    }
    const out = back;
    setTimeout(() => out.send(msg, port, target), delayMs);
  });
  await new Promise<void>((resolve, reject) => front.once('error', reject).bind(port, listen, resolve));
  return {
    port,
    udp: true,
    count,
    reset: () => Object.assign(count, { connections: 0, roundTrips: 0 }),
    close: async () => {
      backs.forEach((s) => s.close());
      await new Promise<void>((resolve) => front.close(() => resolve()));
    },
  };
}
