import { describe, expect, it } from 'vitest';
import { flagWord } from '../../../app/kerberos/asn1/der-writer';
import { parseApRep, parseEncApRepPart } from '../../../app/kerberos/messages/ap-rep';
import { decode } from '../../../app/kerberos/messages/decode';
import { parseEncKdcRepPart } from '../../../app/kerberos/messages/enc-kdc-rep-part';
import { ticketFlagLetters, ticketFlagNames } from '../../../app/kerberos/messages/flags';
import { parseKdcReq } from '../../../app/kerberos/messages/kdc-req';
import { parseKdcRep } from '../../../app/kerberos/messages/kdc-rep';
import { kdcTime, parseKrbError } from '../../../app/kerberos/messages/krb-error';
import { parseErrorData } from '../../../app/kerberos/messages/kerb-error-data';
import { encodePacRequest, encodePaEncTsEnc, parseEtypeInfo2, parsePacRequest, parsePaEncTsEnc } from '../../../app/kerberos/messages/pa-data';
import { paForUserChecksumInput, parsePaForUser } from '../../../app/kerberos/messages/pa-for-user';
import { parseKrb5Reply } from '../../../app/kerberos/spnego/krb5-token';
import { negTokenInit, parseNegTokenResp } from '../../../app/kerberos/spnego/negotiation-token';
import { mutate, prng } from './builders';
import { app, ctx, integer, octets, seq } from '../../../app/kerberos/asn1/der-writer';
import { DECODERS, REALM, apRep, asRep, body, encApRep, encPart, krbError, negResp, paForUser, sampleTicket, t1, ticket, tgsReq, userName } from './samples';

