import { app, ctx, generalString, integer, kerberosTime, opt, seq } from '../asn1/der-writer';
import { APP_TAG } from '../constants';
import { encodeChecksum, encodeEncryptionKey, type Checksum, type EncryptionKey } from './common';
import { encodePrincipalName, type PrincipalName } from './principal';

/** Authenticator ::= [APPLICATION 2] (RFC 4120 §5.5.1). */
export interface Authenticator {
  readonly crealm: string;
  readonly cname: PrincipalName;
  readonly cksum?: Checksum;
  readonly ctime: Date;
  readonly cusec: number;
  readonly subkey?: EncryptionKey;
  readonly seqNumber?: number;
}

export function encodeAuthenticator(a: Authenticator): Uint8Array {
  return app(
    APP_TAG.AUTHENTICATOR,
    seq([
      ctx(0, integer(5)),
      ctx(1, generalString(a.crealm)),
      ctx(2, encodePrincipalName(a.cname)),
      opt(3, a.cksum, encodeChecksum),
      ctx(4, integer(a.cusec)),
      ctx(5, kerberosTime(a.ctime)),
      opt(6, a.subkey, encodeEncryptionKey),
      opt(7, a.seqNumber, integer),
    ]),
  );
}
