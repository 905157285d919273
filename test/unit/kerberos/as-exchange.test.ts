import { afterEach, describe, expect, it } from 'vitest';
import { readOne } from '../../../app/kerberos/asn1/der-reader';
import { flagWord } from '../../../app/kerberos/asn1/der-writer';
import { getTgt } from '../../../app/kerberos/client/as-exchange';
import { encType } from '../../../app/kerberos/crypto/registry';
import { parseEncryptedData } from '../../../app/kerberos/messages/common';
import { parseKdcReq } from '../../../app/kerberos/messages/kdc-req';
import { parsePaEncTsEnc } from '../../../app/kerberos/messages/pa-data';
import { Secret } from '../../../app/config/secrets';
import { parseKrbError } from '../../../app/kerberos/messages/krb-error';
import { probeKdc } from '../../../app/kerberos/client/kdc-probe';
import { encKdcRepPartDer, etypeInfo2Der, kdcRepDer, krbErrorDer, methodDataDer, ticketDer } from './builders';
import { tcpKdc, type TcpKdc } from './tcp-kdc';

const REALM = 'EX.TEST';
const USER = 'svc';
const PASSWORD = 'Correct horse 1!';
const SALT = `${REALM}${USER}`;
const krbtgt = { nameType: 2, nameString: ['krbtgt', REALM] };
const kdcs: TcpKdc[] = [];
afterEach(async () => {
  await Promise.all(kdcs.splice(0).map((k) => k.close()));
});

/**
 * A loopback KDC that does what the lab's Samba does for AS (lab-notes): PREAUTH_REQUIRED with
 * ETYPE-INFO2 first, then checks PA-ENC-TIMESTAMP under the password's key and answers.
 */
async function fakeKdc(
  password: string,
  opts: {
    wrongNonce?: boolean;
    replyEtype?: number;
    replyCname?: string;
    replyCrealm?: string;
    partSname?: string[];
    partSrealm?: string;
    etypeInfo?: { etype: number; salt?: string; s2kparams?: Uint8Array }[];
  } = {},
): Promise<TcpKdc> {
  const key = encType(18).stringToKey(password, SALT);
  const kdc = await tcpKdc((request) => {
    const req = parseKdcReq(request);
    const ts = req.padata.find((p) => p.type === 2);
    const now = new Date();
    const error = (code: number, eData?: Uint8Array): Uint8Array =>
      krbErrorDer({ code, stime: now, susec: 0, realm: REALM, sname: krbtgt, ...(eData ? { eData } : {}) });
    if (!ts)
      return error(
        25,
        methodDataDer([{ type: 19, value: etypeInfo2Der(opts.etypeInfo ?? [{ etype: 18, salt: SALT, s2kparams: Buffer.from([0, 0, 0x10, 0]) }]) }]),
      );
    const enc = parseEncryptedData(readOne(ts.value), 'PA-ENC-TIMESTAMP');
    let ok = false;
    try {
      const when = parsePaEncTsEnc(encType(enc.etype).decrypt(key, 1, enc.cipher));
      ok = Math.abs(when.getTime() - now.getTime()) < 300_000;
    } catch {
      ok = false;
    }
    if (!ok) return error(24);
    const sessionKey = { etype: 18, value: Buffer.alloc(32, 0x33) };
    const part = encKdcRepPartDer(25, {
      key: sessionKey,
      nonce: opts.wrongNonce ? req.body.nonce ^ 1 : req.body.nonce,
      flags: flagWord([1, 8, 9, 10]),
      authtime: now,
      endtime: new Date(now.getTime() + 36e6),
      srealm: opts.partSrealm ?? REALM,
      sname: opts.partSname ? { nameType: 2, nameString: opts.partSname } : krbtgt,
    });
    const ticket = ticketDer(REALM, krbtgt, { etype: 18, kvno: 1, cipher: Buffer.alloc(48, 1) });
    const replyEtype = opts.replyEtype ?? 18;
    const replyKey = replyEtype === 18 ? key : encType(replyEtype).stringToKey(password, SALT);
    return kdcRepDer(11, [], opts.replyCrealm ?? REALM, opts.replyCname ? { nameType: 1, nameString: [opts.replyCname] } : req.body.cname!, ticket, {
      etype: replyEtype,
      cipher: encType(replyEtype).encrypt(replyKey, 3, part),
    });
  });
  kdcs.push(kdc);
  return kdc;
}

