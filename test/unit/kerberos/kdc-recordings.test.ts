import { describe, expect, it } from 'vitest';
import { readOne } from '../../../app/kerberos/asn1/der-reader';
import { ETYPE, KDC_OPTION, KEY_USAGE, MSG_TYPE, NAME_TYPE, PA_TYPE } from '../../../app/kerberos/constants';
import { encType } from '../../../app/kerberos/crypto/registry';
import { krbErrorInfo } from '../../../app/kerberos/errors';
import { parseEncryptedData, type EncryptionKey } from '../../../app/kerberos/messages/common';
import { parseEncKdcRepPart } from '../../../app/kerberos/messages/enc-kdc-rep-part';
import { hasFlag, ticketFlagNames } from '../../../app/kerberos/messages/flags';
import { parseKdcRep } from '../../../app/kerberos/messages/kdc-rep';
import { parseKdcReq } from '../../../app/kerberos/messages/kdc-req';
import { parseKrbError } from '../../../app/kerberos/messages/krb-error';
import { parseErrorData } from '../../../app/kerberos/messages/kerb-error-data';
import { parseEtypeInfo2, parsePacRequest, parsePaEncTsEnc } from '../../../app/kerberos/messages/pa-data';
import { parsePaForUser } from '../../../app/kerberos/messages/pa-for-user';
import { principalText } from '../../../app/kerberos/messages/principal';
import { recorded, recordingLab, type ExchangeName } from './kdc-recordings';

// What MIT's client sent to the lab's Samba KDC and what Samba answered, recorded on the wire
// (test/lab/kerberos-recordings.test.ts), decoded with our decoders; the encrypted parts are
// opened with the service account's key from the lab's password, as our client does.
const lab = recordingLab();
const request = (name: ExchangeName) => parseKdcReq(recorded(name, 'request'));
const asRep = (name: ExchangeName) => parseKdcRep(recorded(name, 'reply'), MSG_TYPE.AS_REP);
const tgsRep = (name: ExchangeName) => parseKdcRep(recorded(name, 'reply'), MSG_TYPE.TGS_REP);
const paValue = (padata: readonly { type: number; value: Uint8Array }[], type: number): Uint8Array => {
  const found = padata.find((p) => p.type === type);
  if (found === undefined) throw new Error(`no padata ${type}`);
  return found.value;
};

/** The service account's AES256 key from the salt in Samba's PREAUTH_REQUIRED answer. */
function serviceKey(): EncryptionKey {
  const error = parseKrbError(recorded('mit-as', 'reply'));
  const data = parseErrorData(error.eData!);
  if (data.kind !== 'method-data') throw new Error('expected METHOD-DATA');
  const info = parseEtypeInfo2(paValue(data.padata, PA_TYPE.ETYPE_INFO2))[0]!;
  return { etype: info.etype, value: encType(info.etype).stringToKey(lab.servicePassword, info.salt!, info.s2kparams) };
}

const open = (key: EncryptionKey, usage: number, cipher: Uint8Array) => encType(key.etype).decrypt(key.value, usage, cipher);
const MIT_ETYPES = [
  ETYPE.AES256_CTS_HMAC_SHA1_96,
  ETYPE.AES128_CTS_HMAC_SHA1_96,
  ETYPE.AES256_CTS_HMAC_SHA384_192,
  ETYPE.AES128_CTS_HMAC_SHA256_128,
  16,
  ETYPE.RC4_HMAC,
  25,
  26,
];
const svc = `${lab.serviceAccount}@${lab.realm}`;
const krbtgt = `krbtgt/${lab.realm}@${lab.realm}`;
const alice = lab.user.split('@')[0]!;

