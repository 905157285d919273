import { constants, type KeyObject, type VerifyKeyObjectInput } from 'node:crypto';
import { DerError, TAG, children, decodeOid, expectTlv, integerBig, readTlv, type Tlv } from './der';
import { OID } from './oids';

export type HashName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** A signature algorithm we verify with node:crypto: RSA PKCS#1 v1.5, RSASSA-PSS or ECDSA. */
export interface SignatureScheme {
  readonly kind: 'rsa' | 'rsa-pss' | 'ecdsa';
  readonly hash: HashName;
  /** RSASSA-PSS only (RFC 4055 §3.1). */
  readonly saltLength?: number;
  /** For evidence: "sha256WithRSAEncryption", "RSASSA-PSS/SHA-256/salt 32", "ecdsa-with-SHA384". */
  readonly name: string;
}

const HASH_BY_OID: Readonly<Record<string, HashName>> = {
  [OID.sha1]: 'sha1',
  [OID.sha224]: 'sha224',
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
};

const FIXED: Readonly<Record<string, SignatureScheme>> = {
  [OID.sha1WithRsa]: { kind: 'rsa', hash: 'sha1', name: 'sha1WithRSAEncryption' },
  [OID.sha224WithRsa]: { kind: 'rsa', hash: 'sha224', name: 'sha224WithRSAEncryption' },
  [OID.sha256WithRsa]: { kind: 'rsa', hash: 'sha256', name: 'sha256WithRSAEncryption' },
  [OID.sha384WithRsa]: { kind: 'rsa', hash: 'sha384', name: 'sha384WithRSAEncryption' },
  [OID.sha512WithRsa]: { kind: 'rsa', hash: 'sha512', name: 'sha512WithRSAEncryption' },
  [OID.ecdsaWithSha1]: { kind: 'ecdsa', hash: 'sha1', name: 'ecdsa-with-SHA1' },
  [OID.ecdsaWithSha224]: { kind: 'ecdsa', hash: 'sha224', name: 'ecdsa-with-SHA224' },
  [OID.ecdsaWithSha256]: { kind: 'ecdsa', hash: 'sha256', name: 'ecdsa-with-SHA256' },
  [OID.ecdsaWithSha384]: { kind: 'ecdsa', hash: 'sha384', name: 'ecdsa-with-SHA384' },
  [OID.ecdsaWithSha512]: { kind: 'ecdsa', hash: 'sha512', name: 'ecdsa-with-SHA512' },
};

/** Reads an AlgorithmIdentifier (RFC 5280 §4.1.1.2) that names a signature algorithm. */
export function signatureScheme(buf: Uint8Array, algId: Tlv): SignatureScheme {
  if (algId.tag !== TAG.sequence) throw new DerError('der.bad-tag', algId.start, 'AlgorithmIdentifier: expected SEQUENCE');
  const parts = children(buf, algId);
  const oidTlv = parts[0];
  if (oidTlv === undefined || parts.length > 2) {
    throw new DerError('der.bad-value', algId.start, 'AlgorithmIdentifier has the wrong number of fields');
  }
  const oid = decodeOid(buf, oidTlv);
  const params = parts[1];
  const fixed = FIXED[oid];
  if (fixed !== undefined) {
    // RFC 4055 §5 allows NULL or absent parameters for RSA; RFC 5758 §3.2 says absent for ECDSA.
    if (params !== undefined && !(fixed.kind === 'rsa' && params.tag === TAG.null && params.end === params.contentStart)) {
      throw new DerError('der.bad-value', params.start, `${fixed.name} takes no parameters`);
    }
    return fixed;
  }
  if (oid === OID.rsassaPss) return pssScheme(buf, params);
  throw new DerError('der.unsupported', oidTlv.start, `signature algorithm ${oid} is not supported (RSA, RSA-PSS and ECDSA are)`);
}

/** RFC 4055 §3.1 RSASSA-PSS-params; every field has a SHA-1 default. */
function pssScheme(buf: Uint8Array, params: Tlv | undefined): SignatureScheme {
  let hash: HashName = 'sha1';
  let mgfHash: HashName = 'sha1';
  let saltLength = 20;
  if (params !== undefined) {
    if (params.tag !== TAG.sequence) throw new DerError('der.bad-tag', params.start, 'RSASSA-PSS-params: expected SEQUENCE');
    for (const field of children(buf, params)) {
      const inner = readTlv(buf, field.contentStart, field.end);
      if (inner.end !== field.end) throw new DerError('der.trailing-bytes', inner.end, 'RSASSA-PSS-params field');
      if (field.tag === TAG.context0) hash = hashOf(buf, inner);
      else if (field.tag === TAG.context1) mgfHash = mgf1HashOf(buf, inner);
      else if (field.tag === TAG.context2) saltLength = Number(integerBig(buf, expectTlv(buf, inner.start, field.end, TAG.integer, 'saltLength')));
      else if (field.tag === TAG.context3) {
        if (integerBig(buf, inner) !== 1n) throw new DerError('der.unsupported', inner.start, 'RSASSA-PSS trailerField must be 1');
      } else throw new DerError('der.bad-tag', field.start, 'unknown RSASSA-PSS-params field');
    }
  }
  // node:crypto's verify() takes the MGF1 hash from the digest; a CA mixing the two is not seen in practice.
  if (mgfHash !== hash) throw new DerError('der.unsupported', params?.start ?? 0, 'RSASSA-PSS with an MGF1 hash different from the digest');
  return { kind: 'rsa-pss', hash, saltLength, name: `RSASSA-PSS/${hash.toUpperCase()}/salt ${saltLength}` };
}

function hashOf(buf: Uint8Array, algId: Tlv): HashName {
  const parts = children(buf, algId);
  const oidTlv = parts[0];
  if (oidTlv === undefined) throw new DerError('der.bad-value', algId.start, 'empty hash AlgorithmIdentifier');
  const hash = HASH_BY_OID[decodeOid(buf, oidTlv)];
  if (hash === undefined) throw new DerError('der.unsupported', oidTlv.start, 'unsupported hash algorithm');
  return hash;
}

function mgf1HashOf(buf: Uint8Array, algId: Tlv): HashName {
  const parts = children(buf, algId);
  const oidTlv = parts[0];
  const inner = parts[1];
  if (oidTlv === undefined || decodeOid(buf, oidTlv) !== OID.mgf1 || inner === undefined) {
    throw new DerError('der.unsupported', algId.start, 'RSASSA-PSS mask generation must be MGF1');
  }
  return hashOf(buf, inner);
}

/** Whether a public key can check signatures of this scheme at all. */
export function keyFits(scheme: SignatureScheme, key: KeyObject): boolean {
  const type = key.asymmetricKeyType;
  if (scheme.kind === 'ecdsa') return type === 'ec';
  if (scheme.kind === 'rsa') return type === 'rsa';
  return type === 'rsa' || type === 'rsa-pss';
}

/** The key argument of crypto.verify / Verify.verify for this scheme. */
export function verifyKey(scheme: SignatureScheme, key: KeyObject): VerifyKeyObjectInput {
  if (scheme.kind === 'rsa-pss') {
    return { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: scheme.saltLength ?? 20 };
  }
  return { key, dsaEncoding: 'der' };
}
