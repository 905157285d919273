import { describe, expect, it } from 'vitest';
import { createSocket } from 'node:dgram';
import { app, ctx, generalString, integer, kerberosTime, seq } from '../../../app/kerberos/asn1/der-writer';
import { encodePrincipalName } from '../../../app/kerberos/messages/principal';
import { parseKdcReq } from '../../../app/kerberos/messages/kdc-req';
import { asReqWithoutPreauth, probeKdc } from '../../../app/kerberos/client/kdc-probe';
import { tcpKdc } from '../kerberos/tcp-kdc';

const REALM = 'SE.AIRWLAB.COM';
const KDC_TIME = new Date('2026-11-25T16:21:10.000Z');

/** KRB-ERROR (RFC 4120 §5.9.1) as a KDC sends it for PREAUTH_REQUIRED. */
function krbError(code: number, susec: number): Uint8Array {
  return app(
    30,
    seq([
      ctx(0, integer(5)),
      ctx(1, integer(30)),
      ctx(4, kerberosTime(KDC_TIME)),
      ctx(5, integer(susec)),
      ctx(6, integer(code)),
      ctx(9, generalString(REALM)),
      ctx(10, encodePrincipalName({ nameType: 2, nameString: ['krbtgt', REALM] })),
    ]),
  );
}

describe('the KDC probe', () => {
  it('is an AS-REQ without pre-authentication for the account, asking for krbtgt, AES only', () => {
    const req = parseKdcReq(asReqWithoutPreauth('aw_KCDsvc', REALM));
    expect(req.msgType).toBe(10);
    expect(req.padata).toEqual([]);
    expect(req.body.cname?.nameString).toEqual(['aw_KCDsvc']);
    expect(req.body.sname?.nameString).toEqual(['krbtgt', REALM]);
    expect(req.body.realm).toBe(REALM);
    expect(req.body.etypes).toEqual([18, 17]);
  });

  it('reads the KDC clock (stime + susec) and the error over TCP', async () => {
    const kdc = await tcpKdc(() => krbError(25, 941_000));
    const r = await probeKdc({ host: 'sedc01', address: '127.0.0.1', port: kdc.port, client: 'aw_KCDsvc', realm: REALM }, 'tcp', 2000);
    kdc.close();
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.answer).toMatchObject({
      kind: 'krb-error',
      kdcTime: new Date(KDC_TIME.getTime() + 941),
      error: { errorCode: 25, realm: REALM, susec: 941_000 },
    });
    expect(parseKdcReq(kdc.requests[0] ?? Buffer.alloc(0)).body.cname?.nameString).toEqual(['aw_KCDsvc']);
  });

  it('reads the same over UDP', async () => {
    const socket = createSocket('udp4');
    socket.on('message', (_msg, rinfo) => socket.send(krbError(6, 0), rinfo.port, rinfo.address));
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    const r = await probeKdc({ host: 'sedc01', address: '127.0.0.1', port: socket.address().port, client: 'nobody', realm: REALM }, 'udp', 2000);
    socket.close();
    expect(r).toMatchObject({ ok: true, value: { transport: 'udp', answer: { kind: 'krb-error', error: { errorCode: 6 }, kdcTime: KDC_TIME } } });
  });

  it('says so when something that is not a KDC answers', async () => {
    const kdc = await tcpKdc(() => Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'));
    const r = await probeKdc({ host: 'sedc01', address: '127.0.0.1', port: kdc.port, client: 'a', realm: REALM }, 'tcp', 2000);
    kdc.close();
    expect(r).toMatchObject({ ok: false, error: { code: 'kdc.bad-reply' } });
  });

  it('times out on a silent UDP port', async () => {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    const r = await probeKdc({ host: 'sedc01', address: '127.0.0.1', port: socket.address().port, client: 'a', realm: REALM }, 'udp', 200);
    socket.close();
    expect(r).toMatchObject({ ok: false, error: { code: 'KRB_KDC_TIMEOUT' } });
  });
});
