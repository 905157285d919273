import { afterEach, describe, expect, it } from 'vitest';
import {
  application,
  fields,
  readInt32,
  readOne,
  required,
  type Tlv,
  CLASS_APPLICATION,
  children,
  expectTag,
  sequence,
} from '../../../app/kerberos/asn1/der-reader';
import { flagWord } from '../../../app/kerberos/asn1/der-writer';
import type { Credential } from '../../../app/kerberos/client/credential';
import { s4u2proxy, s4u2self, userFromUpn } from '../../../app/kerberos/client/s4u';
import { hmacMd5Checksum } from '../../../app/kerberos/crypto/rc4-hmac';
import { encType, makeChecksum } from '../../../app/kerberos/crypto/registry';
import { parseChecksum, parseEncryptedData } from '../../../app/kerberos/messages/common';
import { hasFlag } from '../../../app/kerberos/messages/flags';
import { parseKdcReq, type KdcReq } from '../../../app/kerberos/messages/kdc-req';
import { paForUserChecksumInput, parsePaForUser } from '../../../app/kerberos/messages/pa-for-user';
import { parseTicketBytes } from '../../../app/kerberos/messages/ticket';
import { servicePrincipal } from '../../../app/kerberos/messages/principal';
import { encKdcRepPartDer, kdcRepDer, ticketDer } from './builders';
import { tcpKdc, type TcpKdc } from './tcp-kdc';

const REALM = 'EX.TEST';
const tgtKey = { etype: 18, value: Buffer.alloc(32, 0x21) };
const svcName = { nameType: 1, nameString: ['svc'] };
const kdcs: TcpKdc[] = [];
afterEach(async () => {
  await Promise.all(kdcs.splice(0).map((k) => k.close()));
});

interface Seen {
  req: KdcReq & { bodyDer: Uint8Array };
  authenticatorCksum: { cksumtype: number; checksum: Uint8Array };
}

/** Reads the PA-TGS-REQ AP-REQ and decrypts its authenticator with the TGT session key (usage 7). */
function authenticatorChecksum(apReq: Uint8Array): { cksumtype: number; checksum: Uint8Array } {
  const f = fields(application(apReq, 14, 'AP-REQ'), 'AP-REQ', [0, 1, 2, 3, 4]);
  const enc = parseEncryptedData(required(f, 4, 'AP-REQ'), 'authenticator');
  const plain = encType(enc.etype).decrypt(tgtKey.value, 7, enc.cipher);
  const outer = expectTag(readOne(plain), CLASS_APPLICATION, 2, 'Authenticator');
  const a = fields(sequence(children(outer)[0] as Tlv, 'Authenticator'), 'Authenticator', [0, 1, 2, 3, 4, 5, 6, 7, 8]);
  expect(readInt32(required(a, 0, 'a'), 'vno')).toBe(5);
  return parseChecksum(required(a, 3, 'Authenticator'), 'cksum');
}

type Name = { nameType: number; nameString: string[] };

/**
 * A loopback KDC answering every TGS-REQ with a ticket under the TGT session key, recording what
 * it saw. By default it issues the ticket asked for: to the service, or with PA-FOR-USER to
 * that user, or with an additional ticket (S4U2Proxy) to alice, the fake S4U2Self's user;
 * `issue` overrides the ticket's name or its client.
 */
