import { DerError, application, fields, readInt32, readInteger, readKerberosString, readKerberosTime, readOctets, required } from '../asn1/der-reader';
import { MSG_TYPE, PVNO } from '../constants';
import { parsePrincipalName, type PrincipalName } from './principal';

/** KRB-ERROR ::= [APPLICATION 30] (RFC 4120 §5.9.1). */
export interface KrbError {
  readonly ctime?: Date;
  readonly stime: Date;
  readonly susec: number;
  readonly errorCode: number;
  readonly crealm?: string;
  readonly cname?: PrincipalName;
  readonly realm: string;
  readonly sname: PrincipalName;
  readonly eText?: string;
  readonly eData?: Uint8Array;
}

export function parseKrbError(bytes: Uint8Array): KrbError {
  const what = 'KRB-ERROR';
  const f = fields(application(bytes, MSG_TYPE.KRB_ERROR, what), what, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  const pvno = readInteger(required(f, 0, what), `${what}.pvno`);
  const mt = readInteger(required(f, 1, what), `${what}.msg-type`);
  if (pvno !== PVNO || mt !== MSG_TYPE.KRB_ERROR) throw new DerError('DER_BAD_VALUE', `${what}: pvno ${pvno} msg-type ${mt}`);
  const ctime = f.get(2);
  const crealm = f.get(7);
  const cname = f.get(8);
  const etext = f.get(11);
  const edata = f.get(12);
  return {
    ...(ctime ? { ctime: readKerberosTime(ctime, `${what}.ctime`) } : {}),
    stime: readKerberosTime(required(f, 4, what), `${what}.stime`),
    susec: readInt32(required(f, 5, what), `${what}.susec`),
    errorCode: readInt32(required(f, 6, what), `${what}.error-code`),
    ...(crealm ? { crealm: readKerberosString(crealm, `${what}.crealm`) } : {}),
    ...(cname ? { cname: parsePrincipalName(cname, `${what}.cname`) } : {}),
    realm: readKerberosString(required(f, 9, what), `${what}.realm`),
    sname: parsePrincipalName(required(f, 10, what), `${what}.sname`),
    ...(etext ? { eText: readKerberosString(etext, `${what}.e-text`) } : {}),
    ...(edata ? { eData: readOctets(edata, `${what}.e-data`) } : {}),
  };
}

/** The KDC's clock from the error (stime + susec), to the microsecond it reports. */
export function kdcTime(e: KrbError): Date {
  return new Date(e.stime.getTime() + Math.floor(e.susec / 1000));
}
