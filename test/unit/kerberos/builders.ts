/** Test-only encoders for the messages a KDC or server sends (the product only decodes them). */
import { app, bitString32, ctx, generalString, integer, kerberosTime, octets, opt, seq } from '../../../app/kerberos/asn1/der-writer';
import {
  encodeEncryptedData,
  encodeEncryptionKey,
  encodePaData,
  type EncryptedData,
  type EncryptionKey,
  type PaData,
} from '../../../app/kerberos/messages/common';
import { encodePrincipalName, type PrincipalName } from '../../../app/kerberos/messages/principal';

export function ticketDer(realm: string, sname: PrincipalName, enc: EncryptedData): Uint8Array {
  return app(1, seq([ctx(0, integer(5)), ctx(1, generalString(realm)), ctx(2, encodePrincipalName(sname)), ctx(3, encodeEncryptedData(enc))]));
}

export function kdcRepDer(msgType: 11 | 13, padata: PaData[], crealm: string, cname: PrincipalName, ticket: Uint8Array, enc: EncryptedData): Uint8Array {
  return app(
    msgType,
    seq([
      ctx(0, integer(5)),
      ctx(1, integer(msgType)),
      padata.length > 0 ? ctx(2, seq(padata.map(encodePaData))) : undefined,
      ctx(3, generalString(crealm)),
      ctx(4, encodePrincipalName(cname)),
      ctx(5, ticket),
      ctx(6, encodeEncryptedData(enc)),
    ]),
  );
}

export interface EncPartFields {
  key: EncryptionKey;
  nonce: number;
  flags: number;
  authtime: Date;
  endtime: Date;
  srealm: string;
  sname: PrincipalName;
}

export function encKdcRepPartDer(tag: 25 | 26, f: EncPartFields): Uint8Array {
  return app(
    tag,
    seq([
      ctx(0, encodeEncryptionKey(f.key)),
      ctx(1, seq([seq([ctx(0, integer(0)), ctx(1, kerberosTime(f.authtime))])])),
      ctx(2, integer(f.nonce)),
      ctx(4, bitString32(f.flags)),
      ctx(5, kerberosTime(f.authtime)),
      ctx(7, kerberosTime(f.endtime)),
      ctx(9, generalString(f.srealm)),
      ctx(10, encodePrincipalName(f.sname)),
    ]),
  );
}

export function krbErrorDer(f: {
  code: number;
  stime: Date;
  susec: number;
  realm: string;
  sname: PrincipalName;
  eText?: string;
  eData?: Uint8Array;
  crealm?: string;
}): Uint8Array {
  return app(
    30,
    seq([
      ctx(0, integer(5)),
      ctx(1, integer(30)),
      ctx(4, kerberosTime(f.stime)),
      ctx(5, integer(f.susec)),
      ctx(6, integer(f.code)),
      opt(7, f.crealm, generalString),
      ctx(9, generalString(f.realm)),
      ctx(10, encodePrincipalName(f.sname)),
      opt(11, f.eText, generalString),
      opt(12, f.eData, octets),
    ]),
  );
}

export function etypeInfo2Der(entries: { etype: number; salt?: string; s2kparams?: Uint8Array }[]): Uint8Array {
  return seq(entries.map((e) => seq([ctx(0, integer(e.etype)), opt(1, e.salt, generalString), opt(2, e.s2kparams, octets)])));
}

export function methodDataDer(padata: PaData[]): Uint8Array {
  return seq(padata.map(encodePaData));
}

export function encApRepPartDer(ctime: Date, cusec: number, subkey?: EncryptionKey, seqNumber?: number): Uint8Array {
  return app(27, seq([ctx(0, kerberosTime(ctime)), ctx(1, integer(cusec)), opt(2, subkey, encodeEncryptionKey), opt(3, seqNumber, integer)]));
}

export function apRepDer(enc: EncryptedData): Uint8Array {
  return app(15, seq([ctx(0, integer(5)), ctx(1, integer(15)), ctx(2, encodeEncryptedData(enc))]));
}

/** A small deterministic PRNG (mulberry32) so fuzz failures can be replayed from the seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One mutation of a valid message: flipped bytes, cut, duplicated or inserted runs, forged lengths. */
export function mutate(input: Uint8Array, rnd: () => number): Uint8Array {
  const b = Buffer.from(input);
  const pick = (n: number): number => Math.floor(rnd() * n);
  switch (pick(6)) {
    case 0: {
      for (let i = 0, n = 1 + pick(4); i < n; i++) b[pick(b.length)] = pick(256);
      return b;
    }
    case 1:
      return b.subarray(0, pick(b.length));
    case 2: {
      const at = pick(b.length);
      return Buffer.concat([b.subarray(0, at), Buffer.from(Array.from({ length: 1 + pick(8) }, () => pick(256))), b.subarray(at)]);
    }
    case 3: {
      const at = pick(b.length);
      const len = pick(b.length - at);
      return Buffer.concat([b.subarray(0, at + len), b.subarray(at, at + len), b.subarray(at + len)]);
    }
    case 4: {
      // forge a length octet into the long form with a huge value
      const at = 1 + pick(Math.max(1, b.length - 1));
      return Buffer.concat([b.subarray(0, at), Buffer.from([0x84, 0x7f, 0xff, 0xff, 0xff]), b.subarray(at + 1)]);
    }
    default: {
      const at = pick(b.length);
      b[at] = (b[at] ?? 0) ^ (1 << pick(8));
      return b;
    }
  }
}