async function fakeKdc(seen: Seen[], flags: number, issue?: { sname?: Name; proxyClient?: Name }): Promise<number> {
  const kdc = await tcpKdc((request) => {
    const req = parseKdcReq(request);
    const pa = req.padata.find((p) => p.type === 1)!;
    seen.push({ req, authenticatorCksum: authenticatorChecksum(pa.value) });
    const now = new Date();
    const sname = issue?.sname ?? req.body.sname!;
    const part = encKdcRepPartDer(26, {
      key: { etype: 18, value: Buffer.alloc(32, 0x44) },
      nonce: req.body.nonce,
      flags,
      authtime: now,
      endtime: new Date(now.getTime() + 36e5),
      srealm: REALM,
      sname,
    });
    const forUser = req.padata.find((p) => p.type === 129);
    const cname = forUser
      ? parsePaForUser(forUser.value).userName
      : req.body.additionalTickets
        ? (issue?.proxyClient ?? { nameType: 1, nameString: ['alice'] })
        : svcName;
    return kdcRepDer(13, [], REALM, cname, ticketDer(REALM, sname, { etype: 18, kvno: 3, cipher: Buffer.alloc(40, 2) }), {
      etype: 18,
      cipher: encType(18).encrypt(tgtKey.value, 8, part),
    });
  });
  kdcs.push(kdc);
  return kdc.port;
}

function tgt(port: number): Credential {
  const t = parseTicketBytes(ticketDer(REALM, { nameType: 2, nameString: ['krbtgt', REALM] }, { etype: 18, kvno: 1, cipher: Buffer.alloc(40, 1) }));
  return {
    crealm: REALM,
    cname: svcName,
    ticket: t,
    sessionKey: tgtKey,
    flags: 0,
    authtime: new Date(),
    endtime: new Date(Date.now() + 36e5),
    srealm: REALM,
    sname: t.sname,
    kdc: { host: 'kdc', address: '127.0.0.1', port },
  };
}

