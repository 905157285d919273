import { describe, expect, it } from 'vitest';
import { flagWord } from '../../../app/kerberos/asn1/der-writer';
import { KDC_OPTION, MSG_TYPE, NAME_TYPE, PA_TYPE } from '../../../app/kerberos/constants';
import { parseApRep, parseEncApRepPart } from '../../../app/kerberos/messages/ap-rep';
import { decode } from '../../../app/kerberos/messages/decode';
import { parseEncKdcRepPart } from '../../../app/kerberos/messages/enc-kdc-rep-part';
import { ticketFlagLetters, ticketFlagNames } from '../../../app/kerberos/messages/flags';
import { encodeKdcReq, encodeKdcReqBody, parseKdcReq } from '../../../app/kerberos/messages/kdc-req';
import { parseKdcRep } from '../../../app/kerberos/messages/kdc-rep';
import { kdcTime, parseErrorData, parseKrbError } from '../../../app/kerberos/messages/krb-error';
import { encodePacRequest, encodePaEncTsEnc, parseEtypeInfo2, parsePacRequest, parsePaEncTsEnc } from '../../../app/kerberos/messages/pa-data';
import { encodePaForUser, paForUserChecksumInput, parsePaForUser } from '../../../app/kerberos/messages/pa-for-user';
import { encodePaS4uX509User, encodeS4uUserId, parsePaS4uX509User } from '../../../app/kerberos/messages/pa-s4u-x509-user';
import { parseTicketBytes } from '../../../app/kerberos/messages/ticket';
import { parseKrb5Reply, wrapGss } from '../../../app/kerberos/spnego/krb5-token';
import { negTokenInit, parseNegTokenResp } from '../../../app/kerberos/spnego/negotiation-token';
import { apRepDer, encApRepPartDer, encKdcRepPartDer, etypeInfo2Der, kdcRepDer, krbErrorDer, methodDataDer, mutate, prng, ticketDer } from './builders';
import { ctx, integer, octets, seq, tlv, app } from '../../../app/kerberos/asn1/der-writer';

const REALM = 'SE.AIRWLAB.COM';
const svc = { nameType: NAME_TYPE.PRINCIPAL, nameString: ['aw_KCDsvc'] };
const krbtgt = { nameType: NAME_TYPE.SRV_INST, nameString: ['krbtgt', REALM] };
const t0 = new Date('2026-11-25T12:00:00Z');
const t1 = new Date('2026-11-25T22:00:00Z');
const ticket = ticketDer(REALM, krbtgt, { etype: 18, kvno: 1, cipher: Buffer.alloc(40, 7) });
const sampleTicket = parseTicketBytes(ticket);
const asRep = kdcRepDer(11, [{ type: PA_TYPE.ETYPE_INFO2, value: etypeInfo2Der([{ etype: 18, salt: `${REALM}aw_KCDsvc` }]) }], REALM, svc, ticket, { etype: 18, cipher: Buffer.alloc(64, 9) });
const encPart = encKdcRepPartDer(25, { key: { etype: 18, value: Buffer.alloc(32, 1) }, nonce: 12345, flags: flagWord([1, 8, 9, 10, 15]), authtime: t0, endtime: t1, srealm: REALM, sname: krbtgt });
const krbError = krbErrorDer({
  code: 25,
  stime: t0,
  susec: 123456,
  realm: REALM,
  sname: krbtgt,
  eText: 'Need to use PA-ENC-TIMESTAMP/PA-PK-AS-REQ',
  eData: methodDataDer([
    { type: 2, value: new Uint8Array() },
    { type: PA_TYPE.ETYPE_INFO2, value: etypeInfo2Der([{ etype: 18, salt: `${REALM}aw_KCDsvc`, s2kparams: Buffer.from([0, 0, 0x10, 0]) }]) },
  ]),
});
const userName = { nameType: NAME_TYPE.PRINCIPAL, nameString: ['alice'] };
const paForUser = encodePaForUser({ userName, userRealm: REALM, cksum: { cksumtype: -138, checksum: Buffer.alloc(16, 3) }, authPackage: 'Kerberos' });
const userIdDer = encodeS4uUserId({ nonce: 42, crealm: REALM, subjectCertificate: Buffer.from([0x30, 0x00]), cname: userName });
const paX509 = encodePaS4uX509User(userIdDer, { cksumtype: 16, checksum: Buffer.alloc(12, 5) });
const body = encodeKdcReqBody({
  kdcOptions: flagWord([KDC_OPTION.FORWARDABLE, KDC_OPTION.CNAME_IN_ADDL_TKT]),
  realm: REALM,
  sname: { nameType: NAME_TYPE.SRV_INST, nameString: ['HTTP', 'semail01'] },
  till: t1,
  nonce: 0x7ffffff0,
  etypes: [18, 17, 23],
  additionalTickets: [sampleTicket],
});
const tgsReq = encodeKdcReq(MSG_TYPE.TGS_REQ, [{ type: PA_TYPE.FOR_USER, value: paForUser }], body);
const apRep = apRepDer({ etype: 18, cipher: Buffer.alloc(50, 2) });
const encApRep = encApRepPartDer(t0, 999, { etype: 18, value: Buffer.alloc(32, 4) }, 77);
const negResp = tlv(2, true, 1, seq([ctx(0, tlv(0, false, 10, Uint8Array.of(0))), ctx(2, octets(wrapGss('1.2.840.113554.1.2.2', Uint8Array.of(2, 0), apRep)))]));

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
    expect(data).toEqual({ kind: 'ntstatus', status: 0xc000015b });
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
  it('PA-S4U-X509-USER round-trips', () => {
    expect(parsePaS4uX509User(paX509)).toMatchObject({ userId: { nonce: 42, crealm: REALM }, checksum: { cksumtype: 16 } });
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
    expect(Buffer.from(negTokenInit(Uint8Array.of(1))).subarray(0, 12).toString('hex')).toMatch(/^60..06062b0601050502a0/);
  });
});

/** Every decoder, with one valid input to mutate. */
const DECODERS: [string, Uint8Array, (b: Uint8Array) => unknown][] = [
  ['Ticket', ticket, parseTicketBytes],
  ['AS-REP', asRep, (b) => parseKdcRep(b, 11)],
  ['EncKDCRepPart', encPart, parseEncKdcRepPart],
  ['KRB-ERROR', krbError, parseKrbError],
  ['e-data', parseKrbError(krbError).eData!, parseErrorData],
  ['ETYPE-INFO2', etypeInfo2Der([{ etype: 18, salt: 'S', s2kparams: Buffer.alloc(4) }, { etype: 23 }]), parseEtypeInfo2],
  ['PA-ENC-TS-ENC', encodePaEncTsEnc(t0), parsePaEncTsEnc],
  ['PA-PAC-REQUEST', encodePacRequest(false), parsePacRequest],
  ['TGS-REQ', tgsReq, parseKdcReq],
  ['PA-FOR-USER', paForUser, parsePaForUser],
  ['PA-S4U-X509-USER', paX509, parsePaS4uX509User],
  ['AP-REP', apRep, parseApRep],
  ['EncAPRepPart', encApRep, parseEncApRepPart],
  ['NegTokenResp', negResp, parseNegTokenResp],
  ['krb5 reply token', wrapGss('1.2.840.113554.1.2.2', Uint8Array.of(2, 0), apRep), parseKrb5Reply],
];

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