describe('MIT kinit against the lab KDC', () => {
  it('asks for a TGT without pre-authentication first', () => {
    const r = request('mit-as');
    expect(r.msgType).toBe(MSG_TYPE.AS_REQ);
    expect(principalText(r.body.cname!, r.body.realm)).toBe(svc);
    expect(r.body.cname!.nameType).toBe(NAME_TYPE.PRINCIPAL);
    expect(principalText(r.body.sname!, r.body.realm)).toBe(krbtgt);
    expect(r.body.sname!.nameType).toBe(NAME_TYPE.SRV_INST);
    expect(r.body.etypes).toEqual(MIT_ETYPES);
    expect(hasFlag(r.body.kdcOptions, KDC_OPTION.FORWARDABLE)).toBe(true);
    expect(hasFlag(r.body.kdcOptions, KDC_OPTION.RENEWABLE_OK)).toBe(true);
    expect(r.padata.map((p) => p.type)).not.toContain(PA_TYPE.ENC_TIMESTAMP);
  });

  it("gets Samba's KDC_ERR_PREAUTH_REQUIRED with the methods it takes and the AES salt", () => {
    const e = parseKrbError(recorded('mit-as', 'reply'));
    expect(krbErrorInfo(e.errorCode).name).toBe('KDC_ERR_PREAUTH_REQUIRED');
    expect(e.eText).toBe('Need to use PA-ENC-TIMESTAMP/PA-PK-AS-REQ');
    expect(principalText(e.sname, e.realm)).toBe(krbtgt);
    const data = parseErrorData(e.eData!);
    expect(data.kind).toBe('method-data');
    if (data.kind !== 'method-data') return;
    expect(data.padata.map((p) => p.type)).toEqual(expect.arrayContaining([PA_TYPE.ENC_TIMESTAMP, PA_TYPE.PK_AS_REQ, PA_TYPE.FX_FAST, PA_TYPE.ETYPE_INFO2]));
    const [aes256] = parseEtypeInfo2(paValue(data.padata, PA_TYPE.ETYPE_INFO2));
    expect(aes256?.etype).toBe(ETYPE.AES256_CTS_HMAC_SHA1_96);
    expect(Buffer.from(aes256!.salt!).toString()).toBe(`${lab.realm}${lab.serviceAccount}`);
  });

  it('then sends PA-ENC-TIMESTAMP, which opens with the key from the password and that salt', () => {
    const r = request('mit-as-preauth');
    expect(r.padata.map((p) => p.type)).toContain(PA_TYPE.ENC_TIMESTAMP);
    const enc = parseEncryptedData(readOne(paValue(r.padata, PA_TYPE.ENC_TIMESTAMP)), 'PA-ENC-TIMESTAMP');
    expect(enc.etype).toBe(ETYPE.AES256_CTS_HMAC_SHA1_96);
    const sent = parsePaEncTsEnc(open(serviceKey(), KEY_USAGE.AS_REQ_PA_ENC_TIMESTAMP, enc.cipher));
    const issued = parseEncKdcRepPart(open(serviceKey(), KEY_USAGE.AS_REP_ENC_PART, asRep('mit-as-preauth').encPart.cipher)).authtime;
    expect(Math.abs(issued.getTime() - sent.getTime())).toBeLessThan(5 * 60_000);
  });

  it("gets an AS-REP whose encrypted part answers MIT's nonce with an AES256 session key for krbtgt", () => {
    const rep = asRep('mit-as-preauth');
    expect(principalText(rep.cname, rep.crealm)).toBe(svc);
    expect(principalText(rep.ticket.sname, rep.ticket.realm)).toBe(krbtgt);
    expect(rep.ticket.encPart).toMatchObject({ etype: ETYPE.AES256_CTS_HMAC_SHA1_96, kvno: 1 });
    expect(rep.encPart.etype).toBe(ETYPE.AES256_CTS_HMAC_SHA1_96);
    expect(rep.padata.map((p) => p.type)).toEqual([PA_TYPE.ETYPE_INFO2]);
    const part = parseEncKdcRepPart(open(serviceKey(), KEY_USAGE.AS_REP_ENC_PART, rep.encPart.cipher));
    expect(part.nonce).toBe(request('mit-as-preauth').body.nonce);
    expect(principalText(part.sname, part.srealm)).toBe(krbtgt);
    expect(part.key.etype).toBe(ETYPE.AES256_CTS_HMAC_SHA1_96);
    expect(part.key.value).toHaveLength(32);
    expect(ticketFlagNames(part.flags)).toEqual(expect.arrayContaining(['forwardable', 'initial', 'pre-authent']));
  });

  it('a wrong password does not open it', () => {
    const info = serviceKey();
    const wrong = encType(info.etype).stringToKey(`${lab.servicePassword}x`, `${lab.realm}${lab.serviceAccount}`);
    expect(() => encType(info.etype).decrypt(wrong, KEY_USAGE.AS_REP_ENC_PART, asRep('mit-as-preauth').encPart.cipher)).toThrow(/integrity|checksum/i);
  });
});

