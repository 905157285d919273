import { DerError, TAG, children, content, decodeBoolean, decodeOid, integerBig, readTlv, readWhole, type Tlv } from './der';
import { OID } from './oids';

/** Issuing Distribution Point (RFC 5280 §5.2.5): what this CRL covers. */
export interface IssuingDistributionPoint {
  readonly urls: readonly string[];
  readonly onlyUserCerts: boolean;
  readonly onlyCaCerts: boolean;
  readonly onlySomeReasons: boolean;
  readonly indirect: boolean;
}

/** The crlExtensions of a CRL (RFC 5280 §5.2) that revocation checking needs. */
export interface CrlExtensions {
  readonly crlNumber: bigint | null;
  /** Delta CRL Indicator: the CRL number of the base this delta applies to (§5.2.4). */
  readonly deltaBase: bigint | null;
  /** Authority Key Identifier keyIdentifier, lower-case hex. */
  readonly authorityKeyId: string | null;
  /** Freshest CRL (§5.2.6): where the delta CRLs of this base CRL are. */
  readonly freshestCrlUrls: readonly string[];
  readonly issuingDistributionPoint: IssuingDistributionPoint | null;
  /** OIDs of critical extensions we do not know: §5.2 forbids using such a CRL. */
  readonly unknownCritical: readonly string[];
}

export const NO_CRL_EXTENSIONS: CrlExtensions = {
  crlNumber: null,
  deltaBase: null,
  authorityKeyId: null,
  freshestCrlUrls: [],
  issuingDistributionPoint: null,
  unknownCritical: [],
};

const KNOWN = new Set<string>([
  OID.authorityKeyIdentifier,
  OID.issuerAltName,
  OID.crlNumber,
  OID.deltaCrlIndicator,
  OID.issuingDistributionPoint,
  OID.freshestCrl,
  OID.authorityInfoAccess,
  OID.msCaVersion,
  OID.msNextCrlPublish,
  OID.msCrlSelfCdp,
]);

/** Parses `[0] EXPLICIT Extensions` of a TBSCertList. */
export function parseCrlExtensions(buf: Uint8Array, wrapper: Tlv): CrlExtensions {
  const list = readWhole(buf, wrapper.contentStart, wrapper.end, TAG.sequence, 'crlExtensions');
  let crlNumber: bigint | null = null;
  let deltaBase: bigint | null = null;
  let authorityKeyId: string | null = null;
  let freshestCrlUrls: readonly string[] = [];
  let idp: IssuingDistributionPoint | null = null;
  const unknownCritical: string[] = [];
  const seen = new Set<string>();
  for (const ext of children(buf, list)) {
    const { oid, critical, value } = readExtension(buf, ext);
    if (seen.has(oid)) throw new DerError('der.bad-value', ext.start, `extension ${oid} appears twice`);
    seen.add(oid);
    switch (oid) {
      case OID.crlNumber:
        crlNumber = integerBig(buf, readWhole(buf, value.contentStart, value.end, TAG.integer, 'CRLNumber'));
        break;
      case OID.deltaCrlIndicator:
        deltaBase = integerBig(buf, readWhole(buf, value.contentStart, value.end, TAG.integer, 'BaseCRLNumber'));
        break;
      case OID.authorityKeyIdentifier:
        authorityKeyId = keyIdentifierOf(buf, value);
        break;
      case OID.freshestCrl:
        freshestCrlUrls = distributionPointUrls(buf, value);
        break;
      case OID.issuingDistributionPoint:
        idp = issuingDistributionPoint(buf, value);
        break;
      default:
        if (critical && !KNOWN.has(oid)) unknownCritical.push(oid);
    }
  }
  return { crlNumber, deltaBase, authorityKeyId, freshestCrlUrls, issuingDistributionPoint: idp, unknownCritical };
}

/** Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }. */
export function readExtension(buf: Uint8Array, ext: Tlv): { oid: string; critical: boolean; value: Tlv } {
  if (ext.tag !== TAG.sequence) throw new DerError('der.bad-tag', ext.start, 'Extension: expected SEQUENCE');
  const parts = children(buf, ext);
  const [oidTlv, second, third] = parts;
  if (oidTlv === undefined || second === undefined || parts.length > 3) {
    throw new DerError('der.bad-value', ext.start, 'Extension has the wrong number of fields');
  }
  const oid = decodeOid(buf, oidTlv);
  const critical = third === undefined ? false : decodeBoolean(buf, second);
  const value = third ?? second;
  if (value.tag !== TAG.octetString) throw new DerError('der.bad-tag', value.start, 'extnValue: expected OCTET STRING');
  return { oid, critical, value };
}

/** AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0] IMPLICIT OCTET STRING OPTIONAL, … }. */
function keyIdentifierOf(buf: Uint8Array, value: Tlv): string | null {
  const aki = readWhole(buf, value.contentStart, value.end, TAG.sequence, 'AuthorityKeyIdentifier');
  for (const field of children(buf, aki)) {
    if (field.tag === 0x80) return content(buf, field).toString('hex');
  }
  return null;
}

/** CRLDistributionPoints / FreshestCRL: the URIs of every fullName (RFC 5280 §4.2.1.13). */
export function distributionPointUrls(buf: Uint8Array, value: Tlv): string[] {
  const list = readWhole(buf, value.contentStart, value.end, TAG.sequence, 'CRLDistributionPoints');
  const urls: string[] = [];
  for (const dp of children(buf, list)) {
    if (dp.tag !== TAG.sequence) throw new DerError('der.bad-tag', dp.start, 'DistributionPoint: expected SEQUENCE');
    for (const field of children(buf, dp)) {
      if (field.tag === TAG.context0) urls.push(...fullNameUrls(buf, field));
    }
  }
  return urls;
}

/** distributionPoint [0] DistributionPointName: a CHOICE, so the [0] is explicit around it. */
function fullNameUrls(buf: Uint8Array, dpName: Tlv): string[] {
  const choice = readTlv(buf, dpName.contentStart, dpName.end);
  if (choice.end !== dpName.end) throw new DerError('der.trailing-bytes', choice.end, 'DistributionPointName');
  if (choice.tag !== TAG.context0) return []; // nameRelativeToCRLIssuer names no location
  return children(buf, choice)
    .filter((name) => name.tag === 0x86) // uniformResourceIdentifier [6] IA5String
    .map((name) => ia5(buf, name));
}

function issuingDistributionPoint(buf: Uint8Array, value: Tlv): IssuingDistributionPoint {
  const seq = readWhole(buf, value.contentStart, value.end, TAG.sequence, 'IssuingDistributionPoint');
  let urls: string[] = [];
  let onlyUserCerts = false;
  let onlyCaCerts = false;
  let onlySomeReasons = false;
  let indirect = false;
  for (const field of children(buf, seq)) {
    // IMPLICIT BOOLEAN fields keep their context tag; check the value as a BOOLEAN.
    const flag = (): boolean => decodeBoolean(buf, { ...field, tag: TAG.boolean });
    if (field.tag === TAG.context0) urls = fullNameUrls(buf, field);
    else if (field.tag === 0x81) onlyUserCerts = flag();
    else if (field.tag === 0x82) onlyCaCerts = flag();
    else if (field.tag === 0x83) onlySomeReasons = true;
    else if (field.tag === 0x84) indirect = flag();
    else if (field.tag !== 0x85) throw new DerError('der.bad-tag', field.start, 'unknown IssuingDistributionPoint field');
  }
  return { urls, onlyUserCerts, onlyCaCerts, onlySomeReasons, indirect };
}

function ia5(buf: Uint8Array, tlv: Tlv): string {
  const bytes = content(buf, tlv);
  for (const b of bytes) {
    if (b > 0x7e || b < 0x20) throw new DerError('der.bad-value', tlv.start, 'URI is not printable IA5String');
  }
  return bytes.toString('latin1');
}
