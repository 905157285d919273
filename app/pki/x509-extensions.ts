import { DerError, TAG, children, content, decodeBoolean, decodeOid, readTlv, readWhole, type Tlv } from './der';
import { OID } from './oids';
import { directoryStringText, nameTextAt } from './x509-name';

/**
 * The certificate extensions the summary shows (RFC 5280 §4.2), read with our DER reader.
 * Each reader throws DerError on a malformed value; certificate.ts shows such an extension
 * as absent. Texts are those the product has always shown (they came from @peculiar/x509).
 */

export const EXTENSION = {
  subjectKeyIdentifier: '2.5.29.14',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  crlDistributionPoints: '2.5.29.31',
  extKeyUsage: '2.5.29.37',
  authorityKeyIdentifier: OID.authorityKeyIdentifier,
  freshestCrl: OID.freshestCrl,
  authorityInfoAccess: OID.authorityInfoAccess,
} as const;

const ACCESS_METHOD = { ocsp: '1.3.6.1.5.5.7.48.1', caIssuers: '1.3.6.1.5.5.7.48.2' } as const;
const OTHER_NAME = { upn: OID.upn, guid: '1.3.6.1.4.1.311.25.1' } as const;

/** GeneralName (RFC 5280 §4.2.1.6) tags. */
const GN = { otherName: 0xa0, email: 0x81, dns: 0x82, x400: 0xa3, directoryName: 0xa4, ediParty: 0xa5, uri: 0x86, ip: 0x87, registeredId: 0x88 } as const;

/** The extnValue OCTET STRING of the first extension with each OID, from a TBSCertificate's fields. */
export function extensionValues(buf: Uint8Array, tbsFields: readonly Tlv[]): Map<string, Tlv> {
  const found = new Map<string, Tlv>();
  const explicit = tbsFields.find((f) => f.tag === TAG.context3);
  if (explicit === undefined) return found;
  const list = readWhole(buf, explicit.contentStart, explicit.end, TAG.sequence, 'Extensions');
  for (const ext of children(buf, list)) {
    const parts = children(buf, ext);
    const [id] = parts;
    const octets = parts[parts.length - 1];
    if (id === undefined || octets === undefined || octets.tag !== TAG.octetString) throw new DerError('der.bad-value', ext.start, 'malformed Extension');
    const oid = decodeOid(buf, id);
    if (!found.has(oid)) found.set(oid, octets);
  }
  return found;
}

/** The one element an extnValue OCTET STRING holds. */
export function extensionValue(buf: Uint8Array, octets: Tlv): Tlv {
  if (octets.end === octets.contentStart) throw new DerError('der.bad-value', octets.start, 'empty extension value');
  return readWhole(buf, octets.contentStart, octets.end, buf[octets.contentStart] as number, 'extension value');
}

function sequenceOf(buf: Uint8Array, value: Tlv, what: string): Tlv[] {
  if (value.tag !== TAG.sequence) throw new DerError('der.bad-tag', value.start, `${what} is not a SEQUENCE`);
  return children(buf, value);
}

function latin1(buf: Uint8Array, tlv: Tlv): string {
  return content(buf, tlv).toString('latin1');
}

export function extendedKeyUsages(buf: Uint8Array, value: Tlv): string[] {
  return sequenceOf(buf, value, 'ExtKeyUsageSyntax').map((oid) => decodeOid(buf, oid));
}

export function isCa(buf: Uint8Array, value: Tlv): boolean {
  const [first] = sequenceOf(buf, value, 'BasicConstraints');
  return first !== undefined && first.tag === TAG.boolean && decodeBoolean(buf, first);
}

export function subjectKeyId(buf: Uint8Array, value: Tlv): string {
  if (value.tag !== TAG.octetString) throw new DerError('der.bad-tag', value.start, 'SubjectKeyIdentifier is not an OCTET STRING');
  return content(buf, value).toString('hex');
}

export function authorityKeyId(buf: Uint8Array, value: Tlv): string | null {
  const keyId = sequenceOf(buf, value, 'AuthorityKeyIdentifier').find((f) => f.tag === 0x80);
  return keyId === undefined ? null : content(buf, keyId).toString('hex');
}

/** The URIs of each DistributionPoint's fullName (CRL Distribution Points, Freshest CRL). */
export function distributionPointUrls(buf: Uint8Array, value: Tlv): string[] {
  return sequenceOf(buf, value, 'CRLDistributionPoints').flatMap((dp) => {
    const name = sequenceOf(buf, dp, 'DistributionPoint').find((f) => f.tag === TAG.context0);
    if (name === undefined) return [];
    const fullName = readTlv(buf, name.contentStart, name.end);
    if (fullName.tag !== TAG.context0) return [];
    return children(buf, fullName)
      .filter((gn) => gn.tag === GN.uri)
      .map((gn) => latin1(buf, gn));
  });
}

