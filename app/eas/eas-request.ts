import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { err, ok, type Result } from '../contract/result';
import { verifiedHttpsRequest } from '../net/https-request';
import type { TlsSessionStore } from '../net/tls-sessions';
import { easUrl, type EasTarget } from './eas-target';

export interface EasResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** The first bytes of the body, as text: enough to show what answered. */
  readonly bodyStart: string;
}

const BODY_LIMIT = 8 * 1024;

/**
 * One request to the ActiveSync endpoint, to the resolved address with the SEG's host name in
 * Host and SNI, the server certificate verified against the target's roots. Never retried:
 * a request carrying a password that fails counts toward the account's lockout. With
 * `sessions`, it resumes a TLS session of this run with the same server, name and roots.
 */
export function easRequest(
  target: EasTarget,
  options: { method: 'GET' | 'OPTIONS'; authorization?: string; timeoutMs: number; signal: AbortSignal; sessions?: TlsSessionStore },
): Promise<Result<EasResponse>> {
  const url = easUrl(target);
  const hostHeader = new URL(url).host;
  return new Promise((resolve) => {
    const settle = (r: Result<EasResponse>) => resolve(r);
    const common = {
      host: target.address,
      port: target.port,
      path: target.path,
      method: options.method,
      headers: {
        Host: hostHeader,
        'User-Agent': 'seg-kcd-setup',
        'MS-ASProtocolVersion': '14.1',
        ...(options.authorization ? { Authorization: options.authorization } : {}),
      },
      timeout: options.timeoutMs,
      signal: options.signal,
    };
    const onResponse = (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < BODY_LIMIT) chunks.push(chunk.subarray(0, BODY_LIMIT - size));
        size += chunk.length;
        if (size >= BODY_LIMIT) res.destroy();
      });
      const finish = () => settle(ok({ status: res.statusCode ?? 0, headers: res.headers, bodyStart: Buffer.concat(chunks).toString('utf8') }));
      res.on('end', finish);
      res.on('close', finish);
    };
    const place = { address: target.address, port: target.port, servername: target.host, trust: target.trust.context };
    const req = target.tls ? verifiedHttpsRequest(common, place, options.sessions, onResponse) : httpRequest(common, onResponse);
    req.on('timeout', () => {
      req.destroy();
      settle(
        err(
          'eas.timeout',
          `${url} (${target.address}) did not answer within ${options.timeoutMs} ms`,
          'Check that the email server is running and that the path from here to it is open (net.paths).',
        ),
      );
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      const code = e.code ?? 'error';
      const remedy =
        code === 'ECONNREFUSED'
          ? `Nothing listens on ${target.address}:${target.port}: check the port in the Email server step and that IIS is running on Exchange.`
          : code.startsWith('ERR_TLS') || code.includes('CERT') || code === 'DEPTH_ZERO_SELF_SIGNED_CERT'
            ? 'The server certificate is not trusted or does not name this host: see eas.tls.'
            : 'Check the host name, the address it resolves to and the firewall between the SEG and Exchange.';
      settle(err('eas.request-failed', `${url} (${target.address}): ${e.message}`, remedy));
    });
    req.end();
  });
}
