import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameText, parseCertificate } from '../../../app/pki/certificate';
import { makeTestPki } from '../../fixtures/pki/openssl-pki';
import { buildPki } from '../../lab/pki';
import { resolveNames } from '../../lab/names';
import { oracleNameText, oracleSummary } from './peculiar-oracle';

/**
 * Issue 21 replaced @peculiar/x509 on the certificate path with our DER reader. Every field the
 * summary shows must read as before on every certificate we have: Node's bundled roots, the
 * fixture and lab PKIs, and odd ones made here (UTF-8, BMP and T61 strings, multi-valued RDNs,
 * characters that need escaping, every kind of SAN, v1 certificates, GeneralizedTime).
 */

const PEM = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;
const derOf = (pem: string): Buffer => Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64');

let dir: string;
const certificates = new Map<string, Buffer>();

function openssl(args: string[], env: Record<string, string> = {}): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
}

function addPems(label: string, text: string): void {
  (text.match(PEM) ?? []).forEach((pem, i) => certificates.set(`${label}#${i}`, derOf(pem)));
}

/** A self-signed EC certificate with this subject and extension section. */
function odd(label: string, subject: string, extensions: string, options: { mask?: string; multivalue?: boolean; days?: string; alt?: string[] } = {}): void {
  writeFileSync(
    join(dir, `${label}.cnf`),
    `[req]\ndistinguished_name = dn\nstring_mask = ${options.mask ?? 'utf8only'}\nutf8 = yes\n[dn]\n[ext]\n${extensions}\n[dir_sect]\nC = DE\nO = Dir + Org, Inc.\nCN = dir name\n[alt]\n${(options.alt ?? []).join('\n')}\n`,
  );
  openssl([
    'req',
    '-x509',
    '-new',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    `${label}.key`,
    '-out',
    `${label}.pem`,
    '-days',
    options.days ?? '30',
    '-config',
    `${label}.cnf`,
    '-extensions',
    'ext',
    '-utf8',
    ...(options.multivalue ? ['-multivalue-rdn'] : []),
    '-subj',
    subject,
  ]);
  addPems(`odd:${label}`, readFileSync(join(dir, `${label}.pem`), 'utf8'));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'seg-cert-parity-'));
  rootCertificates.forEach((pem, i) => certificates.set(`node-root#${i}`, derOf(pem)));
  for (const keyType of ['rsa', 'rsa-pss', 'ec'] as const) {
    const pki = makeTestPki({ baseUrl: `http://pki.${keyType}.lab/CertEnroll`, keyType });
    for (const f of readdirSync(pki.dir).filter((f) => f.endsWith('.pem'))) addPems(`fixture-${keyType}:${f}`, readFileSync(join(pki.dir, f), 'utf8'));
  }
  const lab = join(dir, 'lab');
  await buildPki(resolveNames(), lab);
  for (const f of readdirSync(lab, { recursive: true })
    .map(String)
    .filter((f) => /\.(pem|crt)$/.test(f)))
    addPems(`lab:${f}`, readFileSync(join(lab, f), 'latin1'));

  odd(
    'utf8',
    '/CN=Jürgen Müller 😀/O=Zürich, "Quotes"; semi <lt> >gt/OU= leading space/OU=#hash/OU=trailing space /L=back\\\\slash/ST=a=b',
    'basicConstraints = CA:FALSE',
  );
  odd('bmp-t61', '/CN=Ünïcödé/O=日本語の組織/OU=ascii only', 'subjectKeyIdentifier = hash', { mask: 'default' });
  odd('multivalued', '/DC=com/DC=example/CN=alice+UID=alice01/OU=Sales+OU=Europe+title=Boss', 'basicConstraints = critical,CA:TRUE,pathlen:0', {
    multivalue: true,
  });
  odd(
    'attributes',
    '/serialNumber=12345/givenName=Al/surname=Ice/initials=A/emailAddress=a@example.com/street=Main St/postalCode=12345/businessCategory=Private/C=SE/ST=Skåne/L=Malmö',
    'authorityKeyIdentifier = issuer:always',
    { days: '20000' },
  );
  odd(
    'san-all',
    '/CN=san',
    [
      'subjectAltName = @alt',
      'extendedKeyUsage = clientAuth, serverAuth, 1.3.6.1.4.1.311.20.2.2, 1.2.3.4, anyExtendedKeyUsage',
      'authorityInfoAccess = OCSP;URI:http://ocsp.example/, caIssuers;URI:http://ca.example/ca.crt, caIssuers;URI:ldap:///CN=CA?cACertificate, 1.3.6.1.5.5.7.48.5;URI:http://repo.example/',
      'crlDistributionPoints = URI:http://crl.example/a.crl, URI:ldap:///CN=CDP?certificateRevocationList',
      'freshestCRL = URI:http://crl.example/a+.crl',
    ].join('\n'),
    {
      alt: [
        'DNS.1 = a.example',
        'DNS.2 = *.b.example',
        'IP.1 = 10.0.0.1',
        'IP.2 = 2001:db8::1',
        'IP.3 = ::1',
        'IP.4 = fe80:0:0:1:0:0:0:1',
        'IP.5 = 1:0:0:2:0:0:0:3',
        'URI.1 = http://x.example/p?q=1',
        'email.1 = a@example.com',
        'RID.1 = 1.2.3.4.5',
        'dirName.1 = dir_sect',
        'otherName.1 = 1.3.6.1.4.1.311.20.2.3;UTF8:ü@example.com',
        'otherName.2 = 1.3.6.1.4.1.311.25.1;FORMAT:HEX,OCTETSTRING:00112233445566778899AABBCCDDEEFF',
      ],
    },
  );
  odd('san-other-name', '/CN=other', 'subjectAltName = DNS:ok.example, otherName:1.2.3.4;UTF8:unknown');
  odd('san-ia5-upn', '/CN=ia5upn', 'subjectAltName = otherName:1.3.6.1.4.1.311.20.2.3;IA5STRING:u@example.com');
  odd('san-bmp-upn', '/CN=bmpupn', 'subjectAltName = otherName:1.3.6.1.4.1.311.20.2.3;BMPSTRING:u@example.com');
  openssl(['req', '-new', '-key', 'utf8.key', '-subj', '/CN=v1/O=Version One', '-out', 'v1.csr']);
  openssl(['x509', '-req', '-in', 'v1.csr', '-signkey', 'utf8.key', '-days', '10', '-out', 'v1.pem']);
  addPems('odd:v1', readFileSync(join(dir, 'v1.pem'), 'utf8'));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseCertificate reads every certificate as @peculiar/x509 did', () => {
  it('on Node roots, fixture and lab PKIs and odd certificates: same subject, issuer, validity, SAN, EKU, CDP, AIA, key ids', () => {
    expect(certificates.size).toBeGreaterThan(150);
    const mismatches: string[] = [];
    for (const [label, der] of certificates) {
      const old = oracleSummary(der);
      const parsed = parseCertificate(der);
      if (old instanceof Error) {
        mismatches.push(`${label}: the old parser refused it (${old.message}); new: ${parsed.ok ? 'read' : parsed.error.message}`);
        continue;
      }
      if (!parsed.ok) {
        mismatches.push(`${label}: ${parsed.error.message}`);
        continue;
      }
      const { keyAlgorithm: _k, sha256Fingerprint: _f, serialNumber: _s, pem: _p, selfIssued: _i, ...fields } = parsed.value.summary;
      try {
        expect(fields).toEqual(old);
      } catch {
        mismatches.push(`${label}: ${JSON.stringify(fields)} != ${JSON.stringify(old)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('shows the odd names exactly, escapes included', () => {
    const subject = (label: string) => {
      const parsed = parseCertificate(certificates.get(`odd:${label}#0`) as Buffer);
      return parsed.ok ? parsed.value.summary.subject : parsed.error.message;
    };
    expect(subject('utf8')).toBe(
      'CN=Jürgen Müller 😀, O=Zürich\\, \\"Quotes\\"\\; semi \\<lt\\> \\>gt, OU=\\ leading space, OU=\\#hash, OU=trailing space\\ , L=back\\\\slash, ST=a=b',
    );
    expect(subject('multivalued')).toBe('DC=com, DC=example, CN=alice+0.9.2342.19200300.100.1.1=alice01, T=Boss+OU=Sales+OU=Europe');
    expect(subject('bmp-t61')).toBe('CN=Ünïcödé, O=日本語の組織, OU=ascii only');
  });

  it('leaves out SAN names it cannot show (other names but UPN and GUID, an IA5 UPN) and keeps the rest, as before', () => {
    const san = (label: string) => {
      const parsed = parseCertificate(certificates.get(`odd:${label}#0`) as Buffer);
      return parsed.ok ? parsed.value.summary.san : parsed.error.message;
    };
    expect(san('san-other-name')).toEqual({ upn: [], email: [], dns: ['ok.example'], uri: [], other: [] });
    expect(san('san-ia5-upn')).toEqual({ upn: [], email: [], dns: [], uri: [], other: [] });
    expect(san('san-bmp-upn')).toEqual({ upn: ['u@example.com'], email: [], dns: [], uri: [], other: [] });
  });
});

