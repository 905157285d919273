import { afterEach, describe, expect, it } from 'vitest';
import { err, ok } from '../../../app/contract/result';
import type { Credential } from '../../../app/kerberos/client/credential';
import { MAX_HOPS, s4u2selfAcrossRealms } from '../../../app/kerberos/client/cross-realm-s4u';
import { encType } from '../../../app/kerberos/crypto/registry';
import { parseKdcReq, type KdcReq } from '../../../app/kerberos/messages/kdc-req';
import { parsePaForUser } from '../../../app/kerberos/messages/pa-for-user';
import { parseTicketBytes } from '../../../app/kerberos/messages/ticket';
import { encKdcRepPartDer, kdcRepDer, ticketDer } from './builders';
import { tcpKdc, type TcpKdc } from './tcp-kdc';

/**
 * The chain logic against a scripted loopback KDC that plays every realm: it answers each
 * TGS-REQ with the ticket `route` names for (realm asked, server asked), always under the one
 * session key, so the client can decrypt every hop.
 */
const HOME = 'A.TEST';
const USER_REALM = 'B.TEST';
const key = { etype: 18, value: Buffer.alloc(32, 0x21) };
const svc = { nameType: 1, nameString: ['svc'] };
const kdcs: TcpKdc[] = [];
afterEach(async () => {
  await Promise.all(kdcs.splice(0).map((k) => k.close()));
});

type Name = { nameType: number; nameString: string[] };
type Route = (realm: string, sname: Name, req: KdcReq) => { realm: string; sname: Name };

async function scriptedKdc(route: Route, seen: KdcReq[]): Promise<number> {
  const kdc = await tcpKdc((request) => {
    const req = parseKdcReq(request);
    seen.push(req);
    const out = route(req.body.realm, req.body.sname as Name, req);
    const forUser = req.padata.find((p) => p.type === 129);
    // The service's own ticket goes to the user of PA-FOR-USER; referral TGTs stay the service's.
    const toUser = forUser !== undefined && out.sname.nameString[0] !== 'krbtgt';
    const cname = toUser ? parsePaForUser(forUser.value).userName : svc;
    const crealm = toUser ? parsePaForUser(forUser.value).userRealm : HOME;
    const now = new Date();
    const part = encKdcRepPartDer(26, {
      key,
      nonce: req.body.nonce,
      flags: 0x40000000,
      authtime: now,
      endtime: new Date(now.getTime() + 36e5),
      srealm: out.realm,
      sname: out.sname,
    });
    return kdcRepDer(13, [], crealm, cname, ticketDer(out.realm, out.sname, { etype: 18, kvno: 1, cipher: Buffer.alloc(40, 2) }), {
      etype: 18,
      cipher: encType(18).encrypt(key.value, 8, part),
    });
  });
  kdcs.push(kdc);
  return kdc.port;
}

function homeTgt(port: number): Credential {
  const t = parseTicketBytes(ticketDer(HOME, { nameType: 2, nameString: ['krbtgt', HOME] }, { etype: 18, kvno: 1, cipher: Buffer.alloc(40, 1) }));
  return {
    crealm: HOME,
    cname: svc,
    ticket: t,
    sessionKey: key,
    flags: 0,
    authtime: new Date(),
    endtime: new Date(Date.now() + 36e5),
    srealm: HOME,
    sname: t.sname,
    kdc: { host: 'kdc.a.test', address: '127.0.0.1', port },
  };
}

const bob = { name: { nameType: 1, nameString: ['bob'] }, realm: USER_REALM };
const kdcFor =
  (port: number, known = (_r: string) => true) =>
  async (realm: string) =>
    known(realm)
      ? ok({ host: `kdc.${realm.toLowerCase()}`, address: '127.0.0.1', port })
      : err('KRB_NO_KDC', `No domain controller is set for the realm ${realm}.`);
const krbtgt = (to: string): Name => ({ nameType: 2, nameString: ['krbtgt', to] });