export function authorityInfoAccess(buf: Uint8Array, value: Tlv): { caIssuers: string[]; ocsp: string[] } {
  const out = { caIssuers: [] as string[], ocsp: [] as string[] };
  for (const description of sequenceOf(buf, value, 'AuthorityInfoAccessSyntax')) {
    const [method, location] = sequenceOf(buf, description, 'AccessDescription');
    if (method === undefined || location === undefined) throw new DerError('der.bad-value', description.start, 'malformed AccessDescription');
    const oid = decodeOid(buf, method);
    const list = oid === ACCESS_METHOD.ocsp ? out.ocsp : oid === ACCESS_METHOD.caIssuers ? out.caIssuers : null;
    if (list !== null && location.tag === GN.uri) list.push(latin1(buf, location));
  }
  return out;
}

type GeneralNameType = 'upn' | 'guid' | 'email' | 'dns' | 'dn' | 'url' | 'ip' | 'id';

function ipText(bytes: Buffer): string {
  if (bytes.length === 4) return [...bytes].join('.');
  if (bytes.length === 16) return ipv6Text(bytes);
  if (bytes.length === 8 || bytes.length === 32) {
    // Name constraints' address and mask.
    const half = bytes.length / 2;
    if (bytes.every((b) => b === 0)) return half === 4 ? '0.0.0.0/0' : '::/0';
    const prefix = [...bytes.subarray(half)].reduce((n, b) => n + [...b.toString(2)].filter((c) => c === '1').length, 0);
    return `${half === 4 ? [...bytes.subarray(0, half)].join('.') : ipv6Text(bytes.subarray(0, half))}/${prefix}`;
  }
  return bytes.toString('hex');
}

/** Eight groups in hex, the longest run of two or more zero groups (the first of equals) as "::". */
function ipv6Text(bytes: Buffer): string {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((((bytes[i] as number) << 8) | (bytes[i + 1] as number)).toString(16));
  let best = { start: -1, length: 0 };
  let run = { start: -1, length: 0 };
  groups.forEach((g, i) => {
    if (g === '0') run = { start: run.start === -1 ? i : run.start, length: run.length + 1 };
    else run = { start: -1, length: 0 };
    if (run.length > best.length) best = { ...run };
  });
  if (best.length < 2) return groups.join(':');
  return `${groups.slice(0, best.start).join(':')}::${groups.slice(best.start + best.length).join(':')}`;
}

function guidText(bytes: Buffer): string {
  const reversed = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).reverse().toString('hex');
  const hex = bytes.toString('hex');
  return [reversed(0, 4), reversed(4, 6), reversed(6, 8), hex.slice(16, 20), hex.slice(20)].join('-');
}

/** A UPN or GUID other name; null for any other type, or a value of the wrong form. */
function otherName(buf: Uint8Array, gn: Tlv): { type: GeneralNameType; value: string } | null {
  const [id, explicit] = children(buf, gn);
  if (id === undefined || explicit === undefined || explicit.tag !== TAG.context0) throw new DerError('der.bad-value', gn.start, 'malformed otherName');
  const oid = decodeOid(buf, id);
  try {
    const inner = readTlv(buf, explicit.contentStart, explicit.end);
    if (oid === OTHER_NAME.upn && inner.tag !== TAG.ia5String) {
      const text = directoryStringText(buf, inner);
      return text === null ? null : { type: 'upn', value: text };
    }
    if (oid === OTHER_NAME.guid && inner.tag === TAG.octetString && inner.end - inner.contentStart === 16)
      return { type: 'guid', value: guidText(content(buf, inner)) };
  } catch {
    // A value of the wrong form: the name is left out, as before.
  }
  return null;
}

/**
 * One GeneralName as a type and its text; null for kinds the summary has never shown
 * (x400Address, ediPartyName, other names but UPN and GUID), which are left out. A malformed
 * encoding throws.
 */
function generalName(buf: Uint8Array, gn: Tlv): { type: GeneralNameType; value: string } | null {
  switch (gn.tag) {
    case GN.otherName:
      return otherName(buf, gn);
    case GN.email:
      return { type: 'email', value: latin1(buf, gn) };
    case GN.dns:
      return { type: 'dns', value: latin1(buf, gn) };
    case GN.uri:
      return { type: 'url', value: latin1(buf, gn) };
    case GN.ip:
      return { type: 'ip', value: ipText(content(buf, gn)) };
    case GN.registeredId:
      return { type: 'id', value: decodeOid(buf, { ...gn, tag: TAG.oid }) };
    case GN.directoryName:
      return { type: 'dn', value: nameTextAt(buf, readWhole(buf, gn.contentStart, gn.end, TAG.sequence, 'directoryName')) };
    case GN.x400:
    case GN.ediParty:
      return null;
    default:
      throw new DerError('der.bad-tag', gn.start, `a GeneralName of tag 0x${gn.tag.toString(16)}`);
  }
}

export function subjectAltNames(buf: Uint8Array, value: Tlv): { type: GeneralNameType; value: string }[] {
  return sequenceOf(buf, value, 'GeneralNames').flatMap((gn) => generalName(buf, gn) ?? []);
}
