import { DerError, TAG, children, decodeOid, readWhole, type Tlv } from './der';

/**
 * An X.501 Name (RFC 5280 §4.1.2.4) as text, character for character the text the product has
 * always shown for subjects and issuers (it came from @peculiar/x509's Name.toString(), whose
 * load cost a third of a `verify` process): RDNs in encoded order joined by ", ", the values of
 * a multi-valued RDN by "+", short names for twelve attribute types and the dotted OID for the
 * rest, and that library's escaping, quirks included (only the first line break becomes \0A).
 * A value that is no directory string is shown as "#" and the hex of its whole encoding.
 */

const SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.6': 'C',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'E',
  '2.5.4.42': 'G',
  '2.5.4.43': 'I',
  '2.5.4.4': 'SN',
  '2.5.4.12': 'T',
};

const STRING_TAG = {
  teletex: 0x14,
  printable: TAG.printableString,
  ia5: TAG.ia5String,
  utf8: TAG.utf8String,
  bmp: 0x1e,
  universal: 0x1c,
} as const;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function latin1(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += String.fromCharCode(b);
  return out;
}

/** The text of a directory string (X.520), or null when the element is no string type. */
export function directoryStringText(buf: Uint8Array, tlv: Tlv): string | null {
  const bytes = buf.subarray(tlv.contentStart, tlv.end);
  switch (tlv.tag) {
    case STRING_TAG.teletex:
    case STRING_TAG.printable:
    case STRING_TAG.ia5:
      return latin1(bytes);
    case STRING_TAG.utf8:
      // Invalid UTF-8 is shown byte for byte rather than refused, as before.
      try {
        return strictUtf8.decode(bytes);
      } catch {
        return latin1(bytes);
      }
    case STRING_TAG.bmp: {
      if (bytes.length % 2 !== 0) throw new DerError('der.bad-value', tlv.start, 'a BMPString has an odd number of octets');
      let out = '';
      for (let i = 0; i < bytes.length; i += 2) out += String.fromCharCode(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
      return out;
    }
    case STRING_TAG.universal: {
      if (bytes.length % 4 !== 0) throw new DerError('der.bad-value', tlv.start, 'a UniversalString is not a whole number of 4-octet characters');
      // Only the low 16 bits of each character, as the text was always made.
      let out = '';
      for (let i = 0; i < bytes.length; i += 4) out += String.fromCharCode(((bytes[i + 2] as number) << 8) | (bytes[i + 3] as number));
      return out;
    }
    default:
      return null;
  }
}

function escapeValue(value: string): string {
  return value
    .replace(/([,+"\\<>;])/g, '\\$1')
    .replace(/^([ #])/, '\\$1')
    .replace(/([ ]$)/, '\\$1')
    .replace(/([\r\n\t])/, (c) => `\\${Buffer.from(c, 'utf8').toString('hex').toUpperCase()}`);
}

function attributeText(buf: Uint8Array, atv: Tlv): string {
  if (atv.tag !== TAG.sequence) throw new DerError('der.bad-tag', atv.start, 'an attribute of a Name is not a SEQUENCE');
  const [type, value] = children(buf, atv);
  if (type === undefined || value === undefined) throw new DerError('der.bad-value', atv.start, 'an attribute of a Name has no type or no value');
  const oid = decodeOid(buf, type);
  const name = SHORT_NAMES[oid] ?? oid;
  if (value.tag === TAG.null) return `${name}=`;
  const text = directoryStringText(buf, value);
  return text === null ? `${name}=#${Buffer.from(buf.subarray(value.start, value.end)).toString('hex')}` : `${name}=${escapeValue(text)}`;
}

/** The Name element at `tlv` as text; throws DerError on a malformed one. */
export function nameTextAt(buf: Uint8Array, tlv: Tlv): string {
  if (tlv.tag !== TAG.sequence) throw new DerError('der.bad-tag', tlv.start, 'a Name is not a SEQUENCE');
  return children(buf, tlv)
    .map((rdn) => {
      if (rdn.tag !== TAG.set) throw new DerError('der.bad-tag', rdn.start, 'a relative distinguished name is not a SET');
      return children(buf, rdn)
        .map((atv) => attributeText(buf, atv))
        .join('+');
    })
    .join(', ');
}

/** A whole Name's DER as text; throws DerError on a malformed one. */
export function formatName(der: Uint8Array): string {
  return nameTextAt(der, readWhole(der, 0, der.length, TAG.sequence, 'Name'));
}
