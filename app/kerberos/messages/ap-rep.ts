import { DerError, application, fields, readInteger, readKerberosTime, readUInt32, required } from '../asn1/der-reader';
import { APP_TAG, MSG_TYPE, PVNO } from '../constants';
import { parseEncryptedData, parseEncryptionKey, type EncryptedData, type EncryptionKey } from './common';

/** AP-REP ::= [APPLICATION 15] and EncAPRepPart ::= [APPLICATION 27] (RFC 4120 §5.5.2). */
export function parseApRep(bytes: Uint8Array): EncryptedData {
  const what = 'AP-REP';
  const f = fields(application(bytes, MSG_TYPE.AP_REP, what), what, [0, 1, 2]);
  const pvno = readInteger(required(f, 0, what), `${what}.pvno`);
  const mt = readInteger(required(f, 1, what), `${what}.msg-type`);
  if (pvno !== PVNO || mt !== MSG_TYPE.AP_REP) throw new DerError('DER_BAD_VALUE', `${what}: pvno ${pvno} msg-type ${mt}`);
  return parseEncryptedData(required(f, 2, what), `${what}.enc-part`);
}

export interface EncApRepPart {
  readonly ctime: Date;
  readonly cusec: number;
  readonly subkey?: EncryptionKey;
  readonly seqNumber?: number;
}

export function parseEncApRepPart(bytes: Uint8Array): EncApRepPart {
  const what = 'EncAPRepPart';
  const f = fields(application(bytes, APP_TAG.ENC_AP_REP_PART, what), what, [0, 1, 2, 3]);
  const sub = f.get(2);
  const sn = f.get(3);
  return {
    ctime: readKerberosTime(required(f, 0, what), `${what}.ctime`),
    cusec: readInteger(required(f, 1, what), `${what}.cusec`),
    ...(sub ? { subkey: parseEncryptionKey(sub, `${what}.subkey`) } : {}),
    ...(sn ? { seqNumber: readUInt32(sn, `${what}.seq-number`) } : {}),
  };
}
