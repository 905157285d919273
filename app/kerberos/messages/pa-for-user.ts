import { fields, readKerberosString, readOne, required, sequence } from '../asn1/der-reader';
import { ctx, generalString, seq } from '../asn1/der-writer';
import { encodeChecksum, parseChecksum, type Checksum } from './common';
import { encodePrincipalName, parsePrincipalName, type PrincipalName } from './principal';

/** PA-FOR-USER (MS-SFU §2.2.1): names the user for S4U2Self. */
export interface PaForUser {
  readonly userName: PrincipalName;
  readonly userRealm: string;
  readonly cksum: Checksum;
  readonly authPackage: string;
}

/**
 * The bytes the PA-FOR-USER checksum covers (MS-SFU §2.2.1): name-type as a little-endian
 * 32-bit integer, then every name component, the realm and the auth-package, with no separators.
 */
export function paForUserChecksumInput(userName: PrincipalName, userRealm: string, authPackage: string): Buffer {
  const t = Buffer.alloc(4);
  t.writeInt32LE(userName.nameType, 0);
  return Buffer.concat([t, ...userName.nameString.map((s) => Buffer.from(s, 'utf8')), Buffer.from(userRealm, 'utf8'), Buffer.from(authPackage, 'utf8')]);
}

export function encodePaForUser(p: PaForUser): Uint8Array {
  return seq([
    ctx(0, encodePrincipalName(p.userName)),
    ctx(1, generalString(p.userRealm)),
    ctx(2, encodeChecksum(p.cksum)),
    ctx(3, generalString(p.authPackage)),
  ]);
}

export function parsePaForUser(bytes: Uint8Array): PaForUser {
  const what = 'PA-FOR-USER';
  const f = fields(sequence(readOne(bytes), what), what, [0, 1, 2, 3]);
  return {
    userName: parsePrincipalName(required(f, 0, what), `${what}.userName`),
    userRealm: readKerberosString(required(f, 1, what), `${what}.userRealm`),
    cksum: parseChecksum(required(f, 2, what), `${what}.cksum`),
    authPackage: readKerberosString(required(f, 3, what), `${what}.auth-package`),
  };
}