describe('messages decode what the KDC and servers send', () => {
  it('Ticket keeps its exact bytes to send on', () => {
    expect(sampleTicket.realm).toBe(REALM);
    expect(sampleTicket.encPart).toMatchObject({ etype: 18, kvno: 1 });
    expect(Buffer.from(sampleTicket.raw).equals(Buffer.from(ticket))).toBe(true);
  });
  it('AS-REP with its ETYPE-INFO2', () => {
    const rep = parseKdcRep(asRep, 11);
    expect(rep.cname.nameString).toEqual(['aw_KCDsvc']);
    expect(parseEtypeInfo2(rep.padata[0]!.value)[0]).toMatchObject({ etype: 18 });
    expect(() => parseKdcRep(asRep, 13)).toThrow(/TGS-REP/);
  });
  it('EncASRepPart and EncTGSRepPart (Windows uses 25 in TGS replies too)', () => {
    const p = parseEncKdcRepPart(encPart);
    expect(p.nonce).toBe(12345);
    expect(ticketFlagLetters(p.flags)).toBe('FRIAe');
    expect(ticketFlagNames(p.flags)).toEqual(['forwardable', 'renewable', 'initial', 'pre-authent', 'enc-pa-rep']);
    expect(p.endtime.toISOString()).toBe(t1.toISOString());
    const wrongTag = Buffer.from(encPart);
    wrongTag[0] = 0x7b;
    expect(decode('x', wrongTag, parseEncKdcRepPart)).toMatchObject({ ok: false, error: { code: 'KRB_DECODE_UNEXPECTED_TAG' } });
  });
  it('KRB-ERROR with METHOD-DATA, e-text and the KDC time', () => {
    const e = parseKrbError(krbError);
    expect(e.errorCode).toBe(25);
    expect(e.eText).toMatch(/PA-ENC-TIMESTAMP/);
    expect(kdcTime(e).toISOString()).toBe('2026-11-25T12:00:00.123Z');
    const data = parseErrorData(e.eData!);
    expect(data.kind).toBe('method-data');
    if (data.kind !== 'method-data') return;
    const info = parseEtypeInfo2(data.padata[1]!.value)[0]!;
    expect(Buffer.from(info.salt!).toString()).toBe('SE.AIRWLAB.COMaw_KCDsvc');
    expect(Buffer.from(info.s2kparams!).toString('hex')).toBe('00001000');
  });
  it('Windows KERB-ERROR-DATA gives its NTSTATUS', () => {
    const status = Buffer.alloc(12);
    status.writeUInt32LE(0xc000015b, 0);
    const data = parseErrorData(seq([ctx(1, integer(3)), ctx(2, octets(status))]));
    expect(data).toEqual({ kind: 'extended', status: 0xc000015b, flags: 0 });
  });
  it('KDC-REQ round-trips, and the checksummed body is the bytes sent in [4]', () => {
    const r = parseKdcReq(tgsReq);
    expect(r.msgType).toBe(12);
    expect(Buffer.from(r.bodyDer).equals(Buffer.from(body))).toBe(true);
    expect(r.body.sname?.nameString).toEqual(['HTTP', 'semail01']);
    expect(r.body.etypes).toEqual([18, 17, 23]);
    expect(r.body.kdcOptions).toBe(flagWord([1, 14]));
    expect(Buffer.from(r.body.additionalTickets![0]!.raw).equals(Buffer.from(ticket))).toBe(true);
  });
  it('PA-FOR-USER round-trips; its checksum input is name-type LE32 + names + realm + package', () => {
    expect(parsePaForUser(paForUser)).toMatchObject({ userRealm: REALM, authPackage: 'Kerberos', cksum: { cksumtype: -138 } });
    expect(paForUserChecksumInput(userName, REALM, 'Kerberos').toString('latin1')).toBe('\x01\x00\x00\x00aliceSE.AIRWLAB.COMKerberos');
    const ent = paForUserChecksumInput({ nameType: 10, nameString: ['alice@other.com'] }, REALM, 'Kerberos');
    expect(ent.subarray(0, 4).toString('hex')).toBe('0a000000');
  });
  it('PA-ENC-TS-ENC and PA-PAC-REQUEST', () => {
    expect(parsePaEncTsEnc(encodePaEncTsEnc(new Date('2026-11-25T12:00:01.234Z'))).toISOString()).toBe('2026-11-25T12:00:01.000Z');
    expect(parsePacRequest(encodePacRequest(true))).toBe(true);
  });
  it('AP-REP and EncAPRepPart', () => {
    expect(parseApRep(apRep)).toMatchObject({ etype: 18 });
    expect(parseEncApRepPart(encApRep)).toMatchObject({ cusec: 999, seqNumber: 77, subkey: { etype: 18 } });
  });
  it('SPNEGO NegTokenResp and the krb5 reply token inside', () => {
    const r = parseNegTokenResp(negResp);
    expect(r.negState).toBe(0);
    const inner = parseKrb5Reply(r.responseToken!);
    expect(inner.kind).toBe('ap-rep');
    expect(
      Buffer.from(negTokenInit(Uint8Array.of(1)))
        .subarray(0, 12)
        .toString('hex'),
    ).toMatch(/^60..06062b0601050502a0/);
  });
});

describe('hostile input to every decoder', () => {
  it.each(DECODERS)('%s: every truncation is a typed error', (what, valid, parse) => {
    for (let n = 0; n < valid.length; n++) {
      const r = decode(what, valid.subarray(0, n), parse);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toMatch(/^KRB_DECODE_/);
    }
  });
  it.each(DECODERS)('%s: 2000 mutations never crash (fast sample; bench/kerberos-fuzz.ts runs 10^5)', (what, valid, parse) => {
    const rnd = prng(0x5eed ^ valid.length);
    for (let i = 0; i < 2000; i++) {
      const input = mutate(valid, rnd);
      expect(() => decode(what, input, parse)).not.toThrow();
    }
  });
  it.each(DECODERS)('%s: trailing garbage and a wrong outer tag are refused', (what, valid, parse) => {
    expect(decode(what, Buffer.concat([valid, Buffer.from([0])]), parse).ok).toBe(false);
    const other = Buffer.from(app(29, seq([])));
    expect(decode(what, other, parse).ok).toBe(false);
  });
});
