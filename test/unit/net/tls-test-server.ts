import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';

export interface TestCertificate {
  readonly rootPem: string;
  readonly certPem: string;
  readonly keyPem: string;
}

/** A root CA and a server certificate naming `names`, made with the openssl CLI (P-256 keys: quick to make). */
export function makeServerCertificate(names: readonly string[]): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'seg-tls-'));
  const openssl = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
  try {
    writeFileSync(
      join(dir, 'ext.cnf'),
      ['[server]', 'basicConstraints = CA:FALSE', 'extendedKeyUsage = serverAuth', `subjectAltName = ${names.map((n) => `DNS:${n}`).join(', ')}`, ''].join(
        '\n',
      ),
    );
    openssl(['req', '-x509', ...key, '-keyout', 'root.key', '-out', 'root.pem', '-subj', '/CN=TLS Session Test Root', '-days', '2']);
    openssl(['req', '-new', ...key, '-keyout', 'server.key', '-out', 'server.csr', '-subj', `/CN=${names[0] ?? 'server'}`]);
    openssl([
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'root.pem',
      '-CAkey',
      'root.key',
      '-CAcreateserial',
      '-out',
      'server.pem',
      '-days',
      '2',
      '-extfile',
      'ext.cnf',
      '-extensions',
      'server',
    ]);
    const read = (name: string) => readFileSync(join(dir, name), 'utf8');
    return { rootPem: read('root.pem'), certPem: read('server.pem'), keyPem: read('server.key') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface TlsTestServer {
  readonly port: number;
  /** For each handshake in order, whether it resumed a session, as the server saw it (stateless TLS 1.3 tickets raise no 'resumeSession'). */
  readonly resumed: boolean[];
  /** The Authorization header of each request that reached the server ('' when none). */
  readonly authorizations: string[];
  /** TCP connections accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

/** An HTTPS server on 127.0.0.1 answering 200 to anything. */
export async function startTlsServer(certificate: TestCertificate): Promise<TlsTestServer> {
  const resumed: boolean[] = [];
  const authorizations: string[] = [];
  const server: Server = createServer({ key: certificate.keyPem, cert: certificate.certPem }, (req, res) => {
    authorizations.push(req.headers.authorization ?? '');
    res.end('ok');
  });
  server.on('secureConnection', (socket: TLSSocket) => resumed.push(socket.isSessionReused()));
  let accepted = 0;
  server.on('connection', () => accepted++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    resumed,
    authorizations,
    connections: () => accepted,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