/** A Name of one RDN holding CN with this value element. */
function tlv(tag: number, body: Uint8Array | string): Buffer {
  const bytes = Buffer.from(body as string);
  return Buffer.concat([Buffer.from(bytes.length < 128 ? [tag, bytes.length] : [tag, 0x81, bytes.length]), bytes]);
}
const CN = Buffer.from([0x06, 0x03, 0x55, 0x04, 0x03]);
const atv = (value: Buffer, type = CN): Buffer => tlv(0x30, Buffer.concat([type, value]));
const nameOf = (...rdns: Buffer[][]): Buffer => tlv(0x30, Buffer.concat(rdns.map((atvs) => tlv(0x31, Buffer.concat(atvs)))));

describe('nameText agrees with @peculiar/x509 on hand-made Names', () => {
  const cases: Record<string, Buffer> = {
    'NumericString (shown as hex)': nameOf([atv(tlv(0x12, '123'))]),
    'VisibleString (shown as hex)': nameOf([atv(tlv(0x1a, 'abc'))]),
    'an INTEGER value': nameOf([atv(tlv(0x02, Buffer.from([1])))]),
    'a SEQUENCE value': nameOf([atv(tlv(0x30, tlv(0x02, Buffer.from([1]))))]),
    'an empty context value': nameOf([atv(tlv(0x80, ''))]),
    'a NULL value': nameOf([atv(tlv(0x05, ''))]),
    UniversalString: nameOf([atv(tlv(0x1c, Buffer.from([0, 0, 0x30, 0x41, 0, 1, 0xf6, 0x00])))]),
    'BMPString with a surrogate pair': nameOf([atv(tlv(0x1e, Buffer.from([0x00, 0x41, 0xd8, 0x3d, 0xde, 0x00])))]),
    'invalid UTF-8 (shown byte for byte)': nameOf([atv(tlv(0x0c, Buffer.from([0xc3, 0x28])))]),
    'an overlong UTF-8 NUL': nameOf([atv(tlv(0x0c, Buffer.from([0xc0, 0x80])))]),
    'a UTF-8 surrogate': nameOf([atv(tlv(0x0c, Buffer.from([0xed, 0xa0, 0x80])))]),
    'a UTF-8 byte order mark': nameOf([atv(tlv(0x0c, Buffer.from([0xef, 0xbb, 0xbf, 0x41])))]),
    'T61String above ASCII': nameOf([atv(tlv(0x14, Buffer.from([0xe9, 0x41])))]),
    'PrintableString with a NUL': nameOf([atv(tlv(0x13, Buffer.from([0x41, 0x00])))]),
    'every escaped character, two line breaks': nameOf([atv(tlv(0x0c, ' #a,b+c"d\\e<f>g;h\n\ri\t\n '))]),
    'a lone space': nameOf([atv(tlv(0x0c, ' '))]),
    'an empty value': nameOf([atv(tlv(0x0c, ''))]),
    'an empty Name': tlv(0x30, ''),
    'an empty RDN then one': nameOf([], [atv(tlv(0x0c, 'x'))]),
    'a multi-valued RDN': nameOf([atv(tlv(0x0c, 'a')), atv(tlv(0x0c, 'b'), Buffer.from([0x06, 0x03, 0x55, 0x04, 0x0b]))]),
    'an OID with a large arc': nameOf([atv(tlv(0x0c, 'a'), Buffer.from([0x06, 0x02, 0x88, 0x37]))]),
    'an attribute with an extra value': nameOf([tlv(0x30, Buffer.concat([CN, tlv(0x0c, 'a'), tlv(0x0c, 'b')]))]),
  };
  for (const [what, der] of Object.entries(cases)) {
    it(what, () => {
      expect(nameText(der)).toBe(oracleNameText(der));
    });
  }

  it('calls Names both refuse undecodable', () => {
    const refused = {
      'odd-length BMPString': nameOf([atv(tlv(0x1e, Buffer.from([0, 0x41, 0])))]),
      'UniversalString of 5 octets': nameOf([atv(tlv(0x1c, Buffer.from([0, 0, 0, 0x41, 0])))]),
      'an attribute with no value': nameOf([tlv(0x30, CN)]),
      'an RDN that is a SEQUENCE': tlv(0x30, tlv(0x30, atv(tlv(0x0c, 'a')))),
    };
    for (const der of Object.values(refused)) {
      expect(oracleNameText(der)).toBeInstanceOf(Error);
      expect(nameText(der)).toMatch(/^\(undecodable name, \d+ bytes\)$/);
    }
  });

  it('agrees on random values of every string type', () => {
    let seed = 21;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 2000; i++) {
      const tag = [0x0c, 0x13, 0x14, 0x16, 0x1c, 0x1e, 0x12][Math.floor(random() * 7)] as number;
      const bytes = Buffer.from(
        Array.from({ length: Math.floor(random() * 12) }, () => (random() < 0.5 ? 0x20 + Math.floor(random() * 0x60) : Math.floor(random() * 256))),
      );
      const der = nameOf([atv(tlv(tag, bytes))]);
      const old = oracleNameText(der);
      expect(nameText(der), `tag ${tag} ${bytes.toString('hex')}`).toBe(old instanceof Error ? `(undecodable name, ${der.length} bytes)` : old);
    }
  });
});
