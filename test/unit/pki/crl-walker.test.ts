import { X509Certificate, generateKeyPairSync, sign } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CrlWalker, normaliseSerial, type CrlEntry, type CrlFacts, type CrlWalkOptions } from '../../../app/pki/crl-walker';
import { DerError } from '../../../app/pki/der';
import { makeTestPki, type KeyType, type TestPki } from '../../fixtures/pki/openssl-pki';
import { ALGORITHMS, buildCrl, der, entry, extension, integer, manyEntries, manyEntriesSerial, oid, utcTime } from '../../fixtures/pki/crl-builder';

function walk(bytes: Buffer, options: CrlWalkOptions = {}, chunk = bytes.length): CrlFacts {
  const walker = new CrlWalker(options);
  for (let i = 0; i < bytes.length; i += chunk) walker.push(bytes.subarray(i, i + chunk));
  return walker.finish();
}

function serialOf(pem: string): string {
  return normaliseSerial(new X509Certificate(pem).serialNumber);
}

function keyOf(pem: string): X509Certificate['publicKey'] {
  return new X509Certificate(pem).publicKey;
}

describe.each<KeyType>(['rsa', 'rsa-pss', 'ec'])('CRLs made by openssl ca (%s)', (keyType) => {
  let pki: TestPki;
  beforeAll(() => {
    pki = makeTestPki({ baseUrl: 'http://pki.test.lab/CertEnroll', keyType });
  });

  it('reads the base CRL in any chunking, verifies its signature and finds the revoked serial', () => {
    const crl = pki.files.get('issuing.crl') as Buffer;
    const bob = serialOf(pki.revokedPem);
    const alice = serialOf(pki.devicePem);
    for (const chunk of [1, 2, 3, 7, 64, crl.length]) {
      const facts = walk(crl, { issuerKey: keyOf(pki.issuingPem), lookFor: [bob, alice] }, chunk);
      expect(facts.signature).toBe('valid');
      expect(facts.entryCount).toBe(1);
      expect(facts.version).toBe(2);
      expect(facts.byteLength).toBe(crl.length);
      expect(facts.extensions.crlNumber).toBe(BigInt(pki.baseCrlNumber));
      expect(facts.extensions.freshestCrlUrls).toEqual(['http://pki.test.lab/CertEnroll/issuing+.crl']);
      expect(facts.found.get(bob)?.reason).toBe('keyCompromise');
      expect(facts.found.has(alice)).toBe(false);
    }
  });

  it('matches what openssl reports for the same file', () => {
    const file = join(pki.dir, 'issuing.crl');
    const text = execFileSync('openssl', ['crl', '-inform', 'DER', '-in', file, '-noout', '-lastupdate', '-nextupdate', '-crlnumber'], { encoding: 'utf8' });
    const facts = walk(pki.files.get('issuing.crl') as Buffer);
    const last = /lastUpdate=(.*)/.exec(text)?.[1] as string;
    const next = /nextUpdate=(.*)/.exec(text)?.[1] as string;
    expect(facts.thisUpdate.getTime()).toBe(new Date(last).getTime());
    expect(facts.nextUpdate?.getTime()).toBe(new Date(next).getTime());
    expect(facts.signature).toBe('not-checked');
  });

  it('reads the delta CRL indicator and its entry', () => {
    const facts = walk(pki.files.get('issuing+.crl') as Buffer, { issuerKey: keyOf(pki.issuingPem), lookFor: [serialOf(pki.deltaRevokedPem)] });
    expect(facts.extensions.deltaBase).toBe(BigInt(pki.baseCrlNumber));
    expect(facts.extensions.crlNumber).toBe(BigInt(pki.baseCrlNumber + 1));
    expect(facts.found.get(serialOf(pki.deltaRevokedPem))?.reason).toBe('superseded');
    expect(facts.signature).toBe('valid');
  });

  it('says invalid when another CA key is given', () => {
    const facts = walk(pki.files.get('issuing.crl') as Buffer, { issuerKey: keyOf(pki.rootPem) });
    expect(facts.signature).toBe('invalid');
  });

  it('says invalid when one byte of TBSCertList changes', () => {
    const crl = Buffer.from(pki.files.get('root.crl') as Buffer);
    const facts = walk(crl, { issuerKey: keyOf(pki.rootPem) });
    expect(facts.signature).toBe('valid');
    const issuerAt = crl.indexOf(Buffer.from('SE Lab Root CA'));
    crl[issuerAt] = 'X'.charCodeAt(0);
    expect(walk(crl, { issuerKey: keyOf(pki.rootPem) }, 5).signature).toBe('invalid');
  });
});

