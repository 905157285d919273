import { describe, expect, it } from 'vitest';
import { readOid, readOne, readTlv } from '../../../app/kerberos/asn1/der-reader';
import { ctx, octets, seq, tlv } from '../../../app/kerberos/asn1/der-writer';
import type { Credential } from '../../../app/kerberos/client/credential';
import { encType } from '../../../app/kerberos/crypto/registry';
import { parseTicketBytes } from '../../../app/kerberos/messages/ticket';
import { negotiateHeader, negotiateReplyToken } from '../../../app/kerberos/spnego/http';
import { DEFAULT_GSS_FLAGS, gssChecksum, krb5ApReqToken, wrapGss } from '../../../app/kerberos/spnego/krb5-token';
import { verifyMutualAuth } from '../../../app/kerberos/spnego/mutual-auth';
import { apRepDer, encApRepPartDer, krbErrorDer, ticketDer } from './builders';

const REALM = 'SE.AIRWLAB.COM';
const sessionKey = { etype: 18, value: Buffer.alloc(32, 0x42) };
const cred: Credential = {
  crealm: REALM,
  cname: { nameType: 1, nameString: ['alice'] },
  ticket: parseTicketBytes(ticketDer(REALM, { nameType: 2, nameString: ['HTTP', 'semail01'] }, { etype: 18, kvno: 2, cipher: Buffer.alloc(60, 1) })),
  sessionKey,
  flags: 0,
  authtime: new Date(),
  endtime: new Date(Date.now() + 3600_000),
  srealm: REALM,
  sname: { nameType: 2, nameString: ['HTTP', 'semail01'] },
  kdc: { host: 'dc', address: '127.0.0.1', port: 88 },
};
const KRB5 = '1.2.840.113554.1.2.2';

function serverReply(ctime: Date, cusec: number, key = sessionKey): Uint8Array {
  const enc = encType(18).encrypt(key.value, 12, encApRepPartDer(ctime, cusec));
  return wrapGss(KRB5, Uint8Array.of(2, 0), apRepDer({ etype: 18, cipher: enc }));
}

describe('GSS krb5 AP-REQ (RFC 4121)', () => {
  it('is an InitialContextToken for krb5 with token id 01 00', () => {
    const { token } = krb5ApReqToken(cred);
    const outer = readOne(token);
    expect(outer.raw[0]).toBe(0x60);
    const { tlv: mech, next } = readTlv(outer.value, 0);
    expect(readOid(mech, 'mech')).toBe(KRB5);
    expect(Buffer.from(outer.value.subarray(next, next + 2)).toString('hex')).toBe('0100');
    expect(outer.value[next + 2]).toBe(0x6e); // [APPLICATION 14] AP-REQ
  });
  it('the 0x8003 checksum never carries GSS_C_DCE_STYLE', () => {
    const c = Buffer.from(gssChecksum(DEFAULT_GSS_FLAGS));
    expect(c.readUInt32LE(0)).toBe(16);
    expect(c.subarray(4, 20).equals(Buffer.alloc(16))).toBe(true);
    expect(c.readUInt32LE(20) & 0x1000).toBe(0);
    expect(c.readUInt32LE(20) & 2).toBe(2);
  });
  it('each token has a fresh authenticator (the server keeps a replay cache)', () => {
    const a = krb5ApReqToken(cred);
    const b = krb5ApReqToken(cred, a.context.ctime);
    expect(Buffer.from(a.token).equals(Buffer.from(b.token))).toBe(false);
    expect(a.context.cusec === b.context.cusec && Buffer.from(a.context.subkey.value).equals(Buffer.from(b.context.subkey.value))).toBe(false);
  });
});

describe('mutual authentication (RFC 4120 §3.2.5)', () => {
  it('accepts the AP-REP that echoes our authenticator, raw or inside SPNEGO', () => {
    const { context } = krb5ApReqToken(cred);
    const raw = serverReply(context.ctime, context.cusec);
    expect(verifyMutualAuth(raw, context)).toMatchObject({ ok: true, value: { cusec: context.cusec } });
    const spnego = tlv(2, true, 1, seq([ctx(0, tlv(0, false, 10, Uint8Array.of(0))), ctx(2, octets(raw))]));
    expect(verifyMutualAuth(spnego, context).ok).toBe(true);
  });
  it('refuses an AP-REP for another authenticator', () => {
    const { context } = krb5ApReqToken(cred);
    const r = verifyMutualAuth(serverReply(context.ctime, (context.cusec + 1) % 1_000_000), context);
    expect(r).toMatchObject({ ok: false, error: { code: 'KRB_MUTUAL_AUTH_FAILED' } });
  });
  it('refuses an AP-REP under another key (a server without the service key)', () => {
    const { context } = krb5ApReqToken(cred);
    const r = verifyMutualAuth(serverReply(context.ctime, context.cusec, { etype: 18, value: Buffer.alloc(32, 1) }), context);
    expect(r).toMatchObject({ ok: false, error: { code: 'KRB_MUTUAL_AUTH_FAILED' } });
  });
  it('reports a KRB-ERROR token and a SPNEGO reject in words', () => {
    const { context } = krb5ApReqToken(cred);
    const errTok = wrapGss(KRB5, Uint8Array.of(3, 0), krbErrorDer({ code: 41, stime: new Date(), susec: 0, realm: REALM, sname: cred.sname }));
    expect(verifyMutualAuth(errTok, context)).toMatchObject({ ok: false, error: { code: 'KRB_AP_41', message: expect.stringMatching(/KRB_AP_ERR_MODIFIED/) } });
    const reject = tlv(2, true, 1, seq([ctx(0, tlv(0, false, 10, Uint8Array.of(2)))]));
    expect(verifyMutualAuth(reject, context)).toMatchObject({ ok: false, error: { code: 'KRB_SPNEGO_REJECT' } });
    expect(verifyMutualAuth(Uint8Array.of(1, 2, 3), context).ok).toBe(false);
  });
});

describe('HTTP Negotiate header (RFC 4559)', () => {
  it('round-trips the token through the header forms servers send', () => {
    const tok = Uint8Array.of(1, 2, 3, 250);
    expect(negotiateHeader(tok)).toBe('Negotiate AQID+g==');
    expect(Buffer.from(negotiateReplyToken('Negotiate AQID+g==')!).equals(Buffer.from(tok))).toBe(true);
    expect(Buffer.from(negotiateReplyToken(['Basic realm="x"', 'negotiate AQID+g=='])!).length).toBe(4);
    expect(negotiateReplyToken('Negotiate')).toBeUndefined();
    expect(negotiateReplyToken(undefined)).toBeUndefined();
  });
});
