import { etypeName } from '../constants';
import { encType, isSupportedEtype } from '../crypto/registry';
import type { EncryptionKey } from '../messages/common';
import type { EncKdcRepPart } from '../messages/enc-kdc-rep-part';
import type { PrincipalName } from '../messages/principal';
import type { Ticket } from '../messages/ticket';
import type { KdcEndpoint } from './transport';

/** A ticket and what we know about it from the KDC's encrypted reply (its times, flags and service). */
export interface Credential extends Pick<EncKdcRepPart, 'flags' | 'authtime' | 'starttime' | 'endtime' | 'renewTill' | 'srealm' | 'sname'> {
  readonly crealm: string;
  readonly cname: PrincipalName;
  readonly ticket: Ticket;
  readonly sessionKey: EncryptionKey;
  readonly kdc: KdcEndpoint;
}

export function credentialFrom(crealm: string, cname: PrincipalName, ticket: Ticket, part: EncKdcRepPart, kdc: KdcEndpoint): Credential {
  return {
    crealm,
    cname,
    ticket,
    sessionKey: part.key,
    flags: part.flags,
    authtime: part.authtime,
    ...(part.starttime ? { starttime: part.starttime } : {}),
    endtime: part.endtime,
    ...(part.renewTill ? { renewTill: part.renewTill } : {}),
    srealm: part.srealm,
    sname: part.sname,
    kdc,
  };
}

/** Why a session key from a KDC reply cannot be used (an etype we never offered, a wrong length), or null. */
export function sessionKeyProblem(key: EncryptionKey): string | null {
  if (!isSupportedEtype(key.etype)) return `the KDC chose session key type ${etypeName(key.etype)}, which was not offered`;
  const bytes = encType(key.etype).keyBytes;
  return key.value.length === bytes ? null : `the ${etypeName(key.etype)} session key has ${key.value.length} bytes, not ${bytes}`;
}