describe('CRLs written byte by byte', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const issuer = der(0x30, der(0x31, der(0x30, oid('2.5.4.3'), der(0x0c, Buffer.from('Bench CA')))));
  const now = new Date('2026-01-01T00:00:00Z');
  const later = new Date('2026-01-08T00:00:00Z');

  it('walks 20 000 entries in small chunks, lists each one and finds the asked serials', () => {
    const entries = manyEntries(20_000, now);
    const crl = buildCrl({
      issuer,
      thisUpdate: now,
      nextUpdate: later,
      entries,
      extensions: [extension('2.5.29.20', false, integer(7n))],
      key: privateKey,
      algorithm: 'ecdsa-with-SHA256',
    });
    const wanted = [manyEntriesSerial(entries, 0), manyEntriesSerial(entries, 12_345), manyEntriesSerial(entries, 19_999)];
    const listed: CrlEntry[] = [];
    const facts = walk(crl, { issuerKey: publicKey, lookFor: [...wanted, 'ff'], onEntry: (e) => listed.push(e) }, 997);
    expect(facts.entryCount).toBe(20_000);
    expect(listed).toHaveLength(20_000);
    expect(listed[12_345]?.serial).toBe(wanted[1]);
    expect([...facts.found.keys()].sort()).toEqual([...wanted].sort());
    expect(facts.found.get(wanted[1] as string)?.reason).toBe('keyCompromise');
    expect(facts.found.get(wanted[1] as string)?.revokedAt.toISOString()).toBe(now.toISOString());
    expect(facts.signature).toBe('valid');
    expect(facts.extensions.crlNumber).toBe(7n);
  });

  it('compares serials without sign padding and in any case', () => {
    const serial = Buffer.from('00a1b2', 'hex');
    const crl = buildCrl({
      issuer,
      thisUpdate: now,
      nextUpdate: later,
      entries: entry(serial, utcTime(now)),
      extensions: [],
      key: privateKey,
      algorithm: 'ecdsa-with-SHA256',
    });
    expect(walk(crl, { lookFor: ['A1:B2'] }).found.get('a1b2')?.reason).toBeNull();
    expect(walk(crl, { lookFor: ['00A1B2'] }).found.size).toBe(1);
  });

  it('refuses an unknown critical entry extension', () => {
    const bad = der(0x30, der(0x02, Buffer.from([5])), utcTime(now), der(0x30, extension('1.2.3.4', true, Buffer.from([5, 0]))));
    const crl = buildCrl({ issuer, thisUpdate: now, nextUpdate: later, entries: bad, extensions: [], key: privateKey, algorithm: 'ecdsa-with-SHA256' });
    expect(() => walk(crl)).toThrow(/unknown critical entry extension/);
  });

  it('refuses trailing bytes, a truncated file and a second CRL glued on', () => {
    const crl = buildCrl({
      issuer,
      thisUpdate: now,
      nextUpdate: later,
      entries: Buffer.alloc(0),
      extensions: [],
      key: privateKey,
      algorithm: 'ecdsa-with-SHA256',
    });
    expect(() => walk(Buffer.concat([crl, Buffer.from([0])]))).toThrow(DerError);
    expect(() => walk(crl.subarray(0, crl.length - 1))).toThrow(/ends early/);
    expect(() => walk(Buffer.concat([crl, crl]), {}, 10)).toThrow(/after the end/);
  });

  it('reads a v1 CRL (no version, no extensions) with a GeneralizedTime nextUpdate after 2049', () => {
    const alg = ALGORITHMS['ecdsa-with-SHA256'];
    const tbs = der(0x30, alg, issuer, utcTime(now), der(0x18, Buffer.from('20510101000000Z')), der(0x30, entry(Buffer.from([0x42]), utcTime(now))));
    const crl = der(0x30, tbs, alg, der(0x03, Buffer.from([0]), sign('sha256', tbs, privateKey)));
    const facts = walk(crl, { issuerKey: publicKey, lookFor: ['42'] }, 3);
    expect(facts.version).toBe(1);
    expect(facts.nextUpdate?.toISOString()).toBe('2051-01-01T00:00:00.000Z');
    expect(facts.found.get('42')?.revokedAt.toISOString()).toBe(now.toISOString());
    expect(facts.signature).toBe('valid');
  });

  it('refuses a UTCTime without seconds, a 30th of February and a v1 CRL with extensions', () => {
    const alg = ALGORITHMS['ecdsa-with-SHA256'];
    const signed = (tbs: Buffer) => der(0x30, tbs, alg, der(0x03, Buffer.from([0]), sign('sha256', tbs, privateKey)));
    expect(() => walk(signed(der(0x30, alg, issuer, der(0x17, Buffer.from('2601010000Z')))))).toThrow(/UTCTime must be/);
    expect(() => walk(signed(der(0x30, alg, issuer, der(0x17, Buffer.from('260230000000Z')))))).toThrow(/out of range/);
    expect(() => walk(signed(der(0x30, alg, issuer, utcTime(now), der(0xa0, der(0x30, extension('2.5.29.20', false, integer(1n)))))))).toThrow(/v1 CRL/);
  });

  it('refuses an entry list ending inside an entry as soon as the list end is in, without buffering the rest', () => {
    const walker = new CrlWalker();
    const alg = ALGORITHMS['ecdsa-with-SHA256'];
    // revokedCertificates declares 1 byte: no entry fits, whatever follows.
    const head = Buffer.concat([alg, issuer, utcTime(now), Buffer.from([0x30, 0x01, 0x30])]);
    const tbsHeader = Buffer.from([0x30, 0x84, 0x01, 0x00, 0x00, 0x00]);
    walker.push(Buffer.from([0x30, 0x84, 0x02, 0x00, 0x00, 0x00]));
    walker.push(tbsHeader);
    expect(() => walker.push(Buffer.concat([head, Buffer.alloc(4096)]))).toThrow(/runs past revokedCertificates/);
  });

  it('reports the declared size from the first bytes, before the rest arrives', () => {
    const walker = new CrlWalker();
    walker.push(Buffer.from([0x30, 0x84, 0x10, 0x00, 0x00, 0x00]));
    expect(walker.declaredLength).toBe(0x10000006);
  });
});
