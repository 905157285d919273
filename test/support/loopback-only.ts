import dgram from 'node:dgram';
import dns from 'node:dns';
import net from 'node:net';

/**
 * Every test process may talk to loopback addresses only (our machines' rule: no packet and no
 * DNS query leaves the machine). This makes a slip — an unpinned name, a settings file with a
 * real address — fail loudly in the test instead of sending traffic: TCP connects and UDP
 * sends to other addresses throw, and DNS lookups of anything but localhost are refused.
 */
const isLoopback = (host: string): boolean => {
  const h = host.replace(/^\[|\]$/g, '');
  if (net.isIPv4(h)) return h.startsWith('127.');
  if (net.isIPv6(h)) return h === '::1' || h.startsWith('::ffff:127.');
  return h === 'localhost';
};

const refuse = (what: string): never => {
  throw new Error(`test traffic guard: ${what} is not a loopback address; tests may only reach 127.0.0.0/8 or ::1`);
};

const connect = net.Socket.prototype.connect as (...args: unknown[]) => net.Socket;
net.Socket.prototype.connect = function guarded(this: net.Socket, ...args: unknown[]) {
  const first = args[0];
  const options = (Array.isArray(first) ? first[0] : first) as { host?: string; path?: string } | number | string | undefined;
  if (typeof options === 'object' && options !== null && options.path === undefined) {
    const host = options.host ?? 'localhost';
    if (!isLoopback(host)) refuse(`connect to ${host}`);
  } else if (typeof options === 'number') {
    const host = typeof args[1] === 'string' ? args[1] : 'localhost';
    if (!isLoopback(host)) refuse(`connect to ${host}`);
  }
  return connect.apply(this, args);
} as typeof net.Socket.prototype.connect;

const send = dgram.Socket.prototype.send as (...args: unknown[]) => void;
dgram.Socket.prototype.send = function guarded(this: dgram.Socket, ...args: unknown[]) {
  const host = args.find((a, i) => i > 0 && typeof a === 'string') as string | undefined;
  if (host !== undefined && !isLoopback(host)) refuse(`UDP to ${host}`);
  return send.apply(this, args);
} as typeof dgram.Socket.prototype.send;

const lookup = dns.lookup as (...args: unknown[]) => void;
(dns as { lookup: unknown }).lookup = function guarded(hostname: string, ...rest: unknown[]) {
  if (!isLoopback(hostname) && !net.isIP(hostname)) {
    const callback = rest.at(-1) as (error: NodeJS.ErrnoException) => void;
    const error: NodeJS.ErrnoException = Object.assign(new Error(`test traffic guard: no DNS lookup of ${hostname} (pin it in network.hosts)`), {
      code: 'ENOTFOUND',
    });
    process.nextTick(() => callback(error));
    return;
  }
  return lookup.call(dns, hostname, ...rest);
};
const promisesLookup = dns.promises.lookup;
(dns.promises as { lookup: unknown }).lookup = async (hostname: string, ...rest: unknown[]) => {
  if (!isLoopback(hostname) && !net.isIP(hostname)) {
    throw Object.assign(new Error(`test traffic guard: no DNS lookup of ${hostname} (pin it in network.hosts)`), { code: 'ENOTFOUND' });
  }
  return (promisesLookup as (...a: unknown[]) => unknown)(hostname, ...rest);
};
