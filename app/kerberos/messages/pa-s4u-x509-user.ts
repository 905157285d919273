import { fields, readKerberosString, readOctets, readOne, readUInt32, required, sequence } from '../asn1/der-reader';
import { bitString32, ctx, generalString, integer, octets, opt, seq } from '../asn1/der-writer';
import { encodeChecksum, parseChecksum, type Checksum } from './common';
import { encodePrincipalName, parsePrincipalName, type PrincipalName } from './principal';

/**
 * PA-S4U-X509-USER (MS-SFU §2.2.2): S4U2Self by certificate. Samba's KDC ignores it
 * (lab-notes: only PA-FOR-USER is decoded), so it is sent only on request, next to PA-FOR-USER.
 */
export interface S4uUserId {
  readonly nonce: number;
  readonly cname?: PrincipalName;
  readonly crealm: string;
  readonly subjectCertificate?: Uint8Array;
  readonly options?: number;
}

export function encodeS4uUserId(u: S4uUserId): Uint8Array {
  return seq([
    ctx(0, integer(u.nonce)),
    opt(1, u.cname, encodePrincipalName),
    ctx(2, generalString(u.crealm)),
    opt(3, u.subjectCertificate, octets),
    opt(4, u.options, bitString32),
  ]);
}

export function encodePaS4uX509User(userIdDer: Uint8Array, checksum: Checksum): Uint8Array {
  return seq([ctx(0, userIdDer), ctx(1, encodeChecksum(checksum))]);
}

export function parsePaS4uX509User(bytes: Uint8Array): { userId: S4uUserId; checksum: Checksum } {
  const what = 'PA-S4U-X509-USER';
  const f = fields(sequence(readOne(bytes), what), what, [0, 1]);
  const u = fields(sequence(required(f, 0, what), `${what}.user-id`), `${what}.user-id`, [0, 1, 2, 3, 4]);
  const cname = u.get(1);
  const cert = u.get(3);
  return {
    userId: {
      nonce: readUInt32(required(u, 0, what), `${what}.nonce`),
      ...(cname ? { cname: parsePrincipalName(cname, `${what}.cname`) } : {}),
      crealm: readKerberosString(required(u, 2, what), `${what}.crealm`),
      ...(cert ? { subjectCertificate: readOctets(cert, `${what}.subject-certificate`) } : {}),
    },
    checksum: parseChecksum(required(f, 1, what), `${what}.checksum`),
  };
}
