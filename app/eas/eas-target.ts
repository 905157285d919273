import type { Trust } from '../net/trust';
import type { AddressSource } from '../net/resolve';

/** The ActiveSync endpoint as the SEG reaches it: the name it uses, and the address that name leads to. */
export interface EasTarget {
  readonly host: string;
  readonly address: string;
  readonly addressSource: AddressSource;
  readonly port: number;
  readonly tls: boolean;
  readonly path: string;
  /** The one trust (app/net/trust.ts): the Certificates step's roots, the OS store, NODE_EXTRA_CA_CERTS, Node's bundled roots. */
  readonly trust: Trust;
}

export function easUrl(target: Pick<EasTarget, 'host' | 'port' | 'tls' | 'path'>): string {
  const defaultPort = target.tls ? 443 : 80;
  return `${target.tls ? 'https' : 'http'}://${target.host}${target.port === defaultPort ? '' : `:${target.port}`}${target.path}`;
}
