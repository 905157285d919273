/** Valid sample messages for every decoder: the inputs the unit tests and the fuzz bench mutate. */
import { ctx, flagWord, integer, octets, seq, tlv } from '../../../app/kerberos/asn1/der-writer';
import { KDC_OPTION, MSG_TYPE, NAME_TYPE, PA_TYPE } from '../../../app/kerberos/constants';
import { parseApRep, parseEncApRepPart } from '../../../app/kerberos/messages/ap-rep';
import { parseEncKdcRepPart } from '../../../app/kerberos/messages/enc-kdc-rep-part';
import { encodeKdcReq, encodeKdcReqBody, parseKdcReq } from '../../../app/kerberos/messages/kdc-req';
import { parseKdcRep } from '../../../app/kerberos/messages/kdc-rep';
import { parseKrbError } from '../../../app/kerberos/messages/krb-error';
import { parseErrorData } from '../../../app/kerberos/messages/kerb-error-data';
import { encodePacRequest, encodePaEncTsEnc, parseEtypeInfo2, parsePacRequest, parsePaEncTsEnc } from '../../../app/kerberos/messages/pa-data';
import { encodePaForUser, parsePaForUser } from '../../../app/kerberos/messages/pa-for-user';
import { parseTicketBytes } from '../../../app/kerberos/messages/ticket';
import { parseKrb5Reply, wrapGss } from '../../../app/kerberos/spnego/krb5-token';
import { parseNegTokenResp } from '../../../app/kerberos/spnego/negotiation-token';
import { apRepDer, encApRepPartDer, encKdcRepPartDer, etypeInfo2Der, kdcRepDer, krbErrorDer, methodDataDer, ticketDer } from './builders';

export const REALM = 'SE.AIRWLAB.COM';
export const svc = { nameType: NAME_TYPE.PRINCIPAL, nameString: ['aw_KCDsvc'] };
export const krbtgt = { nameType: NAME_TYPE.SRV_INST, nameString: ['krbtgt', REALM] };
export const t0 = new Date('2026-11-25T12:00:00Z');
export const t1 = new Date('2026-11-25T22:00:00Z');
export const ticket = ticketDer(REALM, krbtgt, { etype: 18, kvno: 1, cipher: Buffer.alloc(40, 7) });
export const sampleTicket = parseTicketBytes(ticket);
export const asRep = kdcRepDer(11, [{ type: PA_TYPE.ETYPE_INFO2, value: etypeInfo2Der([{ etype: 18, salt: `${REALM}aw_KCDsvc` }]) }], REALM, svc, ticket, {
  etype: 18,
  cipher: Buffer.alloc(64, 9),
});
export const encPart = encKdcRepPartDer(25, {
  key: { etype: 18, value: Buffer.alloc(32, 1) },
  nonce: 12345,
  flags: flagWord([1, 8, 9, 10, 15]),
  authtime: t0,
  endtime: t1,
  srealm: REALM,
  sname: krbtgt,
});
export const krbError = krbErrorDer({
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
export const userName = { nameType: NAME_TYPE.PRINCIPAL, nameString: ['alice'] };
export const paForUser = encodePaForUser({ userName, userRealm: REALM, cksum: { cksumtype: -138, checksum: Buffer.alloc(16, 3) }, authPackage: 'Kerberos' });
export const body = encodeKdcReqBody({
  kdcOptions: flagWord([KDC_OPTION.FORWARDABLE, KDC_OPTION.CNAME_IN_ADDL_TKT]),
  realm: REALM,
  sname: { nameType: NAME_TYPE.SRV_INST, nameString: ['HTTP', 'semail01'] },
  till: t1,
  nonce: 0x7ffffff0,
  etypes: [18, 17, 23],
  additionalTickets: [sampleTicket],
});
export const tgsReq = encodeKdcReq(MSG_TYPE.TGS_REQ, [{ type: PA_TYPE.FOR_USER, value: paForUser }], body);
export const apRep = apRepDer({ etype: 18, cipher: Buffer.alloc(50, 2) });
export const encApRep = encApRepPartDer(t0, 999, { etype: 18, value: Buffer.alloc(32, 4) }, 77);
export const negResp = tlv(
  2,
  true,
  1,
  seq([ctx(0, tlv(0, false, 10, Uint8Array.of(0))), ctx(2, octets(wrapGss('1.2.840.113554.1.2.2', Uint8Array.of(2, 0), apRep)))]),
);

/** Every decoder, with one valid input to mutate. */
export const DECODERS: [string, Uint8Array, (b: Uint8Array) => unknown][] = [
  ['Ticket', ticket, parseTicketBytes],
  ['AS-REP', asRep, (b) => parseKdcRep(b, 11)],
  ['EncKDCRepPart', encPart, parseEncKdcRepPart],
  ['KRB-ERROR', krbError, parseKrbError],
  ['e-data', parseKrbError(krbError).eData!, parseErrorData],
  ['KERB-ERROR-DATA', seq([ctx(1, integer(3)), ctx(2, octets(Buffer.from('720000c00000000001000000', 'hex')))]), parseErrorData],
  ['ETYPE-INFO2', etypeInfo2Der([{ etype: 18, salt: 'S', s2kparams: Buffer.alloc(4) }, { etype: 23 }]), parseEtypeInfo2],
  ['PA-ENC-TS-ENC', encodePaEncTsEnc(t0), parsePaEncTsEnc],
  ['PA-PAC-REQUEST', encodePacRequest(false), parsePacRequest],
  ['TGS-REQ', tgsReq, parseKdcReq],
  ['PA-FOR-USER', paForUser, parsePaForUser],
  ['AP-REP', apRep, parseApRep],
  ['EncAPRepPart', encApRep, parseEncApRepPart],
  ['NegTokenResp', negResp, parseNegTokenResp],
  ['krb5 reply token', wrapGss('1.2.840.113554.1.2.2', Uint8Array.of(2, 0), apRep), parseKrb5Reply],
];