const params = (kdc: TcpKdc, password: string) => ({
  kdc: { host: 'kdc.ex.test', address: '127.0.0.1', port: kdc.port },
  realm: REALM,
  user: USER,
  password: new Secret(password),
  timeoutMs: 2000,
});

describe('AS exchange with PA-ENC-TIMESTAMP', () => {
  it('answers PREAUTH_REQUIRED with the salted AES key and decrypts the AS-REP', async () => {
    const kdc = await fakeKdc(PASSWORD);
    const r = await getTgt(params(kdc, PASSWORD));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.preauth).toEqual({ etype: 18, salt: SALT, iterations: 4096 });
    expect(r.value.credential.sessionKey.value).toEqual(Buffer.alloc(32, 0x33));
    expect(r.value.offered).toEqual(['PA-ETYPE-INFO2']);
    expect(kdc.requests).toHaveLength(2);
  });
  it('starts at the pre-authenticated request when a probe already got PREAUTH_REQUIRED', async () => {
    const kdc = await fakeKdc(PASSWORD);
    const probe = await probeKdc({ host: 'kdc.ex.test', address: '127.0.0.1', port: kdc.port, client: USER, realm: REALM }, 'tcp', 2000);
    if (!probe.ok || probe.value.answer.kind !== 'krb-error') throw new Error(`probe: ${JSON.stringify(probe)}`);
    const r = await getTgt({ ...params(kdc, PASSWORD), preauthRequired: probe.value.answer.error });
    expect(r.ok && r.value.preauth).toEqual({ etype: 18, salt: SALT, iterations: 4096 });
    expect(r.ok && r.value.offered).toEqual(['PA-ETYPE-INFO2']);
    expect(kdc.requests).toHaveLength(2);
  });
  it('asks for itself when the earlier answer was not PREAUTH_REQUIRED', async () => {
    const kdc = await fakeKdc(PASSWORD);
    const other = parseKrbError(krbErrorDer({ code: 6, stime: new Date(), susec: 0, realm: REALM, sname: krbtgt }));
    const r = await getTgt({ ...params(kdc, PASSWORD), preauthRequired: other });
    expect(r.ok).toBe(true);
    expect(kdc.requests).toHaveLength(2);
  });
  it('a wrong password is tried once, never again (lockout)', async () => {
    const kdc = await fakeKdc(PASSWORD);
    const r = await getTgt(params(kdc, 'wrong password'));
    expect(r).toMatchObject({ ok: false, error: { code: 'KRB_KDC_ERR_PREAUTH_FAILED', stage: 'as' } });
    expect(kdc.requests).toHaveLength(2);
  });
  it('an AS-REP for another nonce is refused', async () => {
    const kdc = await fakeKdc(PASSWORD, { wrongNonce: true });
    expect(await getTgt(params(kdc, PASSWORD))).toMatchObject({ ok: false, error: { code: 'KRB_NONCE_MISMATCH' } });
  });
  it('the password never appears in the error or the result', async () => {
    const kdc = await fakeKdc(PASSWORD);
    const bad = await getTgt(params(kdc, 'wrong password'));
    expect(JSON.stringify(bad)).not.toContain('wrong password');
    const good = await getTgt(params(kdc, PASSWORD));
    expect(JSON.stringify(good)).not.toContain(PASSWORD);
  });
});