describe('S4U2Self across realms: the chain of referrals', () => {
  it('A -> B for a TGT, S4U2Self at B (service as svc@A), referral back, S4U2Self at A: three hops, the user to the service', async () => {
    const seen: KdcReq[] = [];
    const port = await scriptedKdc((realm, sname) => {
      if (realm === HOME && sname.nameString[0] === 'krbtgt') return { realm: HOME, sname: krbtgt(USER_REALM) };
      if (realm === USER_REALM) return { realm: USER_REALM, sname: krbtgt(HOME) };
      return { realm: HOME, sname: svc };
    }, seen);
    const r = await s4u2selfAcrossRealms({ tgt: homeTgt(port), user: bob, kdcFor: kdcFor(port), timeoutMs: 2000 });
    expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
    if (!r.ok) return;
    expect(r.value.credential.cname).toEqual({ nameType: 1, nameString: ['bob'] });
    expect(r.value.credential.crealm).toBe(USER_REALM);
    expect(r.value.hops.map((h) => `${h.step} ${h.realm} ${h.asked}`)).toEqual([
      `cross-realm TGT ${HOME} krbtgt/${USER_REALM}@${HOME}`,
      `S4U2Self ${USER_REALM} svc@${HOME}@${USER_REALM}`,
      `S4U2Self ${HOME} svc@${HOME}`,
    ]);
    // What went on the wire: the body realm of each hop, the service as an enterprise name away from home, PA-FOR-USER only for S4U2Self.
    expect(seen.map((q) => q.body.realm)).toEqual([HOME, USER_REALM, HOME]);
    expect(seen[1]!.body.sname).toEqual({ nameType: 10, nameString: [`svc@${HOME}`] });
    expect(seen[2]!.body.sname).toEqual(svc);
    expect(seen[0]!.padata.some((p) => p.type === 129)).toBe(false);
    for (const q of seen.slice(1))
      expect(parsePaForUser(q.padata.find((p) => p.type === 129)!.value)).toMatchObject({ userName: bob.name, userRealm: USER_REALM });
  });

  it('referrals that come back to a realm already visited end as a loop, naming the circle', async () => {
    const port = await scriptedKdc((realm) => ({ realm, sname: krbtgt(realm === HOME ? 'C.TEST' : HOME) }), []);
    const r = await s4u2selfAcrossRealms({ tgt: homeTgt(port), user: bob, kdcFor: kdcFor(port), timeoutMs: 2000 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('KRB_XREALM_LOOP');
    expect(r.error.message).toContain(`${HOME} -> C.TEST -> ${HOME}`);
    expect(r.error.hops).toHaveLength(2);
  });

  it(`a chain longer than ${MAX_HOPS} requests ends there`, async () => {
    let n = 0;
    const seen: KdcReq[] = [];
    const port = await scriptedKdc((realm) => ({ realm, sname: krbtgt(`R${++n}.TEST`) }), seen);
    const r = await s4u2selfAcrossRealms({ tgt: homeTgt(port), user: bob, kdcFor: kdcFor(port), timeoutMs: 2000 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('KRB_XREALM_TOO_MANY_HOPS');
    expect(seen).toHaveLength(MAX_HOPS);
  });

  it('a realm on the way that the settings do not know: the hop names it, and nothing is sent there', async () => {
    const seen: KdcReq[] = [];
    const port = await scriptedKdc(() => ({ realm: HOME, sname: krbtgt(USER_REALM) }), seen);
    const r = await s4u2selfAcrossRealms({ tgt: homeTgt(port), user: bob, kdcFor: kdcFor(port, (realm) => realm !== USER_REALM), timeoutMs: 2000 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('KRB_XREALM_NO_KDC');
    expect(r.error.message).toMatch(/^Hop 2 \(S4U2Self from B\.TEST/);
    expect(r.error.remedy).toContain('Add B.TEST under KCD');
    expect(seen).toHaveLength(1);
  });
});