describe('S4U2Self and S4U2Proxy requests (MS-SFU)', () => {
  it('S4U2Self: PA-FOR-USER with HMAC-MD5 under the AES TGT session key, and the body checksum in the authenticator', async () => {
    const seen: Seen[] = [];
    const port = await fakeKdc(seen, flagWord([1, 8, 10]));
    const r = await s4u2self({ tgt: tgt(port), user: userFromUpn('alice@ex.test', REALM), timeoutMs: 2000 });
    expect(r.ok).toBe(true);
    const s = seen[0]!;
    // Samba answers KRB_AP_ERR_INAPP_CKSUM without it (lab-notes): hmac-sha1-96-aes256 over the bare body, usage 6
    expect(s.authenticatorCksum.cksumtype).toBe(16);
    expect(Buffer.from(s.authenticatorCksum.checksum)).toEqual(Buffer.from(makeChecksum(16, tgtKey, 6, s.req.bodyDer)));
    const pfu = parsePaForUser(s.req.padata.find((p) => p.type === 129)!.value);
    expect(pfu).toMatchObject({ userName: { nameType: 1, nameString: ['alice'] }, userRealm: REALM, authPackage: 'Kerberos', cksum: { cksumtype: -138 } });
    expect(Buffer.from(pfu.cksum.checksum)).toEqual(hmacMd5Checksum(tgtKey.value, 17, paForUserChecksumInput(pfu.userName, REALM, 'Kerberos')));
    expect(s.req.body.sname).toEqual(svcName);
    expect(s.req.body.kdcOptions).toBe(flagWord([1, 8, 15]));
    if (r.ok) expect(hasFlag(r.value.credential.flags, 1)).toBe(true);
  });
  it('S4U2Self answered with a referral to another domain fails as a referral, never as the ticket asked for', async () => {
    const port = await fakeKdc([], flagWord([1, 8, 10]), { sname: { nameType: 2, nameString: ['krbtgt', 'CHILD.EX.TEST'] } });
    const r = await s4u2self({ tgt: tgt(port), user: userFromUpn('bob@child.ex.test', 'CHILD.EX.TEST'), timeoutMs: 2000 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatchObject({ code: 'KRB_REFERRAL', stage: 's4u2self' });
      expect(r.error.message).toContain('a referral to CHILD.EX.TEST');
      expect(r.error.remedy).toMatch(/Add the domain CHILD.EX.TEST under KCD/);
    }
  });
  it('a UPN whose suffix is not the realm goes as one NT-ENTERPRISE name', () => {
    expect(userFromUpn('alice@contoso.com', REALM).name).toEqual({ nameType: 10, nameString: ['alice@contoso.com'] });
    expect(userFromUpn('Alice@EX.test', REALM).name).toEqual({ nameType: 1, nameString: ['Alice'] });
  });
  it('S4U2Proxy: cname-in-addl-tkt and the S4U2Self ticket as the additional ticket', async () => {
    const seen: Seen[] = [];
    const port = await fakeKdc(seen, flagWord([1, 8, 10]));
    const self = await s4u2self({ tgt: tgt(port), user: userFromUpn('alice@ex.test', REALM), timeoutMs: 2000 });
    if (!self.ok) throw new Error(self.error.message);
    const proxy = await s4u2proxy({ tgt: tgt(port), evidence: self.value.credential, targetSpn: servicePrincipal('HTTP/mail.ex.test'), timeoutMs: 2000 });
    expect(proxy.ok).toBe(true);
    const s = seen[1]!;
    expect(s.req.body.kdcOptions).toBe(flagWord([1, 8, 14, 15]));
    expect(s.req.body.sname).toEqual({ nameType: 2, nameString: ['HTTP', 'mail.ex.test'] });
    expect(Buffer.from(s.req.body.additionalTickets![0]!.raw)).toEqual(Buffer.from(self.value.credential.ticket.raw));
    expect(s.req.padata.map((p) => p.type)).toEqual([1]);
    expect(Buffer.from(s.authenticatorCksum.checksum)).toEqual(Buffer.from(makeChecksum(16, tgtKey, 6, s.req.bodyDer)));
    if (proxy.ok) expect(proxy.value.credential.cname).toEqual({ nameType: 1, nameString: ['alice'] });
  });
  it('S4U2Proxy answered with a ticket for another service fails, naming both (RFC 4120 §3.3.3.1)', async () => {
    const port = await fakeKdc([], flagWord([1, 8, 10]));
    const self = await s4u2self({ tgt: tgt(port), user: userFromUpn('alice@ex.test', REALM), timeoutMs: 2000 });
    if (!self.ok) throw new Error(self.error.message);
    const other = await fakeKdc([], flagWord([1, 8, 10]), { sname: { nameType: 2, nameString: ['HTTP', 'evil.ex.test'] } });
    const proxy = await s4u2proxy({ tgt: tgt(other), evidence: self.value.credential, targetSpn: servicePrincipal('HTTP/mail.ex.test'), timeoutMs: 2000 });
    expect(proxy).toMatchObject({ ok: false, error: { code: 'KRB_REPLY_NAME_MISMATCH' } });
    expect(!proxy.ok && proxy.error.message).toMatch(/HTTP\/evil\.ex\.test@.*HTTP\/mail\.ex\.test@/);
  });
  it('S4U2Proxy answered with a ticket for someone else than the S4U2Self user fails, naming both', async () => {
    const port = await fakeKdc([], flagWord([1, 8, 10]), { proxyClient: svcName });
    const self = await s4u2self({ tgt: tgt(port), user: userFromUpn('alice@ex.test', REALM), timeoutMs: 2000 });
    if (!self.ok) throw new Error(self.error.message);
    const proxy = await s4u2proxy({ tgt: tgt(port), evidence: self.value.credential, targetSpn: servicePrincipal('HTTP/mail.ex.test'), timeoutMs: 2000 });
    expect(proxy.ok).toBe(false);
    if (!proxy.ok) {
      expect(proxy.error).toMatchObject({ code: 'KRB_S4U_WRONG_CLIENT', stage: 's4u2proxy' });
      expect(proxy.error.message).toBe(
        'The KDC issued the ticket to HTTP/mail.ex.test for svc@EX.TEST, not for the user of the S4U2Self ticket, alice@EX.TEST.',
      );
    }
  });
});