describe('MIT kvno -U -P against the lab KDC', () => {
  it('sends S4U2Self to the service account itself with PA-FOR-USER naming the user', () => {
    const r = request('mit-s4u2self');
    expect(r.msgType).toBe(MSG_TYPE.TGS_REQ);
    expect(r.padata.map((p) => p.type)).toEqual(expect.arrayContaining([PA_TYPE.TGS_REQ, PA_TYPE.FOR_USER, PA_TYPE.S4U_X509_USER]));
    expect(principalText(r.body.sname!, r.body.realm)).toBe(svc);
    const forUser = parsePaForUser(paValue(r.padata, PA_TYPE.FOR_USER));
    expect(forUser.userName.nameString.join('/').toLowerCase()).toContain(alice);
    expect(forUser).toMatchObject({ userRealm: lab.realm, authPackage: 'Kerberos' });
    expect(hasFlag(r.body.kdcOptions, KDC_OPTION.CNAME_IN_ADDL_TKT)).toBe(false);
  });

  it("gets Samba's TGS-REP: a ticket for the user to the service account", () => {
    const rep = tgsRep('mit-s4u2self');
    expect(rep.cname.nameString).toEqual([alice]);
    expect(rep.crealm).toBe(lab.realm);
    expect(principalText(rep.ticket.sname, rep.ticket.realm)).toBe(svc);
    expect(rep.ticket.encPart).toMatchObject({ etype: ETYPE.AES256_CTS_HMAC_SHA1_96, kvno: 2 });
  });

  it('sends S4U2Proxy with cname-in-addl-tkt and the S4U2Self ticket as the additional ticket', () => {
    const r = request('mit-s4u2proxy');
    expect(hasFlag(r.body.kdcOptions, KDC_OPTION.CNAME_IN_ADDL_TKT)).toBe(true);
    expect(principalText(r.body.sname!)).toBe(lab.targetSpn);
    expect(r.padata.map((p) => p.type)).toEqual(expect.arrayContaining([PA_TYPE.TGS_REQ, PA_TYPE.PAC_OPTIONS]));
    expect(r.padata.map((p) => p.type)).not.toContain(PA_TYPE.FOR_USER);
    expect(Buffer.from(r.body.additionalTickets![0]!.raw).equals(Buffer.from(tgsRep('mit-s4u2self').ticket.raw))).toBe(true);
  });

  it("gets Samba's TGS-REP: the user's ticket to the target SPN", () => {
    const rep = tgsRep('mit-s4u2proxy');
    expect(rep.cname.nameString).toEqual([alice]);
    expect(principalText(rep.ticket.sname)).toBe(lab.targetSpn);
    expect(rep.ticket.encPart.etype).toBe(ETYPE.AES256_CTS_HMAC_SHA1_96);
  });
});

describe("the lab KDC's replies to our client, opened with the keys they chain from", () => {
  const tgtPart = () => parseEncKdcRepPart(open(serviceKey(), KEY_USAGE.AS_REP_ENC_PART, asRep('seg-as-preauth').encPart.cipher));

  it('our AS-REQ carries PA-ENC-TIMESTAMP and asks for a PAC; the AS-REP gives the TGT session key', () => {
    const r = request('seg-as-preauth');
    expect(r.padata.map((p) => p.type)).toEqual([PA_TYPE.ENC_TIMESTAMP, PA_TYPE.PAC_REQUEST]);
    expect(parsePacRequest(paValue(r.padata, PA_TYPE.PAC_REQUEST))).toBe(true);
    expect(r.body.etypes).toEqual([ETYPE.AES256_CTS_HMAC_SHA1_96, ETYPE.AES128_CTS_HMAC_SHA1_96]);
    const part = tgtPart();
    expect(part.nonce).toBe(r.body.nonce);
    expect(principalText(part.sname, part.srealm)).toBe(krbtgt);
  });

  it('S4U2Self: the TGS-REP opens with the TGT session key (usage 8), a forwardable ticket to the service account', () => {
    const rep = tgsRep('seg-s4u2self');
    const part = parseEncKdcRepPart(open(tgtPart().key, KEY_USAGE.TGS_REP_ENC_PART_SESSION_KEY, rep.encPart.cipher));
    expect(part.nonce).toBe(request('seg-s4u2self').body.nonce);
    expect(principalText(rep.cname, rep.crealm)).toBe(`${alice}@${lab.realm}`);
    expect(principalText(part.sname, part.srealm)).toBe(svc);
    expect(ticketFlagNames(part.flags)).toContain('forwardable');
    // The ticket itself is for the service account: it opens with its long-term key (an EncTicketPart, [APPLICATION 3]).
    expect(open(serviceKey(), KEY_USAGE.KDC_REP_TICKET, rep.ticket.encPart.cipher)[0]).toBe(0x63);
  });

  it('S4U2Proxy: the TGS-REP opens the same way, a ticket for the user to the target SPN', () => {
    const rep = tgsRep('seg-s4u2proxy');
    const part = parseEncKdcRepPart(open(tgtPart().key, KEY_USAGE.TGS_REP_ENC_PART_SESSION_KEY, rep.encPart.cipher));
    expect(part.nonce).toBe(request('seg-s4u2proxy').body.nonce);
    expect(principalText(rep.cname, rep.crealm)).toBe(`${alice}@${lab.realm}`);
    expect(principalText(part.sname)).toBe(lab.targetSpn);
    expect(part.key.etype).toBe(ETYPE.AES256_CTS_HMAC_SHA1_96);
    expect(Buffer.from(request('seg-s4u2proxy').body.additionalTickets![0]!.raw).equals(Buffer.from(tgsRep('seg-s4u2self').ticket.raw))).toBe(true);
  });

  it('S4U2Proxy to an SPN outside msDS-AllowedToDelegateTo: KDC_ERR_BADOPTION naming that SPN', () => {
    const e = parseKrbError(recorded('seg-s4u2proxy-refused', 'reply'));
    expect(krbErrorInfo(e.errorCode).name).toBe('KDC_ERR_BADOPTION');
    expect(principalText(e.sname, e.realm)).toBe(`${lab.refusedSpn}@${lab.realm}`);
    expect(principalText(request('seg-s4u2proxy-refused').body.sname!)).toBe(lab.refusedSpn);
  });
});