describe('AS pre-authentication cannot be downgraded by an unauthenticated PREAUTH_REQUIRED', () => {
  it('an RC4-only ETYPE-INFO2 when AES was offered sends nothing under the NT hash, and says why', async () => {
    const kdc = await fakeKdc(PASSWORD, { etypeInfo: [{ etype: 23, salt: SALT }] });
    const r = await getTgt(params(kdc, PASSWORD));
    expect(r).toMatchObject({ ok: false, error: { code: 'KRB_ETYPE_NOT_OFFERED', stage: 'as' } });
    expect(!r.ok && r.error.message).toMatch(/rc4-hmac.*not one this client offered \(aes256-cts-hmac-sha1-96, aes128-cts-hmac-sha1-96\)/);
    expect(kdc.requests).toHaveLength(1);
  });

  it('takes the first entry it offered, skipping the ones it did not', async () => {
    const kdc = await fakeKdc(PASSWORD, {
      etypeInfo: [
        { etype: 23, salt: SALT },
        { etype: 18, salt: SALT, s2kparams: Buffer.from([0, 0, 0x10, 0]) },
      ],
    });
    const r = await getTgt(params(kdc, PASSWORD));
    expect(r.ok && r.value.preauth).toEqual({ etype: 18, salt: SALT, iterations: 4096 });
  });

  it('refuses an AS-REP sealed with an etype it did not offer', async () => {
    const kdc = await fakeKdc(PASSWORD, { replyEtype: 23 });
    const r = await getTgt(params(kdc, PASSWORD));
    expect(r).toMatchObject({ ok: false, error: { code: 'KRB_ETYPE_NOT_OFFERED', stage: 'as' } });
    expect(!r.ok && r.error.message).toMatch(/AS-REP is sealed with rc4-hmac/);
  });

  it('refuses AES with fewer than 4096 PBKDF2 iterations (RFC 3962 default) before sending anything', async () => {
    const kdc = await fakeKdc(PASSWORD, { etypeInfo: [{ etype: 18, salt: SALT, s2kparams: Buffer.from([0, 0, 0, 1]) }] });
    const r = await getTgt(params(kdc, PASSWORD));
    expect(r).toMatchObject({ ok: false, error: { code: 'KRB_WEAK_S2KPARAMS', stage: 'as' } });
    expect(!r.ok && r.error.message).toMatch(/1 PBKDF2 iteration.*at least 4096/);
    expect(kdc.requests).toHaveLength(1);
  });
});

describe('AS-REP names (RFC 4120 §3.1.5)', () => {
  it.each([
    [{ replyCname: 'mallory' }, /client mallory@EX\.TEST, asked for svc@EX\.TEST/],
    [{ replyCrealm: 'EVIL.TEST' }, /client svc@EVIL\.TEST, asked for svc@EX\.TEST/],
    [{ partSname: ['krbtgt', 'EVIL.TEST'] }, /service krbtgt\/EVIL\.TEST@EX\.TEST, asked for krbtgt\/EX\.TEST@EX\.TEST/],
    [{ partSrealm: 'EVIL.TEST' }, /service krbtgt\/EX\.TEST@EVIL\.TEST, asked for krbtgt\/EX\.TEST@EX\.TEST/],
  ])('a reply naming another principal (%j) fails with both values', async (opts, message) => {
    const kdc = await fakeKdc(PASSWORD, opts);
    const r = await getTgt(params(kdc, PASSWORD));
    expect(r).toMatchObject({ ok: false, error: { code: 'KRB_REPLY_NAME_MISMATCH', stage: 'as' } });
    expect(!r.ok && r.error.message).toMatch(message);
  });

  it('case alone is not a difference (AD canonicalizes names)', async () => {
    const kdc = await fakeKdc(PASSWORD, { replyCname: 'SVC' });
    expect((await getTgt(params(kdc, PASSWORD))).ok).toBe(true);
  });
});
